package lists_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/lists"
)

func TestReadCSV(t *testing.T) {
	in := "Name,ID,Schema,extra,aliases,country,birth_date,program,identifiers\n" +
		`"Doe, John",j1,person,ignored,Johnny; JD ,gb;Russia,1970;1971-02-03,GLOMAG,passportNumber:X1;taxNumber:77` + "\n" +
		"ACME,a1,Company,,,,,,\n"
	l, err := lists.ReadCSV(strings.NewReader(in), "in.csv", "mylist")
	if err != nil {
		t.Fatal(err)
	}
	want := []probity.WatchlistEntry{
		{List: "mylist", SourceID: "j1", Schema: "Person", Name: "Doe, John", Aliases: []string{"Johnny", "JD"},
			Countries: []string{"GB", "RU"}, BirthDates: []string{"1970", "1971-02-03"}, Programs: []string{"GLOMAG"},
			Identifiers: []probity.Identifier{{Scheme: "passportNumber", ID: "X1"}, {Scheme: "taxNumber", ID: "77"}}},
		{List: "mylist", SourceID: "a1", Schema: "Company", Name: "ACME"},
	}
	if len(l.Entries) != len(want) {
		t.Fatalf("entries = %+v", l.Entries)
	}
	for i := range want {
		if !equalEntry(l.Entries[i], want[i]) {
			t.Errorf("entry %d = %+v\nwant %+v", i, l.Entries[i], want[i])
		}
	}
	if l.Version.List != "mylist" || l.Version.Entries != 2 || len(l.Version.Hash) != 64 {
		t.Errorf("version %+v", l.Version)
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		field    string
	}{
		{"empty", "", 1, ""},
		{"no schema column", "id,name\n1,x\n", 1, "schema"},
		{"unknown schema", "id,name,schema\n1,x,Person\n2,y,Sanction\n", 3, "schema"},
		{"wrong column count", "id,name,schema\n1,x,Person,extra\n", 2, ""},
		{"truncated quote", "id,name,schema\n1,\"x,Person\n", 2, ""},
		{"empty id", "id,name,schema\n,x,Person\n", 2, "id"},
		{"empty name", "id,name,schema\n1,,Person\n", 2, "name"},
		{"duplicate id", "id,name,schema\n1,x,Person\n1,y,Person\n", 3, "id"},
		{"bad date", "id,name,schema,birth_date\n1,x,Person,12/01/1950\n", 2, "birth_date"},
		{"bad country", "id,name,schema,country\n1,x,Person,Atlantis\n", 2, "country"},
		{"bad identifier", "id,name,schema,identifiers\n1,x,Person,X1\n", 2, "identifiers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lists.ReadCSV(strings.NewReader(tt.in), "in.csv", "l")
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *probity.InputError", err)
			}
			if ie.File != "in.csv" || ie.Line != tt.line || (tt.field != "" && ie.Field != tt.field) {
				t.Errorf("error %v: line %d field %q, want line %d field %q", err, ie.Line, ie.Field, tt.line, tt.field)
			}
		})
	}
}

// TestCSVRoundTrip writes real loads as generic CSV and reads them back.
func TestCSVRoundTrip(t *testing.T) {
	loads := map[string]func(t *testing.T) (*lists.Load, error){
		"ofac": func(t *testing.T) (*lists.Load, error) {
			return lists.LoadOFAC(shareddata.Dir(t, "watchlists", "ofac-2021-07-watchman-bench"))
		},
		"un": func(t *testing.T) (*lists.Load, error) {
			return lists.LoadUN(shareddata.Dir(t, "watchlists", "un-consolidated-watchman", "UN_consolidated.xml"))
		},
		"ftm": func(t *testing.T) (*lists.Load, error) {
			return lists.LoadFTM(shareddata.Dir(t, "matching", "ftm", "yente_zala_entities.ftm.json"))
		},
	}
	for name, load := range loads {
		t.Run(name, func(t *testing.T) {
			l, err := load(t)
			if err != nil {
				t.Fatal(err)
			}
			var keep []probity.WatchlistEntry
			for _, e := range l.Entries {
				if !hasSemicolon(e) { // ";" cannot be written in a ";"-separated column
					keep = append(keep, e)
				}
			}
			if len(keep) < len(l.Entries)/2 {
				t.Fatalf("only %d of %d entries writable", len(keep), len(l.Entries))
			}
			var buf bytes.Buffer
			if err := lists.WriteCSV(&buf, keep); err != nil {
				t.Fatal(err)
			}
			back, err := lists.ReadCSV(&buf, name+".csv", l.Version.List)
			if err != nil {
				t.Fatal(err)
			}
			if len(back.Entries) != len(keep) {
				t.Fatalf("read back %d entries, wrote %d", len(back.Entries), len(keep))
			}
			if d := lists.Diff(keep, back.Entries); len(d.Added)+len(d.Removed)+len(d.Changed) != 0 {
				t.Errorf("round trip differs: %d added, %d removed, %d changed (e.g. %v)", len(d.Added), len(d.Removed), len(d.Changed), d.Changed[:min(3, len(d.Changed))])
			}
		})
	}
}

func hasSemicolon(e probity.WatchlistEntry) bool {
	for _, l := range [][]string{e.Aliases, e.WeakAliases, e.Countries, e.BirthDates, e.Programs, e.Addresses} {
		for _, s := range l {
			if strings.Contains(s, ";") {
				return true
			}
		}
	}
	for _, id := range e.Identifiers {
		if strings.ContainsAny(id.ID, ";") || strings.Contains(id.Scheme, ":") {
			return true
		}
	}
	return false
}

func TestWriteCSVRejectsSemicolon(t *testing.T) {
	err := lists.WriteCSV(&bytes.Buffer{}, []probity.WatchlistEntry{{SourceID: "1", Name: "x", Schema: "Person", Aliases: []string{"a;b"}}})
	if err == nil {
		t.Fatal("want an error for an alias with ';'")
	}
}
