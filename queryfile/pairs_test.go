package queryfile_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/queryfile"
)

// overlap is a small deterministic score for the tests: the share of
// name1's lower-cased letters found in name2.
func overlap(p queryfile.Pair) (float64, bool, error) {
	a, b := strings.ToLower(p.Name1), strings.ToLower(p.Name2)
	if a == "" {
		return 0, false, nil
	}
	n := 0
	for _, r := range a {
		if strings.ContainsRune(b, r) {
			n++
		}
	}
	s := float64(n) / float64(len([]rune(a)))
	return s, s >= 0.8, nil
}

func TestScorePairsNomenklatura(t *testing.T) {
	path := shareddata.Dir(t, "matching", "name_pairs", "nomenklatura_name_bench_dev.csv")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	in, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := queryfile.ScorePairs(bytes.NewReader(raw), path, &out, overlap); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(in) || len(in) < 2 {
		t.Fatalf("%d rows out, %d in", len(got), len(in))
	}
	if !slices.Equal(got[0], append(slices.Clone(in[0]), "score", "match")) {
		t.Errorf("header = %q", got[0])
	}
	for i := 1; i < len(in); i++ {
		row := got[i]
		if !slices.Equal(row[:len(in[i])], in[i]) {
			t.Fatalf("row %d changed: %q, want %q", i, row, in[i])
		}
		s, m, _ := overlap(queryfile.Pair{Name1: in[i][2], Name2: in[i][3]})
		if want := strconv.FormatFloat(s, 'f', 4, 64); row[len(row)-2] != want || row[len(row)-1] != strconv.FormatBool(m) {
			t.Fatalf("row %d: score %q match %q, want %s %v", i, row[len(row)-2], row[len(row)-1], want, m)
		}
	}
}

func TestReadPairs(t *testing.T) {
	in := "id,Name2,SCHEMA,name1\n7,Olaf Scholz,Person,Olaf Schulze\n8,\"ACME, Inc\", Company ,Acme\n"
	var got []queryfile.Pair
	if err := queryfile.ReadPairs(strings.NewReader(in), "p.csv", func(p queryfile.Pair) error {
		got = append(got, p)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("pairs = %+v", got)
	}
	p := got[1]
	if p.Line != 3 || p.Schema != "Company" || p.Name1 != "Acme" || p.Name2 != "ACME, Inc" ||
		!slices.Equal(p.Record, []string{"8", "ACME, Inc", " Company ", "Acme"}) || len(p.Header) != 4 {
		t.Errorf("pair = %+v", p)
	}
	var out bytes.Buffer
	pw := queryfile.NewPairWriter(&out)
	for i, p := range got {
		if err := pw.Write(p, float64(i)/3, i == 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := pw.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "id,Name2,SCHEMA,name1,score,match\n7,Olaf Scholz,Person,Olaf Schulze,0.0000,true\n8,\"ACME, Inc\",\" Company \",Acme,0.3333,false\n"
	if out.String() != want {
		t.Errorf("output\n%s\nwant\n%s", out.String(), want)
	}
}

func TestScorePairsHeaderOnly(t *testing.T) {
	var out bytes.Buffer
	if err := queryfile.ScorePairs(strings.NewReader("schema,name1,name2,note\n"), "p.csv", &out, overlap); err != nil {
		t.Fatal(err)
	}
	if out.String() != "schema,name1,name2,note,score,match\n" {
		t.Errorf("output %q", out.String())
	}
}

func TestReadPairsErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		field    string
	}{
		{"empty", "", 1, ""},
		{"no name2", "schema,name1\nPerson,a\n", 1, "name2"},
		{"duplicate column", "schema,name1,name2,NAME1\n", 1, "NAME1"},
		{"short row", "schema,name1,name2\nPerson,a,b\nPerson,a\n", 3, ""},
		{"unterminated quote", "schema,name1,name2\nPerson,\"a,b\n", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := queryfile.ReadPairs(strings.NewReader(tt.in), "p.csv", func(queryfile.Pair) error { return nil })
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *probity.InputError", err)
			}
			if ie.File != "p.csv" || ie.Line != tt.line || ie.Field != tt.field {
				t.Errorf("error %v: line %d field %q, want line %d field %q", err, ie.Line, ie.Field, tt.line, tt.field)
			}
		})
	}
}
