package ocds_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/ocds"
)

// TestCompileSingleMatchesMerge checks the single-release fast path of
// Compile against the general merge on every real release: merging a
// the general merge of the release alone must give the same result.
func TestCompileSingleMatchesMerge(t *testing.T) {
	root := shareddata.Dir(t, "ocds")
	for _, d := range []string{"paraguay-dncp/releases", "mexico-gacm/gacm-releases.jsonl", "moldova-mtender/records",
		"armenia-armeps/armenia-releases.jsonl", "colombia-cce/2021-03-03.json", "ukraine-prozorro/records", "nigeria-bpp/records"} {
		rels, _ := readAll(t, filepath.Join(root, d))
		for _, r := range rels {
			rules := ocds.RulesFor(r.Version)
			one, err := ocds.Compile(rules, []json.RawMessage{r.Raw})
			if err != nil {
				t.Fatal(err)
			}
			two, err := ocds.CompileGeneral(rules, []json.RawMessage{r.Raw})
			if err != nil {
				t.Fatal(err)
			}
			assertJSONEqual(t, one, two)
			if t.Failed() {
				t.Fatalf("%s: %s", d, r.Source)
			}
		}
	}
}
