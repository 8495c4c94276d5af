package lists

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// countryVariants are the spellings used by OFAC, the UN and common usage
// that differ from the CLDR English region names of golang.org/x/text. Keys
// are normalised with countryKey.
var countryVariants = map[string]string{
	"korea north":                          "KP",
	"north korea":                          "KP",
	"democratic peoples republic of korea": "KP",
	"korea democratic peoples republic of": "KP",
	"dprk":                                 "KP",
	"korea south":                          "KR",
	"south korea":                          "KR",
	"republic of korea":                    "KR",
	"korea republic of":                    "KR",
	"burma":                                "MM",
	"iran islamic republic of":             "IR",
	"islamic republic of iran":             "IR",
	"russian federation":                   "RU",
	"syrian arab republic":                 "SY",
	"palestinian":                          "PS",
	"palestine":                            "PS",
	"state of palestine":                   "PS",
	"west bank":                            "PS",
	"gaza":                                 "PS",
	"congo democratic republic of the":     "CD",
	"democratic republic of the congo":     "CD",
	"democratic republic of congo":         "CD",
	"congo republic of the":                "CG",
	"republic of the congo":                "CG",
	"congo":                                "CG",
	"united republic of tanzania":          "TZ",
	"tanzania united republic of":          "TZ",
	"venezuela bolivarian republic of":     "VE",
	"bolivia plurinational state of":       "BO",
	"lao peoples democratic republic":      "LA",
	"laos":                                 "LA",
	"viet nam":                             "VN",
	"republic of moldova":                  "MD",
	"moldova republic of":                  "MD",
	"micronesia federated states of":       "FM",
	"man isle of":                          "IM",
	"virgin islands british":               "VG",
	"british virgin islands":               "VG",
	"virgin islands us":                    "VI",
	"ivory coast":                          "CI",
	"cote divoire":                         "CI",
	"turkey":                               "TR",
	"turkiye":                              "TR",
	"czech republic":                       "CZ",
	"macedonia":                            "MK",
	"north macedonia":                      "MK",
	"macedonia the former yugoslav republic of": "MK",
	"the former yugoslav republic of macedonia": "MK",
	"bosnia herzegovina":                        "BA",
	"bosnia and herzegovina":                    "BA",
	"kosovo":                                    "XK",
	"united states of america":                  "US",
	"united states":                             "US",
	"usa":                                       "US",
	"uk":                                        "GB",
	"great britain":                             "GB",
	"united kingdom of great britain and northern ireland": "GB",
	"holy see":                         "VA",
	"vatican city":                     "VA",
	"swaziland":                        "SZ",
	"eswatini":                         "SZ",
	"cape verde":                       "CV",
	"cabo verde":                       "CV",
	"east timor":                       "TL",
	"timor leste":                      "TL",
	"brunei darussalam":                "BN",
	"gambia the":                       "GM",
	"the gambia":                       "GM",
	"bahamas the":                      "BS",
	"the bahamas":                      "BS",
	"hong kong":                        "HK",
	"macau":                            "MO",
	"macao":                            "MO",
	"taiwan":                           "TW",
	"taiwan province of china":         "TW",
	"china":                            "CN",
	"peoples republic of china":        "CN",
	"curacao":                          "CW",
	"sint maarten":                     "SX",
	"saint martin":                     "MF",
	"falkland islands":                 "FK",
	"netherlands the":                  "NL",
	"the netherlands":                  "NL",
	"kingdom of the netherlands":       "NL",
	"niger the":                        "NE",
	"sudan the":                        "SD",
	"philippines the":                  "PH",
	"united arab emirates the":         "AE",
	"syria":                            "SY",
	"iran":                             "IR",
	"russia":                           "RU",
	"kyrgyz republic":                  "KG",
	"slovak republic":                  "SK",
	"myanmar":                          "MM",
	"saint vincent and the grenadines": "VC",
	"antigua":                          "AG",
	"saint lucia":                      "LC",
	"sao tome and principe":            "ST",
	"reunion":                          "RE",
	"aland islands":                    "AX",
	"state of libya":                   "LY",
	"libyan arab jamahiriya":           "LY",
	"federal republic of germany":      "DE",
	"cote d ivoire":                    "CI",
	"china hong kong special administrative region": "HK",
	"hong kong special administrative region":       "HK",
	"china macao special administrative region":     "MO",
	"north macedonia the republic of":               "MK",
	"republic of north macedonia":                   "MK",
	"palestinian authority":                         "PS",
	"crimea":                                        "UA",
	"north gaza":                                    "PS",
	"northern gaza":                                 "PS",
	"northern mali":                                 "ML",
}

var (
	countryOnce  sync.Once
	countryTable map[string]string
	countryCodes map[string]bool
)

func loadCountries() {
	t := make(map[string]string, 600)
	codes := map[string]bool{"XK": true}
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code || r.ISO3() == "" || code == "ZZ" {
				continue
			}
			if r.Canonicalize() != r {
				continue
			}
			name := names.Name(r)
			if name == "" {
				continue
			}
			t[countryKey(name)] = code
			codes[code] = true
			// "Myanmar (Burma)" → also "Myanmar"; "Hong Kong SAR China" → "Hong Kong".
			if i := strings.Index(name, " ("); i > 0 {
				t[countryKey(name[:i])] = code
			}
		}
	}
	for k, v := range countryVariants {
		t[k] = v
	}
	countryTable = t
	countryCodes = codes
}

var foldMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// countryKey lowercases, strips diacritics and punctuation, spells "&" as
// "and" and "St." as "saint", and collapses spaces.
func countryKey(s string) string {
	if folded, _, err := transform.String(foldMarks, s); err == nil {
		s = folded
	}
	s = strings.ToLower(s)
	var b strings.Builder
	space := false
	words := strings.Fields(strings.NewReplacer("&", " and ", "-", " ", "’", "", "'", "", ".", " . ").Replace(s))
	for i, w := range words {
		if w == "st" && i+1 < len(words) && words[i+1] == "." {
			w = "saint"
		}
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteRune(r)
			}
		}
		space = true
	}
	return b.String()
}

// IsNoCountry reports whether a country field says that there is none
// ("None Identified", "undetermined"), which is not worth a warning.
func IsNoCountry(name string) bool {
	switch countryKey(name) {
	case "", "none identified", "undetermined", "unknown", "none":
		return true
	}
	return false
}

// CountryCode returns the ISO 3166-1 alpha-2 code for a country name as the
// lists spell it ("Russia", "Korea, North", "Iran (Islamic Republic of)"),
// or for a two-letter code given as such; ok is false when it is unknown.
func CountryCode(name string) (code string, ok bool) {
	countryOnce.Do(loadCountries)
	name = strings.TrimSpace(name)
	if name == "" {
		return "", false
	}
	if len(name) == 2 {
		if up := strings.ToUpper(name); countryCodes[up] {
			return up, true
		}
	}
	k := countryKey(name)
	if c, ok := countryTable[k]; ok {
		return c, true
	}
	// "Region: Gaza", "possibly Palestinian".
	for _, p := range []string{"region ", "possibly "} {
		if rest, ok := strings.CutPrefix(k, p); ok {
			if c, ok := countryTable[rest]; ok {
				return c, true
			}
		}
	}
	// "Iran (Islamic Republic of)" and "Russia (Moscow)": try without the parenthesis.
	if i := strings.Index(name, "("); i > 0 {
		if c, ok := countryTable[countryKey(name[:i])]; ok {
			return c, true
		}
	}
	return "", false
}
