package match

import "strings"

// Ethiopic (Ge'ez script: Amharic, Tigrinya) is a syllabary laid out in
// Unicode as rows of eight: a consonant in its seven vowel orders and, for
// most rows, a labialised form. Each syllable is romanised as the row's
// consonant plus the order's vowel, after the common practical spelling of
// Amharic names (ዐቢይ አሕመድ → "abiy ahmed"): first order e (a on the
// vowel carriers አ and ዐ), sixth order no vowel (i on the carriers).
const ethiopicFirst, ethiopicLast = 0x1200, 0x1357

// ethiopicRows are the consonants of the rows from U+1200, eight code points
// each; "" is a vowel carrier.
var ethiopicRows = [...]string{
	"h", "l", "h", "m", "s", "r", "s", "sh", "q", "qw", "q", "qw", "b", "v", "t", "ch",
	"h", "hw", "n", "ny", "", "k", "kw", "kh", "khw", "w", "", "z", "zh", "y", "d", "d",
	"j", "g", "gw", "ng", "t", "ch", "p", "ts", "ts", "f", "p",
}

var ethiopicVowels = [...]string{"e", "u", "i", "a", "e", "", "o", "wa"}

// writeEthiopic romanises one Ethiopic syllable (r in ethiopicFirst..ethiopicLast).
func writeEthiopic(b *strings.Builder, r rune) {
	row, order := int(r-ethiopicFirst)/8, int(r-ethiopicFirst)%8
	if row >= len(ethiopicRows) {
		return
	}
	c, v := ethiopicRows[row], ethiopicVowels[order]
	if c == "" {
		switch order {
		case 0:
			v = "a"
		case 5:
			v = "i"
		}
	}
	if strings.HasSuffix(c, "w") && order != 7 {
		// Labialised rows: qwe, qwi, qwa…; their eighth slot is unused.
		if v == "" {
			v = "u"
		}
	}
	b.WriteString(c)
	b.WriteString(v)
}
