package lists

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/probity/probity"
)

// unRecord is one INDIVIDUAL or ENTITY of the UN consolidated list; both
// use the same field names apart from the INDIVIDUAL_/ENTITY_ prefixes.
type unRecord struct {
	DataID      string    `xml:"DATAID"`
	First       string    `xml:"FIRST_NAME"`
	Second      string    `xml:"SECOND_NAME"`
	Third       string    `xml:"THIRD_NAME"`
	Fourth      string    `xml:"FOURTH_NAME"`
	Original    string    `xml:"NAME_ORIGINAL_SCRIPT"`
	ListType    string    `xml:"UN_LIST_TYPE"`
	Reference   string    `xml:"REFERENCE_NUMBER"`
	Comments    string    `xml:"COMMENTS1"`
	Nationality []string  `xml:"NATIONALITY>VALUE"`
	IndAliases  []unAlias `xml:"INDIVIDUAL_ALIAS"`
	EntAliases  []unAlias `xml:"ENTITY_ALIAS"`
	IndAddress  []unAddr  `xml:"INDIVIDUAL_ADDRESS"`
	EntAddress  []unAddr  `xml:"ENTITY_ADDRESS"`
	DOBs        []unDOB   `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	Documents   []unDoc   `xml:"INDIVIDUAL_DOCUMENT"`
}

type unAlias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
}

type unAddr struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	Zip     string `xml:"ZIP_CODE"`
	Country string `xml:"COUNTRY"`
	Note    string `xml:"NOTE"`
}

type unDOB struct {
	Type     string `xml:"TYPE_OF_DATE"`
	Date     string `xml:"DATE"`
	Year     string `xml:"YEAR"`
	FromYear string `xml:"FROM_YEAR"`
	ToYear   string `xml:"TO_YEAR"`
}

type unDoc struct {
	Type   string `xml:"TYPE_OF_DOCUMENT"`
	Type2  string `xml:"TYPE_OF_DOCUMENT2"`
	Number string `xml:"NUMBER"`
}

// LoadUN reads the UN Security Council consolidated list XML at path.
func LoadUN(path string) (*Load, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &probity.InputError{File: path, Reason: "cannot open the UN list: " + err.Error(), Err: err}
	}
	defer f.Close()
	return ReadUN(f, path)
}

// ReadUN reads the UN consolidated list from r, one INDIVIDUAL or ENTITY at
// a time (the whole tree is never held in memory). The list version's
// source date is the root's dateGenerated.
func ReadUN(r io.Reader, name string) (*Load, error) {
	h := newHasher()
	d := xml.NewDecoder(h.reader(r))
	l := &Load{}
	warn := newWarnings()
	seen := map[string]int{}
	sourceDate := ""
	sawRoot := false
	for {
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlErr(name, line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "CONSOLIDATED_LIST":
			sawRoot = true
			for _, a := range se.Attr {
				if a.Name.Local == "dateGenerated" {
					if iso, _, ok := parseISODate(strings.TrimSpace(a.Value)); ok && len(iso) == 10 {
						sourceDate = iso
					} else {
						return nil, inputErr(name, line, "CONSOLIDATED_LIST/@dateGenerated", fmt.Sprintf("invalid date %q", a.Value), nil)
					}
				}
			}
		case "INDIVIDUAL", "ENTITY":
			if !sawRoot {
				return nil, inputErr(name, line, se.Name.Local, "not a UN consolidated list: no CONSOLIDATED_LIST root before the first record", nil)
			}
			startLine, _ := d.InputPos()
			var rec unRecord
			if err := d.DecodeElement(&rec, &se); err != nil {
				return nil, xmlErr(name, startLine, err)
			}
			e, err := rec.entry(name, startLine, se.Name.Local == "INDIVIDUAL", warn)
			if err != nil {
				return nil, err
			}
			if first, dup := seen[e.SourceID]; dup {
				return nil, inputErr(name, startLine, "REFERENCE_NUMBER", fmt.Sprintf("duplicate reference number %q (first on line %d)", e.SourceID, first), nil)
			}
			seen[e.SourceID] = startLine
			l.Entries = append(l.Entries, e)
		}
	}
	if !sawRoot {
		return nil, inputErr(name, 0, "CONSOLIDATED_LIST", "not a UN consolidated list: no CONSOLIDATED_LIST element", nil)
	}
	l.Warnings = warn.list()
	return finish(l, ListUN, sourceDate, h), nil
}

func xmlErr(name string, line int, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return inputErr(name, se.Line, "", "invalid XML: "+se.Msg, err)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return inputErr(name, line, "", "truncated XML", err)
	}
	return inputErr(name, line, "", "invalid XML: "+err.Error(), err)
}

func (rec *unRecord) entry(file string, line int, person bool, warn *warnings) (probity.WatchlistEntry, error) {
	kind := "ENTITY"
	schema := "Organization"
	if person {
		kind, schema = "INDIVIDUAL", "Person"
	}
	e := probity.WatchlistEntry{
		List:     ListUN,
		SourceID: strings.TrimSpace(rec.Reference),
		Schema:   schema,
		Name:     joinNames(rec.First, rec.Second, rec.Third, rec.Fourth),
		Remarks:  strings.TrimSpace(rec.Comments),
	}
	if e.SourceID == "" {
		return e, inputErr(file, line, kind+"/REFERENCE_NUMBER", "missing reference number", nil)
	}
	if e.Name == "" {
		return e, inputErr(file, line, kind+"/FIRST_NAME", "missing name", nil)
	}
	e.Programs = addUnique(e.Programs, rec.ListType)
	e.Aliases = addUnique(e.Aliases, rec.Original, e.Name)
	for _, a := range append(rec.IndAliases, rec.EntAliases...) {
		if strings.EqualFold(strings.TrimSpace(a.Quality), "low") {
			e.WeakAliases = addUnique(e.WeakAliases, a.Name, e.Name)
		} else {
			e.Aliases = addUnique(e.Aliases, a.Name, e.Name)
		}
	}
	country := func(s string) {
		s = strings.TrimSpace(s)
		if IsNoCountry(s) {
			return
		}
		if c, ok := CountryCode(s); ok {
			e.Countries = addUnique(e.Countries, c)
		} else {
			warn.add(fmt.Sprintf("%s: unknown country %q", file, s))
		}
	}
	for _, n := range rec.Nationality {
		country(n)
	}
	for _, a := range append(rec.IndAddress, rec.EntAddress...) {
		country(a.Country)
		if s := joinAddress(a.Street, a.City, a.State, a.Zip, a.Country); s != "" {
			e.Addresses = addUnique(e.Addresses, s)
		}
	}
	for _, dob := range rec.DOBs {
		for _, s := range dob.dates() {
			e.BirthDates = addUnique(e.BirthDates, s)
		}
	}
	for _, doc := range rec.Documents {
		scheme := "idNumber"
		if strings.Contains(strings.ToLower(doc.Type+" "+doc.Type2), "passport") {
			scheme = "passportNumber"
		}
		e.Identifiers = addIdentifier(e.Identifiers, scheme, doc.Number)
	}
	return e, nil
}

// dates reads one INDIVIDUAL_DATE_OF_BIRTH: DATE, YEAR, or FROM_YEAR and
// TO_YEAR for BETWEEN (expanded to each year).
func (d unDOB) dates() []string {
	if iso, _, ok := parseISODate(strings.TrimSpace(d.Date)); ok {
		return []string{iso}
	}
	if _, ok := parseYear(strings.TrimSpace(d.Year)); ok {
		return []string{strings.TrimSpace(d.Year)}
	}
	ya, okA := parseYear(strings.TrimSpace(d.FromYear))
	yb, okB := parseYear(strings.TrimSpace(d.ToYear))
	if okA && okB && yb >= ya {
		return yearRange(ya, yb, d.FromYear, d.ToYear)
	}
	return nil
}

func joinNames(parts ...string) string {
	var f []string
	for _, p := range parts {
		f = append(f, strings.Fields(p)...)
	}
	return strings.Join(f, " ")
}
