package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Part is one romanised part of a name: a word, or a family or given name
// cut out of a word (Chinese and Korean names are written without spaces).
type Part struct {
	Source   string    `json:"source"`             // the part as written
	Script   string    `json:"script"`             // "Arabic", "Han", "Kana", "Hangul", "Thai", …
	Latin    string    `json:"latin"`              // the key compared; may be several words ("al majid")
	Rule     string    `json:"rule"`               // how Latin was made
	Variants []Variant `json:"variants,omitempty"` // other usual spellings
}

// Variant is another usual Latin spelling of a part and the rule that makes it.
type Variant struct {
	Latin string `json:"latin"`
	Rule  string `json:"rule"`
}

// script identifies a script this package romanises.
type script uint8

const (
	other script = iota
	arabic
	han
	kana
	hangul
	thai
	devanagari
	khmer
	hebrew
	greek
)

// scriptOf returns the script of r, or other.
func scriptOf(r rune) script {
	switch {
	case r < 0x370:
		return other
	case r <= 0x3FF:
		return greek
	case r >= 0x590 && r <= 0x5FF, r >= 0xFB1D && r <= 0xFB4F:
		return hebrew
	case r >= 0x600 && r <= 0x6FF, r >= 0x750 && r <= 0x77F, r >= 0x8A0 && r <= 0x8FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		return arabic
	case r >= 0x900 && r <= 0x97F:
		return devanagari
	case r >= 0xE00 && r <= 0xE7F:
		return thai
	case r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F, r >= 0xAC00 && r <= 0xD7A3:
		return hangul
	case r >= 0x1780 && r <= 0x17FF:
		return khmer
	case r >= 0x1F00 && r <= 0x1FFF:
		return greek
	case r >= 0x3040 && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9F:
		return kana
	case r == 0x3005 || r == 0x3007, r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF,
		r >= 0xF900 && r <= 0xFAFF, r >= 0x20000 && r <= 0x2FFFF:
		return han
	}
	return other
}

// Needs reports whether s has a letter of a script this package romanises
// (if not, Latin returns s unchanged).
func Needs(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return needsSlow(s[i:])
		}
	}
	return false
}

func needsSlow(s string) bool {
	for _, r := range s {
		if r >= 0x370 && (scriptOf(r) != other || isCompat(r) && compatHandled(r)) {
			return true
		}
	}
	return false
}

// compatHandled reports whether the compatibility character r stands for
// letters of a script romanised here (㍈ for ミクロン, ㉠ for ㄱ).
func compatHandled(r rune) bool {
	for _, k := range norm.NFKC.String(string(r)) {
		if k >= 0x370 && scriptOf(k) != other {
			return true
		}
	}
	return false
}

// MaxLen is the longest input, in bytes, that Latin and Parts read; longer
// input is cut at a rune boundary. No real name is this long.
const MaxLen = 4096

// Latin returns s with every run of a script this package romanises
// replaced by its romanisation (the parts' keys, separated by spaces and set
// off from the text around them by spaces). Other text, Latin or Cyrillic
// included, is returned as it was, less invisible formatting characters
// (direction marks, joiners, BOM) and with the katakana middle dot as a
// space, when the name has text to romanise. It never fails.
func Latin(s string) string {
	if !Needs(s) {
		return s
	}
	var b strings.Builder
	walk(s, func(text string) { b.WriteString(text) }, func(ps []Part) {
		b.WriteByte(' ')
		for i, p := range ps {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p.Latin)
		}
		b.WriteByte(' ')
	})
	return b.String()
}

// Parts returns the romanised parts of s, in order, each with the rule
// that made it and its variants. Text of other scripts is left out.
func Parts(s string) []Part {
	if !Needs(s) {
		return nil
	}
	var out []Part
	walk(s, func(string) {}, func(ps []Part) { out = append(out, ps...) })
	return out
}

// walk cuts s into segments: text of scripts handled elsewhere (passed to
// keep) and runs of words of one handled script separated only by spaces
// (romanised and passed to emit).
func walk(s string, keep func(string), emit func([]Part)) {
	if len(s) > MaxLen {
		n := MaxLen
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	s = compatForms(s)
	ctx := context{japanese: hasKana(s)}
	i := 0
	for i < len(s) {
		// Text of other scripts up to the next handled letter.
		j, sc := nextHandled(s, i)
		if j > i {
			keep(keepText(s[i:j]))
		}
		if j >= len(s) {
			return
		}
		// Words of script sc, separated by white space.
		var words []string
		k := j
		for {
			w, end := wordAt(s, k, sc)
			if w != "" {
				words = append(words, w)
			}
			k = end
			// Continue past spaces if the next word is of the same script.
			m := k
			for m < len(s) {
				r, n := utf8.DecodeRuneInString(s[m:])
				if !unicode.IsSpace(r) && !invisible(r) {
					break
				}
				m += n
			}
			if m == k || m >= len(s) {
				break
			}
			r, _ := utf8.DecodeRuneInString(s[m:])
			if scriptOf(r) != sc || !unicode.IsLetter(r) {
				break
			}
			k = m
		}
		if len(words) > 0 {
			emit(romanise(sc, words, ctx))
		}
		i = k
	}
}

// compatForms replaces Arabic presentation forms, half-width kana,
// compatibility ideographs, enclosed and full-width letters by their
// ordinary forms (Unicode NFKC of those characters only: NFKC of the whole
// name would also decompose Thai ำ and Devanagari nukta letters, which the
// romanisers read whole).
func compatForms(s string) string {
	need := false
	for _, r := range s {
		if isCompat(r) {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if !isCompat(r) {
			out = append(out, r)
			continue
		}
		k := []rune(norm.NFKC.String(string(r)))
		if len(k) == 1 && (k[0] == 0x3099 || k[0] == 0x309A) && len(out) > 0 {
			// A half-width voicing mark composes with the kana before it.
			if c := []rune(norm.NFC.String(string(out[len(out)-1]) + string(k))); len(c) == 1 {
				out[len(out)-1] = c[0]
				continue
			}
		}
		out = append(out, k...)
	}
	return string(out)
}

func isCompat(r rune) bool {
	return r >= 0xF900 && r <= 0xFAFF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF ||
		r >= 0xFF00 && r <= 0xFFEF || r >= 0x3200 && r <= 0x33FF ||
		r >= 0x2F00 && r <= 0x2FDF || r >= 0x3190 && r <= 0x319F // Kangxi radicals, kanbun marks (NFKC: Han)
}

// nextHandled returns the byte offset of the next letter of a handled script
// at or after i, and its script (len(s) if none).
func nextHandled(s string, i int) (int, script) {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x370 && unicode.IsLetter(r) {
			if sc := scriptOf(r); sc != other {
				return i, sc
			}
		}
		i += n
	}
	return len(s), other
}

// wordAt returns the word of script sc starting at i (letters and marks of
// the script; invisible formatting characters inside it are dropped) and
// the offset after it.
func wordAt(s string, i int, sc script) (string, int) {
	start := i
	clean := true
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if invisible(r) {
			clean = false
			i += n
			continue
		}
		if scriptOf(r) != sc && !(unicode.Is(unicode.Mn, r) && i > start) {
			break
		}
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && r != 0x30FC && r != 0x3005 {
			break // digits and punctuation of the script are left to the caller
		}
		i += n
	}
	w := s[start:i]
	if !clean {
		w = strings.Map(func(r rune) rune {
			if invisible(r) {
				return -1
			}
			return r
		}, w)
	}
	// Trailing invisible characters belong to the space after the word.
	return w, i
}

// keepText is text of other scripts as Latin returns it: invisible
// formatting characters dropped, the katakana middle dot between two words
// of a foreign name (ドナルド・トランプ) a space.
func keepText(s string) string {
	s = dropInvisible(s)
	if strings.Contains(s, "・") {
		s = strings.ReplaceAll(s, "・", " ")
	}
	return s
}

func dropInvisible(s string) string {
	if !strings.ContainsFunc(s, invisible) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}

// invisible reports whether r is a formatting character with no letter in
// it: joiners, direction marks and embeddings, the soft hyphen, BOM.
func invisible(r rune) bool {
	return r == 0xAD || unicode.Is(unicode.Cf, r)
}

// context is what a romaniser needs to know about the whole name.
type context struct {
	japanese bool // the name has kana: Han characters are Japanese kanji
}

func hasKana(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30FF && r != 0x30FB {
			return true
		}
	}
	return false
}

// romanise dispatches one run of words of script sc.
func romanise(sc script, words []string, ctx context) []Part {
	switch sc {
	case arabic:
		return arabicParts(words)
	case han:
		return hanParts(words, ctx)
	case kana:
		return kanaParts(words)
	case hangul:
		return hangulParts(words)
	case thai:
		return thaiParts(words)
	case devanagari:
		return indicParts(words, devanagariTable)
	case khmer:
		return indicParts(words, khmerTable)
	case hebrew:
		return hebrewParts(words)
	case greek:
		return greekParts(words)
	}
	return nil
}
