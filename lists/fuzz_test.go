package lists_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/lists"
)

// checkLoad asserts what every loader promises on any input: an error is
// an *probity.InputError, and a load is internally consistent.
func checkLoad(t *testing.T, l *lists.Load, err error) {
	t.Helper()
	if err != nil {
		var ie *probity.InputError
		if !errors.As(err, &ie) {
			t.Fatalf("error %v (%T) is not an *probity.InputError", err, err)
		}
		return
	}
	if l.Version.Entries != len(l.Entries) || len(l.Version.Hash) != 64 {
		t.Fatalf("inconsistent version %+v for %d entries", l.Version, len(l.Entries))
	}
	seen := map[string]bool{}
	for _, e := range l.Entries {
		if e.SourceID == "" || e.Name == "" || e.Schema == "" || seen[e.SourceID] {
			t.Fatalf("bad or duplicate entry %+v", e)
		}
		seen[e.SourceID] = true
	}
}

func FuzzReadOFAC(f *testing.F) {
	f.Add([]byte(`36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n\x1a"))
	f.Add([]byte(`7513,"MNANGAGWA, Emmerson","individual","GLOMAG] [X","P",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 15 Sep 1946; alt. DOB 1940 to 1942; nationality Zimbabwe; Passport AD005831 (Zimbabwe); a.k.a. 'CROC'."` + "\n"))
	f.Add([]byte("1,\"x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := lists.ReadOFAC(bytes.NewReader(b), "sdn.csv")
		checkLoad(t, l, err)
	})
}

func FuzzReadOFACSet(f *testing.F) {
	sdn := `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'A"` + "\r\n"
	f.Add([]byte(`36,12,"aka","AERO-CARIBBEAN",-0- `), []byte(`36,25,-0- ,"Havana","Cuba",-0- `), []byte(`36,"B'; DOB 1950."`))
	f.Add([]byte(`99,1,"aka","X","weak"`), []byte(`x,1`), []byte("\x1a"))
	f.Fuzz(func(t *testing.T, alt, add, comments []byte) {
		l, err := lists.ReadOFACSet(lists.OFACFiles{
			SDN:      lists.Source{Name: "sdn.csv", R: strings.NewReader(sdn)},
			Alt:      lists.Source{Name: "alt.csv", R: bytes.NewReader(alt)},
			Add:      lists.Source{Name: "add.csv", R: bytes.NewReader(add)},
			Comments: lists.Source{Name: "sdn_comments.csv", R: bytes.NewReader(comments)},
		})
		checkLoad(t, l, err)
	})
}

func FuzzParseOFACRemarks(f *testing.F) {
	f.Add("DOB 12 Jan 1950; alt. DOB circa 1955-1957; nationality Korea, North; citizen Russia; Gender Male; a.k.a. 'X'; Passport 1 (Iran) issued 1 Jan 2000")
	f.Add("Vessel Registration Identification IMO 9187629; DOB 01 Jan 1960 to 31 Dec 2999")
	f.Fuzz(func(t *testing.T, s string) {
		r := lists.ParseOFACRemarks(s)
		for _, d := range r.BirthDates {
			if len(d) != 4 && len(d) != 7 && len(d) != 10 {
				t.Fatalf("birth date %q", d)
			}
		}
		if len(r.BirthDates) > 2*(strings.Count(s, "DOB")*(20+1)) {
			t.Fatalf("%d birth dates from %q", len(r.BirthDates), s)
		}
	})
}

func FuzzReadUN(f *testing.F) {
	f.Add([]byte(`<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>X.1</REFERENCE_NUMBER><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1950</FROM_YEAR><TO_YEAR>1952</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS><ENTITIES><ENTITY><FIRST_NAME>B</FIRST_NAME><REFERENCE_NUMBER>Y.1</REFERENCE_NUMBER><ENTITY_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>C</ALIAS_NAME></ENTITY_ALIAS></ENTITY></ENTITIES></CONSOLIDATED_LIST>`))
	f.Add([]byte(`<CONSOLIDATED_LIST><INDIVIDUAL>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := lists.ReadUN(bytes.NewReader(b), "un.xml")
		checkLoad(t, l, err)
	})
}

func FuzzReadFTM(f *testing.F) {
	f.Add([]byte(`{"id":"p1","schema":"Person","caption":"A","properties":{"name":["A","B"],"birthDate":["1970"],"country":["ru"]}}` + "\n" + `{"id":"s","schema":"Sanction","properties":{"entity":["p1"],"programId":["X"]}}`))
	f.Add([]byte(`{"id":"p1","schema":"Person","properties":{"name":"A"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := lists.ReadFTM(bytes.NewReader(b), "x.ftm.json")
		checkLoad(t, l, err)
	})
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("id,name,schema,aliases,country,birth_date,program,identifiers\n1,A,Person,B;C,gb,1970-01,GLOMAG,passportNumber:1\n"))
	f.Add([]byte("id,name,schema\n1,\"x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := lists.ReadCSV(bytes.NewReader(b), "in.csv", "l")
		checkLoad(t, l, err)
		if err != nil {
			return
		}
		// What was read can be written and read back unchanged, unless a
		// value holds the separator.
		for _, e := range l.Entries {
			if hasSemicolon(e) {
				return
			}
		}
		var buf bytes.Buffer
		if err := lists.WriteCSV(&buf, l.Entries); err != nil {
			t.Fatal(err)
		}
		back, err := lists.ReadCSV(&buf, "back.csv", "l")
		if err != nil {
			t.Fatalf("reading back: %v\n%s", err, buf.String())
		}
		if d := lists.Diff(l.Entries, back.Entries); len(d.Added)+len(d.Removed)+len(d.Changed) > 0 {
			t.Fatalf("round trip differs: %+v", d)
		}
	})
}
