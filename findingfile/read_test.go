package findingfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/findingfile"
)

const goodYAML = `# two findings
- org:
    name: Agency A
    identifiers: [{scheme: US-UEI, id: ABC123}]
  category: arbitrary_detention
  legal_basis: [{instrument: ICCPR, article: 9}]
  status: alleged
  severity: high
  period: {start: 2018, end: 2018-06-30}
  sources:
    - {publisher: Paper, title: Report, date: 2018-06-20}
  summary: Held without review.
- org: {identifiers: [{scheme: US-UEI, id: XYZ}]}
  category: torture
  status: adjudicated
  severity: critical
  sources: [{publisher: Court, title: Judgment, url: "https://example.org/j"}]
  summary: Decided by a court.
  confidential: true
`

const goodJSON = `{"findings": [
  {"org": {"name": "Agency A"}, "category": "forced_labour", "status": "credible", "severity": "medium",
   "legal_basis": [{"instrument": "ILO C029", "article": 1}],
   "sources": [{"publisher": "NGO", "title": "Report", "date": "2020"}], "summary": "Workers could not leave.", "author": "ana"},
  {"org": {"name": "B"}, "category": "discrimination", "status": "alleged", "severity": "low",
   "sources": [{"publisher": "NGO", "title": "Report"}], "summary": "Unequal treatment."}
]}`

func TestParseGood(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []string // category of each finding
		lines            []int
	}{
		{"yaml", "f.yaml", goodYAML, []string{"arbitrary_detention", "torture"}, []int{2, 13}},
		{"json object", "f.json", goodJSON, []string{"forced_labour", "discrimination"}, []int{2, 5}},
		{"json sniffed", "-", goodJSON, []string{"forced_labour", "discrimination"}, []int{2, 5}},
		{"json list", "f.json", "[\n" + goodJSON[strings.Index(goodJSON, "{\"org"):strings.LastIndex(goodJSON, "]")] + "]", []string{"forced_labour", "discrimination"}, []int{2, 5}},
		{"yaml mapping", "f.yml", "findings:\n" + indent(goodYAML), []string{"arbitrary_detention", "torture"}, []int{3, 14}},
		{"empty list", "f.yaml", "[]", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := findingfile.Parse(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			var cats []string
			var lines []int
			for i, fi := range got {
				cats = append(cats, fi.Finding.Category)
				lines = append(lines, fi.Line)
				if fi.Record != i+1 || fi.File != tt.file {
					t.Errorf("record %d: File %q Record %d", i, fi.File, fi.Record)
				}
				if err := fi.Finding.Validate(); err != nil {
					t.Error(err)
				}
			}
			if !slices.Equal(cats, tt.want) || !slices.Equal(lines, tt.lines) {
				t.Errorf("categories %v lines %v, want %v %v", cats, lines, tt.want, tt.lines)
			}
		})
	}
	got, _ := findingfile.Parse("f.yaml", []byte(goodYAML))
	a := got[0]
	if a.Org.Name != "Agency A" || len(a.Org.Identifiers) != 1 || a.Org.Identifiers[0] != (probity.Identifier{Scheme: "US-UEI", ID: "ABC123"}) {
		t.Errorf("org = %+v", a.Org)
	}
	if a.Finding.LegalBasis[0] != (probity.LegalBasis{Instrument: "ICCPR", Article: "9"}) || a.Finding.Period != (probity.Period{Start: "2018", End: "2018-06-30"}) || a.Finding.Sources[0].Date != "2018-06-20" {
		t.Errorf("finding = %+v", a.Finding)
	}
	if !got[1].Finding.Confidential || got[1].Finding.Sources[0].URL != "https://example.org/j" {
		t.Errorf("finding 2 = %+v", got[1].Finding)
	}
}

func indent(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i := range lines {
		lines[i] = "  " + lines[i]
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestParseBad(t *testing.T) {
	rec := func(extra string) string {
		return "- org: {name: A}\n  category: torture\n  status: alleged\n  severity: high\n  sources: [{publisher: P, title: T}]\n  summary: S\n" + extra
	}
	tests := []struct {
		name, file, data string
		record, line     int
		field            string
	}{
		{"no source", "f.yaml", "- org: {name: A}\n  category: torture\n  status: alleged\n  severity: high\n  summary: S\n", 1, 1, "sources"},
		{"unknown category", "f.yaml", rec("") + "- org: {name: B}\n  category: rudeness\n  status: alleged\n  severity: low\n  sources: [{publisher: P, title: T}]\n  summary: S\n", 2, 8, "category"},
		{"unknown status", "f.yaml", strings.Replace(rec(""), "alleged", "rumoured", 1), 1, 3, "status"},
		{"bad source date", "f.yaml", strings.Replace(rec(""), "title: T}", "title: T, date: yesterday}", 1), 1, 5, "sources[0].date"},
		{"unknown field", "f.yaml", rec("  colour: red\n"), 1, 7, "colour"},
		{"no org", "f.yaml", strings.Replace(rec(""), "- org: {name: A}\n  category", "- category", 1), 1, 1, "org"},
		{"empty org", "f.yaml", strings.Replace(rec(""), "{name: A}", "{}", 1), 1, 1, "org"},
		{"identifier scheme", "f.yaml", strings.Replace(rec(""), "{name: A}", "{identifiers: [{id: X}]}", 1), 1, 1, "org.identifiers[0].scheme"},
		{"wrong type", "f.yaml", strings.Replace(rec(""), "summary: S", "summary: [a, b]", 1), 1, 6, "summary"},
		{"not a list", "f.yaml", "org: 1\n", 0, 1, "findings"},
		{"scalar record", "f.yaml", "- 3\n", 1, 1, ""},
		{"bad yaml", "f.yaml", "- org: {name: A\n", 0, 1, ""},
		{"json no source", "f.json", "[\n{\"org\": {\"name\": \"A\"}, \"category\": \"torture\", \"status\": \"alleged\", \"severity\": \"high\", \"summary\": \"S\"}\n]", 1, 2, "sources"},
		{"json second record", "f.json", "[{\"org\": {\"name\": \"A\"}, \"category\": \"torture\", \"status\": \"alleged\", \"severity\": \"high\", \"summary\": \"S\", \"sources\": [{\"publisher\": \"P\", \"title\": \"T\"}]},\n\n {\"org\": {\"name\": \"A\"}, \"category\": \"x\"}]", 2, 3, "category"},
		{"json syntax", "f.json", "[\n{\"org\": }\n]", 0, 2, ""},
		{"json trailing", "f.json", "[] []", 0, 1, ""},
		{"json object without list", "f.json", `{"items": []}`, 0, 1, "findings"},
		{"json number", "f.json", `7`, 0, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := findingfile.Parse(tt.file, []byte(tt.data))
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *InputError", err)
			}
			if ie.File != tt.file || ie.Record != tt.record || ie.Line != tt.line || ie.Field != tt.field {
				t.Errorf("got file %q record %d line %d field %q, want %q %d %d %q (%v)", ie.File, ie.Record, ie.Line, ie.Field, tt.file, tt.record, tt.line, tt.field, err)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f.yaml")
	if err := os.WriteFile(p, []byte(goodYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := findingfile.ReadFile(p)
	if err != nil || len(got) != 2 || got[0].File != p {
		t.Fatalf("ReadFile = %v, %v", got, err)
	}
	_, err = findingfile.ReadFile(filepath.Join(dir, "missing.yaml"))
	var ie *probity.InputError
	if !errors.As(err, &ie) || !strings.Contains(ie.File, "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
	got, err = findingfile.Read("-", strings.NewReader(goodYAML))
	if err != nil || len(got) != 2 {
		t.Errorf("Read = %v, %v", got, err)
	}
}

// TestDemo2018: the shipped demo findings import and validate, name ICE and
// DHS, cite the legal bases of the case, and carry no invented URLs.
func TestDemo2018(t *testing.T) {
	got, err := findingfile.Demo2018()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 3 {
		t.Fatalf("%d findings", len(got))
	}
	orgs := map[string]bool{}
	bases := map[string]bool{}
	statuses := map[string]bool{}
	for _, fi := range got {
		if err := fi.Finding.Validate(); err != nil {
			t.Error(err)
		}
		orgs[fi.Org.Name] = true
		statuses[fi.Finding.Status] = true
		for _, lb := range fi.Finding.LegalBasis {
			bases[lb.Instrument+" "+lb.Article] = true
		}
		for _, s := range fi.Finding.Sources {
			if s.URL != "" {
				t.Errorf("record %d: URL %q: the demo's sources have no known URLs", fi.Record, s.URL)
			}
			if s.Date == "" {
				t.Errorf("record %d: source %q without a date", fi.Record, s.Title)
			}
		}
	}
	for _, o := range []string{"U.S. Immigration and Customs Enforcement", "Department of Homeland Security"} {
		if !orgs[o] {
			t.Errorf("no finding on %s", o)
		}
	}
	for _, b := range []string{"CRC 9", "ICCPR 9", "ICCPR 17", "ICCPR 23", "ICCPR 24"} {
		if !bases[b] {
			t.Errorf("legal basis %s not cited", b)
		}
	}
	for _, s := range []string{"alleged", "credible", "substantiated"} {
		if !statuses[s] {
			t.Errorf("no %s finding", s)
		}
	}
}
