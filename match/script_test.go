package match

import (
	"encoding/json"
	"strings"
	"testing"
)

// A cross-script comparison carries its romanisation: in the explanation's
// JSON, and on its one-line summary; a Latin pair carries none.
func TestExplanationRomanisation(t *testing.T) {
	r := Compare("Person", "علي حسن المجيد التكريتي", "ALI HASSAN AL-MAJID AL-TIKRITI")
	rom := r.Explanation.Romanisation
	if rom == nil || len(rom.Query) != 4 || len(rom.Candidate) != 0 {
		t.Fatalf("Romanisation = %+v", rom)
	}
	if p := rom.Query[2]; p.Source != "المجيد" || p.Latin != "al majid" || p.Rule == "" {
		t.Errorf("part 3 = %+v", p)
	}
	js, err := json.Marshal(r.Explanation)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"romanised":{"query":[{"source":"علي","script":"Arabic","latin":"ali"`) {
		t.Errorf("JSON lacks the romanisation: %s", js)
	}
	if s := r.Explanation.String(); !strings.Contains(s, "romanised: علي→ali, حسن→hassan, المجيد→al majid") {
		t.Errorf("summary lacks the romanisation: %s", s)
	}
	// Scripts romanised letter by letter say so too.
	c := Compare("Person", "Владимир Путин", "Vladimir Putin").Explanation.Romanisation
	if c == nil || len(c.Query) != 2 || c.Query[0].Script != "Cyrillic" || c.Query[0].Latin != "vladimir" || !strings.Contains(c.Query[0].Rule, "letter by letter") {
		t.Errorf("Cyrillic romanisation = %+v", c)
	}
	l := Compare("Person", "Ali Hassan", "ALI HASSAN AL-MAJID").Explanation
	if l.Romanisation != nil || strings.Contains(l.String(), "romanised") {
		t.Errorf("Latin pair romanised: %s", l)
	}
	if js, _ := json.Marshal(l); strings.Contains(string(js), "romanised") {
		t.Errorf("Latin pair's JSON has romanised: %s", js)
	}
}
