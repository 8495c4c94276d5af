package usaspending

import (
	"strings"
	"unicode"

	"github.com/probity/probity"
)

// Level is a tier of the federal agency hierarchy.
type Level int

// The tiers, from the root down: office ⊂ sub-agency ⊂ agency ⊂ government.
const (
	LevelGovernment Level = iota // the United States federal government
	LevelAgency                  // top-tier department or independent agency
	LevelSubAgency               // sub-tier agency, e.g. ICE within DHS
	LevelOffice                  // awarding or funding office
)

func (l Level) String() string {
	switch l {
	case LevelGovernment:
		return "government"
	case LevelAgency:
		return "agency"
	case LevelSubAgency:
		return "sub-agency"
	case LevelOffice:
		return "office"
	}
	return "unknown"
}

// Identifier schemes. UEIs use org-id.guide's US-SAM list (SAM.gov issues
// the UEI). DUNS numbers have no org-id.guide list; US-DUNS is the name in
// common use. org-id.guide has no list for federal agency codes (its
// US-USAGOV list is keyed by usa.gov web paths, which USAspending does not
// carry), so the agency schemes below are this project's own, named after
// the code lists USAspending uses.
const (
	SchemeUEI        = "US-SAM"     // 12-character SAM.gov Unique Entity ID
	SchemeDUNS       = "US-DUNS"    // 9-digit D-U-N-S number (until April 2022)
	SchemeGovernment = "US-GOV"     // the root; its only ID is GovernmentID
	SchemeAgency     = "US-CGAC"    // 3-digit top-tier (CGAC) agency code, e.g. 070
	SchemeSubAgency  = "US-SUBTIER" // 4-character sub-tier agency code, e.g. 7012
	SchemeOffice     = "US-OFFICE"  // 6-character office code, e.g. 70CDCR
)

// GovernmentID and GovernmentName identify the root of every agency path.
const (
	GovernmentID   = "federal"
	GovernmentName = "United States federal government"
)

// Agency is one body of the federal hierarchy as an award names it.
type Agency struct {
	Level   Level
	Code    string // as given, leading zeros kept ("070"); "" if the file has none
	Name    string // canonical display name (see CanonicalAgencyName)
	RawName string // the name exactly as the file gave it, for aliases
}

// Government returns the root of the hierarchy.
func Government() Agency {
	return Agency{Level: LevelGovernment, Code: GovernmentID, Name: GovernmentName, RawName: GovernmentName}
}

// IsZero reports whether the file named no such body.
func (a Agency) IsZero() bool { return a.Code == "" && a.Name == "" }

// Identifier returns the agency's identifier, keyed by its code; ok is
// false when the file gave no code.
func (a Agency) Identifier() (id probity.Identifier, ok bool) {
	if a.Code == "" {
		return probity.Identifier{}, false
	}
	var scheme string
	switch a.Level {
	case LevelGovernment:
		scheme = SchemeGovernment
	case LevelAgency:
		scheme = SchemeAgency
	case LevelSubAgency:
		scheme = SchemeSubAgency
	case LevelOffice:
		scheme = SchemeOffice
	default:
		return probity.Identifier{}, false
	}
	return probity.Identifier{Scheme: scheme, ID: a.Code}, true
}

// NewAgency builds an Agency from a file's code and name: the code is
// trimmed, a placeholder code is dropped (see below), and the name is made
// canonical, taken from the table of known codes first. A body with a code
// and no name is called by its tier and code ("Sub-agency 7001"), so that
// Name is never empty.
//
// FPDS writes funding agency "999" with no name where the funding agency
// is not known; a code of nines with no name is treated as absent.
func NewAgency(level Level, code, rawName string) Agency {
	code = strings.TrimSpace(code)
	rawName = collapseSpace(rawName)
	if rawName == "" && strings.Trim(code, "9") == "" {
		code = ""
	}
	if code == "" && rawName == "" {
		return Agency{}
	}
	name := ""
	if code != "" {
		name = knownAgencies[level][code]
	}
	if name == "" {
		name = CanonicalAgencyName(rawName)
	}
	if name == "" { // named by code only, e.g. sub-agency 7001 in the transaction extract
		name = codeOnlyName(level, code)
	}
	return Agency{Level: level, Code: code, Name: name, RawName: rawName}
}

// codeOnlyName names a body the file gives by code alone: "Sub-agency
// 7001", "Office 70CDCR", "Agency 097".
func codeOnlyName(level Level, code string) string {
	l := level.String()
	return strings.ToUpper(l[:1]) + l[1:] + " " + code
}

// knownAgencies gives canonical names for codes whose names the files
// spell several ways. Names as usaspending.gov writes them in its
// prime-award downloads (facts from the files in ../shared/data).
var knownAgencies = map[Level]map[string]string{
	LevelAgency: {
		"070": "Department of Homeland Security",
	},
	LevelSubAgency: {
		"7012": "U.S. Immigration and Customs Enforcement",
		"7014": "U.S. Customs and Border Protection",
		"7055": "Office of the Chief Procurement Officer",
	},
}

// subAgencyParents maps the two-digit prefix of a sub-tier code to its
// top-tier agency, for files that name only the sub-agency (the
// transaction extract, the Torn Apart list). Only prefixes whose
// department is certain from the data are listed.
var subAgencyParents = map[string]string{
	"70": "070", // Department of Homeland Security: 7001, 7012, 7014, 7055 …
}

// parentOf returns the top-tier agency of a sub-agency, if known.
func parentOf(sub Agency) Agency {
	if len(sub.Code) != 4 {
		return Agency{}
	}
	if top, ok := subAgencyParents[sub.Code[:2]]; ok {
		return NewAgency(LevelAgency, top, knownAgencies[LevelAgency][top])
	}
	return Agency{}
}

// agencyAbbrev names the sub-agencies that the transaction extract gives
// by abbreviation in its Agency column.
var agencyAbbrev = map[string]string{
	"ICE": "7012",
	"CBP": "7014",
}

// acronyms stay upper-case when an upper-case name is re-cased.
var acronyms = map[string]bool{
	"ATF": true, "CBP": true, "CIO": true, "DC": true, "DEA": true, "DHS": true,
	"DOD": true, "DOJ": true, "ERO": true, "FAS": true, "FBI": true, "FEMA": true,
	"FLETC": true, "GSA": true, "HHS": true, "HQ": true, "HSI": true, "ICE": true,
	"II": true, "III": true, "IRS": true, "IT": true, "NASA": true, "NOAA": true,
	"OCIO": true, "OIG": true, "OPLA": true, "OPR": true, "PBS": true, "SAM": true,
	"TSA": true, "US": true, "USA": true, "USCIS": true, "VA": true,
}

// smallWords are lower-case inside a name.
var smallWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "by": true,
	"for": true, "from": true, "in": true, "of": true, "on": true, "or": true,
	"the": true, "to": true, "with": true,
}

// CanonicalAgencyName gives the display form of an agency or office name:
//   - a trailing parenthesised acronym goes: "Department of Homeland
//     Security (DHS)" → "Department of Homeland Security";
//   - an inverted name is turned round: "VETERANS AFFAIRS, DEPARTMENT OF" →
//     "DEPARTMENT OF VETERANS AFFAIRS";
//   - a name with no lower-case letter is re-cased word by word: known
//     acronyms (ICE, DHS, OCIO …) and words with a dot (U.S.) stay upper
//     case, the small words a, an, and, as, at, by, for, from, in, of, on,
//     or, the, to, with are lower case except first, and every other word
//     is capitalised after each hyphen or slash ("NON-BUILDING" →
//     "Non-Building", "CHILDREN'S" → "Children's");
//   - in a mixed-case name only the small words are lowered ("Detention
//     Compliance And Removals" → "Detention Compliance and Removals").
//
// Runs of white space become one space.
func CanonicalAgencyName(name string) string {
	name = collapseSpace(name)
	if name == "" {
		return ""
	}
	if i := strings.LastIndexByte(name, '('); i > 0 && strings.HasSuffix(name, ")") {
		inner := name[i+1 : len(name)-1]
		if isAcronym(inner) {
			name = strings.TrimSpace(name[:i])
		}
	}
	upper := strings.ToUpper(name)
	for _, inv := range []string{", DEPARTMENT OF", ", OFFICE OF"} {
		if strings.HasSuffix(upper, inv) && len(name) > len(inv) {
			name = name[len(name)-len(inv)+2:] + " " + name[:len(name)-len(inv)]
			break
		}
	}
	allUpper := !strings.ContainsFunc(name, unicode.IsLower)
	words := strings.Split(name, " ")
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && smallWords[lw]:
			words[i] = lw
		case !allUpper:
		case acronyms[strings.Trim(w, "(),;:")] || strings.Contains(w, "."):
		default:
			words[i] = capitalise(lw)
		}
	}
	return strings.Join(words, " ")
}

// AgencyNameKey reduces an agency name to a key for comparing spellings
// across files: the canonical name, lower-cased, with punctuation dropped.
// "U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT" and "U.S. Immigration and
// Customs Enforcement" give the same key.
func AgencyNameKey(name string) string {
	c := strings.ToLower(CanonicalAgencyName(name))
	var b strings.Builder
	space := false
	for _, r := range c {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '.' || r == '\'' || r == '’':
		default:
			space = true
		}
	}
	return b.String()
}

func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 10 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// capitalise upper-cases the first letter of a lower-case word and each
// letter after a hyphen or slash.
func capitalise(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	start := true
	for _, r := range w {
		if start && unicode.IsLetter(r) {
			b.WriteRune(unicode.ToUpper(r))
			start = false
			continue
		}
		b.WriteRune(r)
		if r == '-' || r == '/' || r == '(' || r == '&' {
			start = true
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			start = false
		}
	}
	return b.String()
}

func collapseSpace(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// path returns the non-empty tiers root first.
func path(tiers ...Agency) []Agency {
	out := []Agency{Government()}
	for _, a := range tiers {
		if !a.IsZero() {
			out = append(out, a)
		}
	}
	return out
}
