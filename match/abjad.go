package match

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
const consonantHow = "consonants agree (Arabic script writes no short vowels)"

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
	if !ka.read(a.text) || !kb.read(b.text) || ka.n != kb.n || ka.units != kb.units {
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

// consonantDigraphs are the letter groups Latin transcriptions write for
// one consonant, and the unit each stands for.
var consonantDigraphs = [...]struct {
	s string
	u byte
}{
	{"dzh", 'j'}, {"tch", 'S'}, {"tsh", 'S'}, {"sch", 'S'},
	{"dj", 'j'}, {"zh", 'j'}, {"sh", 'S'}, {"ch", 'S'}, {"kh", 'H'}, {"gh", 'k'},
	{"th", 't'}, {"dh", 'z'}, {"ph", 'f'}, {"ck", 'k'},
}

// read sets k to the consonant skeleton of the ASCII name part s: an
// initial vowel as the unit 'A', an initial y or w/v as 'y' or 'w', then
// one unit per consonant (digraphs above; q c g k as k), with vowels, y,
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
		for _, d := range consonantDigraphs {
			if len(s)-i >= len(d.s) && s[i:i+len(d.s)] == d.s {
				u, n = d.u, len(d.s)
				break
			}
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
