package match

import "strings"

// spellFold maps the spellings that transliteration systems use for one
// sound to one spelling, so that "Sergejs" (Latvian), "Sergey" (English)
// and "Serguei" (French), "Djamel" (French) and "Jamal", or "Dzhabarov"
// and "Jabarov" compare on what they share: kh/h, gh/g, ph/f, th/t,
// sch/sh, tch/ch, dzh/dj/j/y/i, ou/oo/u, ee/ie/i, w/v, ck/q/k, x/ks
// ("Aleksandr", "Alexander"; "Cimeks", "Cimex") and doubled letters. zh is written j, one letter from the others ("Ahmadinezhad",
// "Ahmadinejad"; "Zhukov", "Joukov"), not i: Chinese Zhang is not Yang.
// It is applied to both names alike (a key, not a rewrite of one side).
var spellFold = strings.NewReplacer(
	"sch", "sh", "tch", "ch", "dzh", "i", "kh", "h", "gh", "g", "ph", "f", "th", "t",
	"dj", "i", "zh", "j", "ou", "u", "oo", "u", "ee", "i", "ie", "i",
	"ck", "k", "q", "k", "w", "v", "y", "i", "j", "i", "x", "ks",
)

// foldSpelling returns the spelling key of an ASCII name part ("" for
// other text).
func foldSpelling(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return ""
		}
	}
	f := spellFold.Replace(s)
	// Doubled letters count once ("Abdurrahman", "Abdurahman").
	b := make([]byte, 0, len(f))
	for i := 0; i < len(f); i++ {
		if i > 0 && f[i] == f[i-1] {
			continue
		}
		b = append(b, f[i])
	}
	return string(b)
}
