package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// A cross-script comparison explains itself on the command line: each
// part's romanisation and rule in the text, and in the JSON explanation.
func TestCompareRomanised(t *testing.T) {
	db := tempDB(t)
	out := mustRun(t, db, "compare", "علي حسن المجيد التكريتي", "ALI HASSAN AL-MAJID AL-TIKRITI")
	for _, want := range []string{"match (threshold", "romanised:", "name1 Arabic المجيد → al majid (article al- split off"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare text lacks %q:\n%s", want, out)
		}
	}
	out = mustRun(t, db, "compare", "--json", "김여정", "Kim Yo Jong")
	var cmp struct {
		Match       bool `json:"match"`
		Explanation struct {
			Romanised struct {
				Query []struct{ Source, Script, Latin, Rule string } `json:"query"`
			} `json:"romanised"`
		} `json:"explanation"`
	}
	if err := json.Unmarshal([]byte(out), &cmp); err != nil {
		t.Fatal(err)
	}
	q := cmp.Explanation.Romanised.Query
	if !cmp.Match || len(q) == 0 || q[0].Source != "김" || q[0].Latin != "kim" || q[0].Script != "Hangul" || q[0].Rule == "" {
		t.Errorf("compare --json: %s", out)
	}
	if out := mustRun(t, db, "compare", "毛泽东", "Mao Tse-tung"); !strings.Contains(out, "compared as romanised by Wade–Giles: mao tsetung") {
		t.Errorf("compare does not say which romanisation matched:\n%s", out)
	}
	if out := mustRun(t, db, "compare", "--json", "Kim Yo Jong", "Kim Yo-jong"); strings.Contains(out, "romanised") {
		t.Errorf("Latin pair romanised: %s", out)
	}
}
