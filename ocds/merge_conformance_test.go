package ocds_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/ocds"
)

// conformanceCase is one official ocds-merge fixture: the input releases
// and the expected output file.
type conformanceCase struct {
	name      string
	input     string // file with a JSON array of releases
	twice     bool   // merge input+input (the rule-override fixtures)
	override  string // array path for a non-default strategy
	strategy  ocds.ArrayStrategy
	expected  string
	versioned bool
}

// conformanceCases lists every expected-output file in dir and pairs it
// with its input; a file that cannot be paired fails the test, so no case
// is skipped silently.
func conformanceCases(t *testing.T, dir string) []conformanceCase {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Fixtures for the rule overrides of ocds-merge (tests/test_collisions.py
	// and the no-id variant): the input merged with itself, with the
	// `nested.array` array appended or merged by position.
	overrides := map[string]conformanceCase{
		"identifier-merge-duplicate-id-append.json":      {input: "identifier-merge-duplicate-id.json", twice: true, override: "nested.array", strategy: ocds.Append},
		"identifier-merge-duplicate-id-by-position.json": {input: "identifier-merge-duplicate-id.json", twice: true, override: "nested.array", strategy: ocds.MergeByPosition},
		"identifier-merge-no-id-append.json":             {input: "identifier-merge-no-id.json", twice: true, override: "nested.array", strategy: ocds.Append},
	}
	var cases []conformanceCase
	inputs := map[string]bool{}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".json") {
			continue
		}
		switch {
		case strings.HasSuffix(n, "-compiled.json"):
			cases = append(cases, conformanceCase{name: n, input: strings.TrimSuffix(n, "-compiled.json") + ".json", expected: n})
		case strings.HasSuffix(n, "-versioned.json"):
			cases = append(cases, conformanceCase{name: n, input: strings.TrimSuffix(n, "-versioned.json") + ".json", expected: n, versioned: true})
		case overrides[n].input != "":
			c := overrides[n]
			c.name, c.expected = n, n
			cases = append(cases, c)
		default:
			inputs[n] = true
		}
	}
	used := map[string]bool{}
	for _, c := range cases {
		if !inputs[c.input] {
			t.Errorf("%s: input %s not found", c.name, c.input)
		}
		used[c.input] = true
	}
	for in := range inputs {
		if !used[in] {
			t.Errorf("input %s has no expected output: unpaired fixture", in)
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	return cases
}

func TestConformance(t *testing.T) {
	root := shareddata.Dir(t, "ocds", "ocds-merge-conformance")
	schemaJSON, err := os.ReadFile(filepath.Join(root, "schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	schemaRules, err := ocds.NewRules(schemaJSON)
	if err != nil {
		t.Fatal(err)
	}
	suites := []struct {
		dir   string
		rules *ocds.Rules
		want  int
	}{
		{"1.1", ocds.RulesFor("1.1"), 34},
		{"1.0", ocds.RulesFor("1.0"), 2},
		{"schema", schemaRules, 17},
	}
	for _, s := range suites {
		cases := conformanceCases(t, filepath.Join(root, s.dir))
		if len(cases) != s.want {
			t.Errorf("%s: %d cases, want %d", s.dir, len(cases), s.want)
		}
		for _, c := range cases {
			t.Run(s.dir+"/"+c.name, func(t *testing.T) {
				releases := readReleases(t, filepath.Join(root, s.dir, c.input))
				if c.twice {
					releases = append(releases, releases...)
				}
				rules := s.rules
				if c.override != "" {
					rules = rules.WithStrategy(c.override, c.strategy)
				}
				merge := ocds.Compile
				if c.versioned {
					merge = ocds.Versioned
				}
				got, err := merge(rules, releases)
				if err != nil {
					t.Fatal(err)
				}
				want, err := os.ReadFile(filepath.Join(root, s.dir, c.expected))
				if err != nil {
					t.Fatal(err)
				}
				assertJSONEqual(t, got, want)
			})
		}
	}
}

func readReleases(t testing.TB, path string) []json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rels []json.RawMessage
	if err := json.Unmarshal(b, &rels); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rels
}

func assertJSONEqual(t testing.TB, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		wc, _ := json.Marshal(w)
		t.Errorf("got  %s\nwant %s", got, wc)
	}
}
