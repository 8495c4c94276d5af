package match

import "strings"

// Vowel-insensitive comparison of names written in Arabic or Hebrew script.
//
// Those scripts write consonants and long vowels only, and Latin spellings
// of one name fill in the vowels as the writer heard them: "Umar" and
// "Amor", "Qadir" and "Ghedeir", "Muldi" and "Maoeldi", "Jwadi" and
// "Djouadi". Edit distance counts each vowel as a difference and the
// phonetic key (distance.go) lumps too many consonants together to weigh
// much. So when one name of a pair was written in one of these scripts,
// name parts whose consonants agree, read through the spellings Latin
// transcriptions use for one Arabic letter, align at consonantSim: French
// ou/ch and English w/sh, dj/j, gh/g/q/k (Maghrebi ق is g), dh/z, doubled
// letters once, a final h after a vowel not written.

// consonantSim is the similarity of two name parts whose consonants agree.
const consonantSim = 0.85

// consonantHow says so in explanations.
const consonantHow = "consonants agree (Arabic and Hebrew script write no short vowels)"

// abjadName reports whether s has a letter of Arabic or Hebrew script.
func abjadName(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x590:
		case r <= 0x6FF, r >= 0x750 && r <= 0x77F, r >= 0x8A0 && r <= 0x8FF,
			r >= 0xFB1D && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
			return true
		}
	}
	return false
}

// abjadSim raises s, the similarity partSim gave parts a and b, to
// consonantSim when their consonant skeletons agree and the long vowels of
// the part romanised from Arabic script (aRom, bRom: the part is a
// romanisation, its u, o, i, w and y were written as letters) are heard in
// the other: "hussain" (حسين) is not "Hassan", "mahmud" is not "Muhammad".
func abjadSim(a, b *part, s float64, how string, aRom, bRom bool) (float64, string) {
	if s >= consonantSim || a.kind != kindName || b.kind != kindName || len(a.text) < 4 || len(b.text) < 4 {
		return s, how
	}
	var ka, kb skeleton
	if !ka.read(a.text) || !kb.read(b.text) {
		return s, how
	}
	// Arabic script writes an alef before a word's initial s cluster
	// (استانکزی Stanekzai); Latin spellings drop it.
	if aRom && ka.prothetic(&kb) {
		ka.shift()
	} else if bRom && kb.prothetic(&ka) {
		kb.shift()
	}
	if !ka.sameUnits(&kb) {
		return s, how
	}
	if aRom && !kb.hears(&ka) || bRom && !ka.hears(&kb) {
		return s, how
	}
	return consonantSim, consonantHow
}

// Vowel classes of a slot between consonants.
const (
	vowelU uint8 = 1 << iota // u, o, w
	vowelI                   // i, y
	vowelA                   // a, e
	vowelE                   // e, which may also stand for i
)

// maxUnits is the longest skeleton compared.
const maxUnits = 24

// skeleton is the consonant skeleton of a name part (units) and the
// vowel classes written after each unit (slots[k]: after k units).
type skeleton struct {
	units [maxUnits]byte
	slots [maxUnits + 1]uint8
	n     int
}

// hears reports whether every u and i class vowel of the romanised part r
// finds a vowel of its class (an e for an i) in the same slot of k.
func (k *skeleton) hears(r *skeleton) bool {
	for i := 1; i <= r.n; i++ {
		need, have := r.slots[i]&(vowelU|vowelI), k.slots[i]
		if have&vowelE != 0 {
			have |= vowelI
		}
		if need&^have != 0 {
			return false
		}
	}
	return true
}

// digraphAt returns the unit of the letter group Latin transcriptions
// write for one consonant at s[i:] (dzh dj zh j; tch tsh sch sh ch S; kh H;
// gh k; th T; dh D; ts tz C; ph f; ck k) and its length, or 0 and 1 when there is
// none. s[i+1] exists.
func digraphAt(s string, i int) (byte, int) {
	next := s[i+1]
	three := i+2 < len(s) && s[i+2] == 'h'
	switch s[i] {
	case 'd':
		switch {
		case next == 'z' && three:
			return 'j', 3
		case next == 'j':
			return 'j', 2
		case next == 'h':
			return 'D', 2
		}
	case 't':
		switch {
		case (next == 'c' || next == 's') && three:
			return 'S', 3
		case next == 'h':
			return 'T', 2
		case next == 's' || next == 'z':
			return 'C', 2 // Hebrew צ: ts, tz
		}
	case 's':
		switch {
		case next == 'c' && three:
			return 'S', 3
		case next == 'h':
			return 'S', 2
		}
	case 'z':
		if next == 'h' {
			return 'j', 2
		}
	case 'c':
		switch next {
		case 'h':
			return 'S', 2
		case 'k':
			return 'k', 2
		}
	case 'k':
		if next == 'h' {
			return 'H', 2
		}
	case 'g':
		if next == 'h' {
			return 'k', 2
		}
	case 'p':
		if next == 'h' {
			return 'f', 2
		}
	}
	return 0, 1
}

// sameUnit reports whether two skeleton units stand for one Arabic or
// Hebrew letter: th (ث) is also written t or s, dh (ذ, ض) d or z (Qadhafi,
// Gaddafi; Kadhim, Kazim), ts or tz (צ) z or s (Bezalel).
func sameUnit(a, b byte) bool {
	if a == b {
		return true
	}
	if a > b {
		a, b = b, a
	}
	// Upper case sorts first: a is 'D' or 'T' when one of them is.
	switch a {
	case 'D':
		return b == 'd' || b == 'z'
	case 'T':
		return b == 't' || b == 's'
	case 'C':
		return b == 'z' || b == 's'
	}
	return false
}

// prothetic reports whether k starts with a vowel before an s cluster
// that o starts with, and is o but for it.
func (k *skeleton) prothetic(o *skeleton) bool {
	return k.n == o.n+1 && k.n >= 3 && k.units[0] == 'A' && k.units[1] == 's' && o.units[0] == 's' && k.slots[1] == 0 && k.slots[2] == 0
}

// shift drops k's first unit.
func (k *skeleton) shift() {
	copy(k.units[:], k.units[1:k.n])
	copy(k.slots[:], k.slots[1:k.n+1])
	k.n--
	k.slots[k.n+1] = 0
}

// sameUnits reports whether two skeletons have the same units.
func (k *skeleton) sameUnits(o *skeleton) bool {
	if k.n != o.n {
		return false
	}
	for i := 0; i < k.n; i++ {
		if !sameUnit(k.units[i], o.units[i]) {
			return false
		}
	}
	return true
}

// read sets k to the consonant skeleton of the ASCII name part s: an
// initial vowel as the unit 'A', an initial y or w/v as 'y' or 'w', then
// one unit per consonant (digraphAt; q c g k as k), with vowels, y,
// w and v inside the word (noted in the slots), a final h after a vowel
// and apostrophes left out, and a unit repeated without a vowel between
// written once. It reports false for text that is not lower-case ASCII
// letters, or has fewer than two units or more than maxUnits.
func (k *skeleton) read(s string) bool {
	*k = skeleton{}
	var last byte // last unit written, 0 after a vowel
	for i := 0; i < len(s); {
		c := s[i]
		if (c < 'a' || c > 'z') && c != '\'' {
			return false
		}
		var u byte
		if i == 0 {
			switch c {
			case 'a', 'e', 'i', 'o', 'u':
				u = 'A'
			case 'y':
				u = 'y'
			case 'w', 'v':
				u = 'w'
			}
			if u != 0 {
				k.units[0], k.n, last = u, 1, 0
				i++
				continue
			}
		}
		n := 1
		if i+1 < len(s) {
			u, n = digraphAt(s, i)
		}
		if u == 0 {
			switch c {
			case 'a':
				k.slots[k.n] |= vowelA
			case 'e':
				k.slots[k.n] |= vowelA | vowelE
			case 'i', 'y':
				k.slots[k.n] |= vowelI
			case 'o', 'u', 'w', 'v':
				k.slots[k.n] |= vowelU
			case 'h':
				if i == len(s)-1 && last == 0 {
					i++
					continue
				}
				u = 'h'
			case 'q', 'g', 'k':
				u = 'k'
			case 'c':
				u = 'k'
				if i+1 < len(s) && (s[i+1] == 'e' || s[i+1] == 'i') {
					u = 's'
				}
			case '\'':
			default:
				u = c
			}
			if u == 0 {
				if c != '\'' {
					last = 0
				}
				i++
				continue
			}
		}
		if u != last {
			if k.n == maxUnits {
				return false
			}
			k.units[k.n] = u
			k.n++
		}
		last = u
		i += n
	}
	return k.n >= 2
}

// Latin spellings of Arabic names write the article and the عبد
// compounds in many ways: "Abd al-Rahman", "Abdul Rahman", "Abdel
// Rahman", "Abderrahmane", "Abdurrahman"; "al-Hadi", "El Hadi", "Elhadi";
// "Nur al-Din", "Nour Eddine", "Noureddine", "Nuruddin"; "as-Sayed". In a
// pair with a name written in Arabic script, abjadParts cuts every name
// into the same pieces before the alignment: "abd", the article "al" (el,
// ul, and an article assimilated to a sun letter: ad-Din, ar-Rahman) and
// the word after it.

// articleForms are the spellings of the article as a word of its own.
var articleForms = map[string]bool{"al": true, "el": true, "ul": true, "il": true, "ol": true}

// assimilated are the spellings of the article assimilated to the sun
// letter that follows (ad-Din, ar-Rahman, as-Salam, ash-Shami), each with
// the letters the next word must start with.
var assimilated = map[string]string{
	"ad": "d", "ed": "d", "ud": "d", "ar": "r", "er": "r", "ur": "r",
	"as": "s", "es": "s", "us": "s", "ash": "sh", "esh": "sh", "ush": "sh",
	"at": "t", "et": "t", "ut": "t", "az": "z", "ez": "z", "uz": "z", "an": "n", "en": "n", "un": "n",
}

// dinSuffixes are the endings of a name joined to الدين ("Nureddine",
// "Salahuddin", "Jalaluddin"), cut off as article and "din".
var dinSuffixes = [...]string{"eddine", "eddin", "uddine", "uddin", "uddeen", "addine", "addin", "aldine", "aldin", "eldine", "eldin", "ouddine", "ouddin", "oddin", "iddin"}

// isSun reports whether c starts a sun letter's spelling (t th d dh r z
// s sh n l).
func isSun(c byte) bool {
	switch c {
	case 't', 'd', 'r', 'z', 's', 'n', 'l':
		return true
	}
	return false
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// abdSplit cuts an عبد compound written as one word: "abdelaziz",
// "abdulrahman", "abderrahmane", "abdurrahman", "abdussalam" → "abd", the
// stem; "abdul", "abdel" alone → "abd" and no stem. ok is false for other
// words and for عبد الله (abdullah, abdallah: one name however spelt).
func abdSplit(t string) (stem string, ok bool) {
	if len(t) < 5 || t[:3] != "abd" {
		return "", false
	}
	rest := t[3:]
	// The vowel of the article: a, e, u, o, ou.
	i := 0
	for i < len(rest) && i < 2 && isVowel(rest[i]) {
		i++
	}
	if i == 0 || i == len(rest) {
		return "", false
	}
	rest = rest[i:]
	switch {
	case rest == "l":
		return "", true // abdul, abdel, abdoul
	case rest[0] == 'l':
		stem = rest[1:] // abdulaziz, abdelkader, abdellatif
	case isSun(rest[0]):
		stem = rest // abdurrahman, abderrahmane, abdusalam
		if len(stem) > 1 && stem[1] == stem[0] {
			stem = stem[1:]
		}
	default:
		return "", false
	}
	if len(stem) < 3 || isVowel(stem[0]) && len(stem) < 4 || strings.HasPrefix(stem, "lah") || strings.HasPrefix(stem, "llah") {
		return "", false
	}
	return stem, true
}

// abjadPieces returns the pieces abjadParts cuts the part text t into
// (nil if none), given the text of the next part ("" for the last).
func abjadPieces(t, next string) []string {
	if next != "" {
		if articleForms[t] && t != "al" {
			return []string{"al"}
		}
		if l, ok := assimilated[t]; ok && strings.HasPrefix(next, l) {
			return []string{"al"}
		}
	}
	if stem, ok := abdSplit(t); ok {
		if stem == "" {
			return []string{"abd", "al"}
		}
		return []string{"abd", "al", stem}
	}
	for _, suf := range dinSuffixes {
		if t == suf {
			return []string{"al", "din"} // Salah Eddine
		}
		if len(t) >= len(suf)+3 && strings.HasSuffix(t, suf) {
			return []string{t[:len(t)-len(suf)], "al", "din"}
		}
	}
	// The article joined to the word: "elhadi", "almansour" (a consonant
	// after it and four letters or more of the word).
	if len(t) >= 6 && (t[:2] == "al" || t[:2] == "el") && !isVowel(t[2]) && t[2] != 'l' && t[2] != 'y' && t[2] != 'w' {
		return []string{"al", t[2:]}
	}
	return nil
}

// abjadParts returns ps with the article and عبد compounds cut out as
// above; ps itself when nothing was cut. New pieces are analysed as
// parts of class c; a word's weight (idf.go) stays with its stem. In a
// person's name "abd", and "din" after the article, weigh as particles:
// like the article, they
// are shared by thousands of names (Abd al-Rahman, Abd al-Aziz; Nur
// al-Din, Salah al-Din), and the word they are compounded with says whose
// name it is.
func abjadParts(c class, ps []part) []part {
	var out []part
	for i := range ps {
		p := ps[i]
		var pieces []string
		if p.kind == kindName || p.kind == kindStop {
			next := ""
			if i+1 < len(ps) {
				next = ps[i+1].text
			}
			pieces = abjadPieces(p.text, next)
		}
		if pieces == nil {
			if c == classPerson && particle(p.text, out, ps[:i]) {
				if out == nil {
					out = append(make([]part, 0, len(ps)+2), ps[:i]...)
				}
				p.kind, p.groups, p.phon, p.fold = kindStop, nil, "", ""
			}
			if out != nil {
				out = append(out, p)
			}
			continue
		}
		if out == nil {
			out = append(make([]part, 0, len(ps)+2), ps[:i]...)
		}
		for _, s := range pieces {
			np := analyseTokens(c, "", []string{s}).parts[0]
			if c == classPerson && particle(s, out, nil) {
				np.kind, np.groups, np.phon, np.fold = kindStop, nil, "", ""
			} else if np.kind == kindName && len(pieces) > 1 {
				np.iw, np.common, np.rare, np.unseen = p.iw, p.common, p.rare, p.unseen
			}
			out = append(out, np)
		}
	}
	if out == nil {
		return ps
	}
	return out
}

// particle reports whether the name part t, after the parts before (out,
// or ps when out is nil), weighs as a particle: "abd", and "din" after the
// article.
func particle(t string, out, ps []part) bool {
	if t == "abd" {
		return true
	}
	prev := ps
	if out != nil {
		prev = out
	}
	return (t == "din" || t == "dine" || t == "deen") && len(prev) > 0 && prev[len(prev)-1].text == "al"
}
