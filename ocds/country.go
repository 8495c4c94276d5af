package ocds

import "strings"

// countryNames maps country names seen in OCDS data (lower case, in the
// publishers' languages) to ISO 3166-1 alpha-2 codes. It is deliberately
// small: names not listed are kept as given.
var countryNames = map[string]string{
	"armenia": "AM", "հայաստան": "AM",
	"colombia": "CO",
	"mexico":   "MX", "méxico": "MX", "m?xico": "MX", "estados unidos mexicanos": "MX",
	"moldova": "MD", "republic of moldova": "MD", "republica moldova": "MD", "moldova, republic of": "MD",
	"nigeria":  "NG",
	"paraguay": "PY",
	"ukraine":  "UA", "україна": "UA", "украина": "UA",
	"united kingdom": "GB", "great britain": "GB",
	"united states": "US", "united states of america": "US", "usa": "US", "e.e.u.u.": "US", "estados unidos": "US",
}

// countryCode returns the ISO alpha-2 code of a country name where it is
// recognised (or already a two-letter code), else the name trimmed.
func countryCode(name string) string {
	n := strings.TrimSpace(name)
	if len(n) == 2 && isLetter(n[0]) && isLetter(n[1]) {
		return strings.ToUpper(n)
	}
	if c, ok := countryNames[strings.ToLower(n)]; ok {
		return c
	}
	return n
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
