package translit

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Greek in the ELOT 743 / UN system that Greek passports use: modern
// pronunciation letters (β v, η i, υ y, χ ch, ω o) and digraphs (ου ou, αι
// ai, ει ei, οι oi, αυ av, ευ ev; μπ b and ντ d at the start of a word, mb
// and nd inside; γγ and γκ ng). A diaeresis keeps two vowels apart (αϊ ai).
// The English forms of common given names (Γεώργιος → George), the Latin
// ending -us for -os, and ks for ξ are given as variants.

var greekLetters = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i",
	'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s",
	'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o", 'ϐ': "v", 'ϑ': "th",
	'ϕ': "f", 'ϲ': "s", 'ϊ': "i", 'ϋ': "y",
}

// greekDigraphs, checked before single letters.
var greekDigraphs = map[string]string{
	"ου": "ou", "αυ": "av", "ευ": "ev", "ηυ": "iv", "γγ": "ng", "γκ": "gk", "γξ": "nx", "γχ": "nch",
	"μπ": "mp", "ντ": "nt", "τσ": "ts", "τζ": "tz",
}

// greekGivenNames maps the Greek form of common given names (ELOT
// spelling) to their English form.
var greekGivenNames = map[string]string{
	"georgios": "george", "konstantinos": "constantine", "ioannis": "john", "dimitrios": "dimitri",
	"nikolaos": "nicholas", "panagiotis": "peter", "vasileios": "basil", "christos": "christopher",
	"athanasios": "thanos", "michail": "michael", "evangelos": "evangelos", "spyridon": "spyros",
	"antonios": "anthony", "emmanouil": "emmanuel", "alexandros": "alexander", "petros": "peter",
	"pavlos": "paul", "andreas": "andrew", "stefanos": "stephen", "theodoros": "theodore",
	"charalampos": "haralambos", "anastasios": "anastasios", "ilias": "elias", "thomas": "thomas",
	"filippos": "philip", "markos": "mark", "loukas": "luke", "matthaios": "matthew", "iakovos": "jacob",
	"maria": "maria", "eleni": "helen", "aikaterini": "catherine", "vasiliki": "vasiliki",
	"sofia": "sophia", "anna": "anna", "eirini": "irene", "dimitra": "demetra", "georgia": "georgia",
}

func greekParts(words []string) []Part {
	out := make([]Part, 0, len(words))
	for _, w := range words {
		l := greekWord(w)
		if l == "" {
			continue
		}
		p := Part{Source: w, Script: "Greek", Latin: l, Rule: "ELOT 743 (Greek passports)"}
		if en, ok := greekGivenNames[l]; ok && en != l {
			p.Variants = append(p.Variants, Variant{Latin: en, Rule: "English form of the given name"})
		}
		if strings.HasSuffix(l, "os") && len(l) > 4 {
			p.Variants = append(p.Variants, Variant{Latin: strings.TrimSuffix(l, "os") + "us", Rule: "Latin ending -us for -os"})
		}
		if strings.Contains(l, "x") {
			p.Variants = append(p.Variants, Variant{Latin: strings.ReplaceAll(l, "x", "ks"), Rule: "ξ written ks"})
		}
		out = append(out, p)
	}
	return out
}

func greekWord(w string) string {
	// Lower case, accents off, diaeresis kept (it parts two vowels).
	var rs []rune
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case r == 0x308:
			if n := len(rs); n > 0 {
				switch rs[n-1] {
				case 'ι':
					rs[n-1] = 'ϊ'
				case 'υ':
					rs[n-1] = 'ϋ'
				}
			}
		case r >= 0x300 && r <= 0x36F:
		default:
			rs = append(rs, r)
		}
	}
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if i+1 < len(rs) {
			if d, ok := greekDigraphs[string(rs[i:i+2])]; ok {
				switch {
				case d == "mp" && i == 0:
					d = "b"
				case d == "nt" && i == 0:
					d = "d"
				case d == "gk" && i == 0:
					d = "g"
				case d == "gk":
					d = "ng"
				}
				b.WriteString(d)
				i++
				continue
			}
		}
		if l, ok := greekLetters[rs[i]]; ok {
			b.WriteString(l)
		}
	}
	return b.String()
}
