package lists_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/lists"
)

// countSchemas counts the schemas of a JSON Lines file independently of the loader.
func countSchemas(t *testing.T, path string) map[string]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v struct{ Schema string }
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		out[v.Schema]++
	}
	return out
}

func TestLoadFTM(t *testing.T) {
	screenable := []string{"Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel", "Airplane"}
	for _, name := range []string{"yente_t1_entities", "yente_zala_entities"} {
		t.Run(name, func(t *testing.T) {
			path := shareddata.Dir(t, "matching", "ftm", name+".ftm.json")
			l, err := lists.LoadFTM(path)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for s, n := range countSchemas(t, path) {
				if slices.Contains(screenable, s) {
					want += n
				}
			}
			if len(l.Entries) != want || want == 0 {
				t.Errorf("entries = %d, want %d", len(l.Entries), want)
			}
			if l.Version.List != name {
				t.Errorf("list name %q, want %q", l.Version.List, name)
			}
			for _, e := range l.Entries {
				if !slices.Contains(screenable, e.Schema) || e.Name == "" || e.List != name {
					t.Errorf("bad entry %+v", e)
				}
			}
		})
	}
}

func TestLoadFTMZala(t *testing.T) {
	path := shareddata.Dir(t, "matching", "ftm", "yente_zala_entities.ftm.json")
	l, err := lists.LoadFTM(path)
	if err != nil {
		t.Fatal(err)
	}
	// Sanction entities name the Person NK-aU5ybkbRFJucf8YMwsJvDw with
	// programId EU-UKR (eu-fsf and be-fod records).
	e := entryByID(t, l, "NK-aU5ybkbRFJucf8YMwsJvDw")
	if !slices.Contains(e.Programs, "EU-UKR") || e.Schema != "Person" {
		t.Errorf("programs %q schema %s", e.Programs, e.Schema)
	}
	// Maria Osetrova: caption is the name, other names are aliases; innCode kept.
	e = entryByID(t, l, "NK-2Tbri3s6GgNtAwsSXh4qpL")
	if e.Name != "Maria Aleksandrovna Osetrova" || !slices.Contains(e.Aliases, "Mariya ZAKHAROVA") ||
		slices.Contains(e.Aliases, e.Name) || !slices.Equal(e.BirthDates, []string{"1988-01-07"}) ||
		!slices.Contains(e.Identifiers, probity.Identifier{Scheme: "innCode", ID: "183116181362"}) ||
		!slices.Contains(e.Countries, "RU") {
		t.Errorf("Osetrova = %+v", e)
	}
}

func TestReadFTM(t *testing.T) {
	in := `{"id":"p1","schema":"Person","caption":"Jane Roe","properties":{"name":["Jane Roe","J. Roe"],"weakAlias":["JR"],"birthDate":["1970-02"],"nationality":["gb"],"passportNumber":["X1"]}}

{"id":"s1","schema":"Sanction","properties":{"entity":["p1"],"program":["Some programme"]}}
{"id":"a1","schema":"Address","properties":{"full":["1 Road"]}}
{"id":"s2","schema":"Sanction","properties":{"entity":["gone"],"programId":["X"]}}
`
	l, err := lists.ReadFTM(strings.NewReader(in), "t.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want := probity.WatchlistEntry{List: "ftm", SourceID: "p1", Schema: "Person", Name: "Jane Roe",
		Aliases: []string{"J. Roe"}, WeakAliases: []string{"JR"}, Programs: []string{"Some programme"},
		Countries: []string{"GB"}, BirthDates: []string{"1970-02"},
		Identifiers: []probity.Identifier{{Scheme: "passportNumber", ID: "X1"}}}
	if len(l.Entries) != 1 || !equalEntry(l.Entries[0], want) {
		t.Errorf("got %+v\nwant %+v", l.Entries, want)
	}
	if len(l.Warnings) != 2 {
		t.Errorf("warnings = %q, want skipped-schemas and unlinked", l.Warnings)
	}
}

func TestReadFTMErrors(t *testing.T) {
	ok := `{"id":"p1","schema":"Person","properties":{"name":["A"]}}` + "\n"
	tests := []struct {
		name, in string
		line     int
		field    string
	}{
		{"broken line", ok + `{"id":"p2","schema":"Person",` + "\n", 2, ""},
		{"property not a list", ok + `{"id":"p2","schema":"Person","properties":{"name":"A"}}`, 2, "properties.name"},
		{"id not a string", `{"id":5,"schema":"Person"}`, 1, "id"},
		{"missing id", `{"schema":"Person","properties":{"name":["A"]}}`, 1, "id"},
		{"missing schema", `{"id":"x","properties":{"name":["A"]}}`, 1, "schema"},
		{"no name", ok + "\n" + `{"id":"p2","schema":"Company","properties":{}}`, 3, "properties.name"},
		{"duplicate id", ok + ok, 2, "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lists.ReadFTM(strings.NewReader(tt.in), "x.ftm.json")
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *probity.InputError", err)
			}
			if ie.File != "x.ftm.json" || ie.Line != tt.line || ie.Field != tt.field {
				t.Errorf("error %v: line %d field %q, want line %d field %q", err, ie.Line, ie.Field, tt.line, tt.field)
			}
		})
	}
}
