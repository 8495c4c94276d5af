package match

import "strings"

// Name-forming affixes. Many person names are built from a stem and an
// affix shared by thousands of other names: Arabic theophoric names
// ("Abdur-Rahim", "Hamid-ullah", "Shams-uddin"), Georgian and Slavic
// family-name and patronymic endings ("-shvili", "-ovich"), Turkic and
// Persian ones ("-oglu", "-zadeh"). When both parts carry the same affix it
// says nothing about identity, so edits are measured against the rest of
// the word: "Shamsuddin" / "Shahabuddin" differ in "shams" / "shahab", not
// in two letters of eleven. Longest affixes first; only affixes of three
// letters or more, so that no short ending of ordinary names is stripped.
var (
	namePrefixes = []string{"abdul", "abdel", "abdal", "abdur", "abdor", "abd"}
	nameSuffixes = []string{
		"uddin", "eddine", "eddin", "addin", "uddeen", "ullah", "ollah", "allah", "ullo",
		"shvili", "dze", "iani", "ovich", "evich", "ovna", "evna", "enko", "oglu", "ogly",
		"zadeh", "zada",
	}
)

// minStem is the fewest letters left on each side once an affix is removed.
const minStem = 4

// sharedAffix returns how many leading and trailing bytes of a and b form
// an affix both share (ASCII affixes, so bytes are letters).
func sharedAffix(a, b string) (pre, suf int) {
	if len(a) < minStem+3 || len(b) < minStem+3 {
		return 0, 0
	}
	// Cheap tests first: every prefix starts "abd", every suffix is three
	// letters or more.
	if a[:3] == "abd" && b[:3] == "abd" {
		pre = 1
	}
	if a[len(a)-3:] == b[len(b)-3:] {
		suf = 1
	}
	if pre+suf == 0 {
		return 0, 0
	}
	pre, suf = 0, 0
	for _, p := range namePrefixes {
		if strings.HasPrefix(a, p) && strings.HasPrefix(b, p) {
			pre = len(p)
			break
		}
	}
	for _, s := range nameSuffixes {
		if strings.HasSuffix(a, s) && strings.HasSuffix(b, s) {
			suf = len(s)
			break
		}
	}
	// Keep a stem of minStem letters on both sides; prefer the suffix.
	short := min(len(a), len(b))
	if pre > 0 && short-pre-suf < minStem {
		pre = 0
	}
	if suf > 0 && short-pre-suf < minStem {
		suf = 0
	}
	return pre, suf
}
