package ocds_test

import (
	"context"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/ocds"
)

func TestReadShapes(t *testing.T) {
	const r1 = `{"ocid":"a","id":"1","date":"2020-01-01T00:00:00Z"}`
	const r2 = `{"ocid":"b","id":2,"date":"2020-01-02T00:00:00Z","version":"1.1"}`
	tests := []struct {
		name     string
		in       string
		ids      string // "ocid/id@version source" joined by " "
		linked   int
		compiled int
	}{
		{"bare release", r1, "a/1@1.0 x:1", 0, 0},
		{"JSON Lines", r1 + "\n" + r2 + "\n", "a/1@1.0 x:1 b/2@1.1 x:2", 0, 0},
		{"concatenated on one line", r1 + r2, "a/1@1.0 x:1 b/2@1.1 x:1", 0, 0},
		{"array of releases", "[" + r1 + ",\n" + r2 + "]", "a/1@1.0 x#1 b/2@1.1 x#2", 0, 0},
		{"release package 1.1", `{"version":"1.1","releases":[` + r1 + `]}`, "a/1@1.1 x#1", 0, 0},
		{"release package, version last", `{"releases":[` + r1 + `],"version":"1.1"}`, "a/1@1.1 x#1", 0, 0},
		{"release package, no version", `{"releases":[` + r1 + `]}`, "a/1@1.0 x#1", 0, 0},
		{"array of packages", `[{"version":"1.1","releases":[` + r1 + `]},{"releases":[` + r2 + `]}]`, "a/1@1.1 x#1 b/2@1.1 x#2", 0, 0},
		{"record package, linked and embedded", `{"version":"1.1","records":[{"ocid":"a","releases":[{"url":"http://x/1","date":"d","tag":["tender"]},` + r1 + `]}]}`, "a/1@1.1 x#1", 1, 0},
		{"record with only linked releases and compiledRelease", `{"version":"1.1","records":[{"ocid":"a","releases":[{"url":"u","date":"d"}],"compiledRelease":{"ocid":"a","id":"a-d","date":"d","tag":["compiled"]}}]}`, "a/a-d@1.1 x#1", 1, 1},
		{"bare record", `{"ocid":"a","releases":[` + r1 + `],"compiledRelease":{"ocid":"a","id":"a-x","date":"x"}}`, "a/1@1.0 x#1", 0, 0},
		{"empty input", " \n ", "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			var rd ocds.Reader
			err := rd.Read(context.Background(), strings.NewReader(tt.in), "x", func(r probity.Release) error {
				got = append(got, r.OCID+"/"+r.ID+"@"+r.Version+" "+r.Source)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if s := strings.Join(got, " "); s != tt.ids {
				t.Errorf("got %q, want %q", s, tt.ids)
			}
			if rd.Stats.LinkedReleases != tt.linked || rd.Stats.CompiledOnly != tt.compiled {
				t.Errorf("linked %d compiled-only %d; want %d %d", rd.Stats.LinkedReleases, rd.Stats.CompiledOnly, tt.linked, tt.compiled)
			}
		})
	}
}

// TestReadRawVerbatim checks that Release.Raw holds the release's bytes as
// they were read (number forms and escapes unchanged).
func TestReadRawVerbatim(t *testing.T) {
	in := `{"releases":[ {"ocid":"a","id":"1","date":"d","v":1.50e3,"s":"\u00e9\/"} ]}`
	var raw string
	if err := ocds.Read(context.Background(), strings.NewReader(in), "x", func(r probity.Release) error {
		raw = string(r.Raw)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := `{"ocid":"a","id":"1","date":"d","v":1.50e3,"s":"\u00e9\/"}`; raw != want {
		t.Errorf("raw %s, want %s", raw, want)
	}
}
