package ocds_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/ocds"
)

func dropKeys(t testing.TB, b []byte, keys ...string) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		delete(m, k)
	}
	out, _ := json.Marshal(m)
	return out
}

// TestReconstructConformance reads every conformance versioned release
// (bare, and inside a record with no embedded releases), and checks that
// compiling the rebuilt releases gives the expected compiled release.
func TestReconstructConformance(t *testing.T) {
	root := shareddata.Dir(t, "ocds", "ocds-merge-conformance")
	n := 0
	for _, dir := range []string{"1.1", "1.0"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*-versioned.json"))
		for _, f := range files {
			compiledFile := strings.TrimSuffix(f, "-versioned.json") + "-compiled.json"
			want, err := os.ReadFile(compiledFile)
			if err != nil {
				continue // no compiled counterpart to compare with
			}
			versioned, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			record := []byte(`{"ocid":"x","releases":[],"versionedRelease":` + string(versioned) + `}`)
			for _, in := range [][]byte{versioned, record} {
				n++
				t.Run(dir+"/"+filepath.Base(f), func(t *testing.T) {
					rd := ocds.Reader{DefaultVersion: dir}
					var raws []json.RawMessage
					err := rd.Read(context.Background(), bytes.NewReader(in), "v.json", func(r probity.Release) error {
						raws = append(raws, r.Raw)
						return nil
					})
					if err != nil {
						t.Fatal(err)
					}
					if rd.Stats.Reconstructed != len(raws) || len(raws) == 0 {
						t.Fatalf("reconstructed %d, emitted %d", rd.Stats.Reconstructed, len(raws))
					}
					got, err := ocds.Compile(ocds.RulesFor(dir), raws)
					if err != nil {
						t.Fatal(err)
					}
					// A release that changed no value leaves no trace in a
					// versioned release, so the compiled `id` and `date` can
					// only come from the last release that changed something:
					// compare everything else.
					assertJSONEqual(t, dropKeys(t, got, "id", "date"), dropKeys(t, want, "id", "date"))
				})
			}
		}
	}
	if n < 30 {
		t.Errorf("only %d reconstruct cases", n)
	}
}
