package register

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// legalForms are trailing words that name a company's legal form; they are
// dropped for comparison ("Dell Federal Systems, L.P." = "DELL FEDERAL
// SYSTEMS LP"). Only forms written as whole words at the end are dropped,
// so "Co" inside a name survives.
var legalForms = map[string]bool{
	"inc": true, "incorporated": true, "llc": true, "lc": true, "llp": true, "lp": true, "ltd": true,
	"limited": true, "corp": true, "corporation": true, "co": true, "company": true, "plc": true,
	"pllc": true, "pc": true, "gmbh": true, "ag": true, "sa": true, "sas": true, "sarl": true,
	"srl": true, "spa": true, "bv": true, "nv": true, "ab": true, "as": true, "oy": true, "kg": true,
	"sl": true, "sac": true, "cv": true, "de": true, "sociedad": true, "anonima": true, "pty": true,
	"pte": true, "ooo": true, "zao": true, "oao": true, "pao": true, "jsc": true, "tov": true, "pp": true,
}

// leadingForms are legal forms written before the name, as in Russian and
// Ukrainian usage ("ООО Ромашка").
var leadingForms = map[string]bool{
	"ооо": true, "оао": true, "зао": true, "пао": true, "ао": true, "тов": true, "пп": true,
	"ooo": true, "oao": true, "zao": true, "pao": true, "tov": true,
}

// NormalizeName is the strict key used to resolve organizations: lower case,
// accents removed, "&" read as "and", punctuation removed (so "L.P." becomes
// "lp"), the article "the" dropped, and legal forms dropped (trailing ones, and leading ones in the
// Russian manner). It
// returns "" for a name with no letters or digits.
func NormalizeName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining mark: dropped with its accent
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '&':
			b.WriteString(" and ")
		case r == '.' || r == '\'' || r == '’':
			// joined: "L.P." → "lp", "O'Brien" → "obrien"
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	out := words[:0]
	for _, w := range words {
		if w != "the" {
			out = append(out, w)
		}
	}
	for len(out) > 1 && leadingForms[out[0]] {
		out = out[1:]
	}
	for len(out) > 1 && legalForms[out[len(out)-1]] {
		out = out[:len(out)-1]
	}
	return strings.Join(out, " ")
}
