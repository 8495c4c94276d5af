package lists

import (
	"strings"

	"github.com/probity/probity"
)

// OFACRemarks is what ParseOFACRemarks finds in the Remarks column of an
// SDN row.
type OFACRemarks struct {
	WeakAliases   []string // a.k.a./f.k.a./n.k.a. 'X' in the remarks (OFAC's "weak" aliases)
	BirthDates    []string // ISO prefixes, ranges expanded to years
	Nationalities []string // ISO alpha-2, from "nationality X" and "Nationality of Registration X"
	Citizenships  []string // ISO alpha-2, from "citizen X"
	Identifiers   []probity.Identifier
	Gender        string // "male", "female" or ""
	// Unparsed holds the pieces that looked like a birth date or a country
	// but could not be read ("DOB 31 Feb 1950", "nationality Atlantis").
	Unparsed []string
}

// ofacIDTypes maps the identifier labels of OFAC remarks to FollowTheMoney
// property names. Longer labels come before their prefixes.
var ofacIDTypes = []struct{ label, scheme string }{
	{"Vessel Registration Identification", "imoNumber"},
	{"Aircraft Manufacturer's Serial Number (MSN)", "serialNumber"},
	{"Aircraft Tail Number", "registrationNumber"},
	{"Diplomatic Passport", "passportNumber"},
	{"Passport", "passportNumber"},
	{"National ID No.", "idNumber"},
	{"Identification Number", "idNumber"},
	{"Personal ID Card", "idNumber"},
	{"Cedula No.", "idNumber"},
	{"C.U.R.P.", "idNumber"},
	{"D.N.I.", "idNumber"},
	{"SSN", "socialSecurityNumber"},
	{"Tax ID No.", "taxNumber"},
	{"R.F.C.", "taxNumber"},
	{"RFC", "taxNumber"},
	{"NIT #", "taxNumber"},
	{"V.A.T. Number", "vatCode"},
	{"Registration ID", "registrationNumber"},
	{"Business Registration Number", "registrationNumber"},
	{"Registration Number", "registrationNumber"},
	{"Business Number", "registrationNumber"},
	{"Company Number", "registrationNumber"},
	{"Commercial Registry Number", "registrationNumber"},
	{"Chamber of Commerce Number", "registrationNumber"},
	{"Trade License No.", "registrationNumber"},
	{"Unified Social Credit Code (USCC)", "registrationNumber"},
	{"Government Gazette Number", "registrationNumber"},
	{"Enterprise Number", "registrationNumber"},
	{"Folio Mercantil No.", "registrationNumber"},
	{"Matricula Mercantil No", "registrationNumber"},
	{"Legal Entity Number", "leiCode"},
	{"D-U-N-S Number", "dunsCode"},
	{"SWIFT/BIC", "swiftBic"},
	{"IMO", "imoNumber"},
	{"MMSI", "mmsi"},
	{"Email Address", "email"},
	{"Phone Number", "phone"},
	{"Website", "website"},
}

// ParseOFACRemarks reads the ";"-separated remarks of an SDN row: weak
// aliases, dates of birth, nationality, citizenship, gender and the
// identifiers listed in ofacIDTypes. Other statements ("Linked To: …",
// "POB …") are left alone; the caller keeps the whole text as the entry's
// remarks.
func ParseOFACRemarks(s string) OFACRemarks {
	var out OFACRemarks
	for _, part := range strings.Split(s, ";") {
		p := strings.TrimSuffix(strings.TrimSpace(part), ".")
		p = strings.TrimSpace(strings.TrimPrefix(p, "alt. "))
		if p == "" {
			continue
		}
		out.add(p)
	}
	return out
}

func (o *OFACRemarks) add(p string) {
	for _, k := range []string{"a.k.a.", "f.k.a.", "n.k.a."} {
		if rest, ok := strings.CutPrefix(p, k); ok {
			if name := unquote(rest); name != "" {
				o.WeakAliases = addUnique(o.WeakAliases, name)
			}
			return
		}
	}
	if rest, ok := strings.CutPrefix(p, "DOB "); ok {
		if dates, ok := parseDOB(rest); ok {
			for _, d := range dates {
				o.BirthDates = addUnique(o.BirthDates, d)
			}
		} else {
			o.Unparsed = append(o.Unparsed, p)
		}
		return
	}
	for _, k := range []struct {
		prefix string
		dst    *[]string
	}{
		{"nationality ", &o.Nationalities},
		{"Nationality of Registration ", &o.Nationalities},
		{"citizen ", &o.Citizenships},
	} {
		if rest, ok := strings.CutPrefix(p, k.prefix); ok {
			if c, ok := CountryCode(rest); ok {
				*k.dst = addUnique(*k.dst, c)
			} else {
				o.Unparsed = append(o.Unparsed, p)
			}
			return
		}
	}
	if rest, ok := strings.CutPrefix(p, "Gender "); ok {
		switch strings.ToLower(strings.TrimSpace(rest)) {
		case "male":
			o.Gender = "male"
		case "female":
			o.Gender = "female"
		}
		return
	}
	for _, t := range ofacIDTypes {
		rest, ok := strings.CutPrefix(p, t.label)
		if ok {
			rest, ok = strings.CutPrefix(rest, " ")
		}
		if !ok {
			continue
		}
		id := identifierValue(rest)
		scheme := t.scheme
		if scheme == "imoNumber" {
			id, scheme = imoValue(id)
		}
		o.Identifiers = addIdentifier(o.Identifiers, scheme, id)
		return
	}
}

// unquote takes the name out of " 'NAME'" (the closing quote may be missing
// when the remarks were cut).
func unquote(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, ",")
	s = strings.TrimSpace(s)
	for _, q := range []string{"'", "\"", "‘"} {
		if strings.HasPrefix(s, q) {
			s = strings.TrimPrefix(s, q)
			s = strings.TrimSuffix(strings.TrimSuffix(s, "’"), q)
			break
		}
	}
	return strings.TrimSpace(s)
}

// identifierValue cuts "X123 (Russia) issued 01 Jan 2000 expires …" to "X123".
func identifierValue(s string) string {
	for _, stop := range []string{" (", " issued", " expires", " Issue Date", " Expire Date"} {
		if i := strings.Index(s, stop); i >= 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

// imoValue normalises "IMO 9187629" to "IMO9187629"; a vessel registration
// that is not an IMO number is a plain registration number.
func imoValue(s string) (string, string) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return "", "imoNumber"
	}
	if strings.EqualFold(f[0], "IMO") {
		return "IMO" + strings.Join(f[1:], ""), "imoNumber"
	}
	if len(f) == 1 && len(f[0]) == 7 && isDigits(f[0]) {
		return "IMO" + f[0], "imoNumber"
	}
	return strings.Join(f, " "), "registrationNumber"
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
