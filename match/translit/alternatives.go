package translit

import "strings"

// Alternative is a whole name romanised with another system's spellings
// wherever a part has one: Wade–Giles for Chinese, Revised Romanization
// for a Korean given name, another spelling of a Korean family name, the
// English form of a Greek given name, Thai with a final ร silent. Latin gives each part one key, the
// spelling closest to most lists; a list that follows the other system
// (Taiwan's "Chiang Kai-shek", South Korea's "Park Geun-hye", "George
// Papadopoulos") is compared with the alternative too.
type Alternative struct {
	Latin string `json:"latin"` // the name as Latin would return it, with the other spellings
	Rule  string `json:"rule"`  // the system, as the variants it took name it
}

// alternativeSystems are the variant rules (by prefix) an alternative
// applies to every part that has one.
var alternativeSystems = [...]string{
	"Wade–Giles",
	"Revised Romanization",
	"other spelling of the family name",
	"English form of the given name",
	"ξ written ks",
	"RTGS with ร after a final consonant silent",
}

// maxAlternatives bounds the alternatives of one name (each is compared
// as a name of its own).
const maxAlternatives = 6

// Alternatives returns the other romanisations of s, at most
// maxAlternatives, none equal to Latin(s) or to one another; nil for a
// name without a part that has such a variant.
func Alternatives(s string) []Alternative {
	if !Needs(s) {
		return nil
	}
	type segment struct {
		text  string
		parts []Part
	}
	var segs []segment
	walk(s, func(t string) { segs = append(segs, segment{text: t}) }, func(ps []Part) { segs = append(segs, segment{parts: ps}) })
	key := Latin(s)
	var out []Alternative
	seen := map[string]bool{key: true}
	for _, sys := range alternativeSystems {
		// A part may have several variants of one system (이: Yi, Rhee,
		// Ri): the k-th alternative takes each part's k-th, or its last.
		most := 0
		for _, sg := range segs {
			for _, p := range sg.parts {
				most = max(most, countVariants(p, sys))
			}
		}
		for k := 0; k < most && len(out) < maxAlternatives; k++ {
			var b strings.Builder
			for _, sg := range segs {
				if sg.parts == nil {
					b.WriteString(sg.text)
					continue
				}
				b.WriteByte(' ')
				for i, p := range sg.parts {
					if i > 0 {
						b.WriteByte(' ')
					}
					b.WriteString(variantOf(p, sys, k))
				}
				b.WriteByte(' ')
			}
			if alt := b.String(); !seen[alt] {
				seen[alt] = true
				out = append(out, Alternative{Latin: alt, Rule: sys})
			}
		}
	}
	return out
}

// countVariants counts p's variants of system sys.
func countVariants(p Part, sys string) int {
	n := 0
	for _, v := range p.Variants {
		if strings.HasPrefix(v.Rule, sys) {
			n++
		}
	}
	return n
}

// variantOf returns p's k-th variant of system sys (its last when it has
// fewer), or its key when it has none.
func variantOf(p Part, sys string, k int) string {
	latin := p.Latin
	for _, v := range p.Variants {
		if strings.HasPrefix(v.Rule, sys) {
			latin = v.Latin
			if k == 0 {
				break
			}
			k--
		}
	}
	return latin
}
