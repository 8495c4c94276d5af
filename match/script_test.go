package match

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/probity/probity"
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

// A list that follows another romanisation system (Wade–Giles, Revised
// Romanization, English given names) matches through it, in Compare and in
// Index.Search, and the explanation says which system it compared.
func TestAlternativeRomanisation(t *testing.T) {
	for _, tt := range []struct{ q, l, system string }{
		{"毛泽东", "Mao Tse-tung", "Wade–Giles"},
		{"박근혜", "Park Geun-hye", "Revised Romanization"},
		{"Γεώργιος Παπαδόπουλος", "George Papadopoulos", "English form of the given name"},
	} {
		r := Compare("Person", tt.q, tt.l)
		rom := r.Explanation.Romanisation
		if !r.Match || rom == nil || rom.System != tt.system || rom.Compared == "" || r.Explanation.Query != tt.q {
			t.Errorf("%s: %+v", r.Explanation, rom)
		}
		if !strings.Contains(r.Explanation.String(), "compared as romanised by "+tt.system) {
			t.Errorf("summary does not name the system: %s", r.Explanation)
		}
		// The same the other way round: the list name in the other script.
		if r := Compare("Person", tt.l, tt.q); !r.Match {
			t.Errorf("reversed: %s", r.Explanation)
		}
	}
	// Pinyin itself needs no alternative.
	if r := Compare("Person", "陈全国", "Chen Quanguo"); r.Explanation.Romanisation == nil || r.Explanation.Romanisation.System != "" {
		t.Errorf("pinyin pair compared through an alternative: %s", r.Explanation)
	}
	ix := NewIndex([]probity.WatchlistEntry{
		{List: "t", SourceID: "1", Schema: "Person", Name: "Mao Tse-tung"},
		{List: "t", SourceID: "2", Schema: "Person", Name: "Zhou Enlai"},
	})
	hits, err := ix.Search(Query{Name: "毛泽东", Schema: "Person"}, DefaultThreshold, 10)
	if err != nil || len(hits) != 1 || hits[0].Entry.SourceID != "1" {
		t.Fatalf("Search 毛泽东: %v %+v", err, hits)
	}
	if ex := hits[0].Explanation; ex.Query != "毛泽东" || ex.Romanisation == nil || ex.Romanisation.System != "Wade–Giles" {
		t.Errorf("hit explanation: %s %+v", ex, ex.Romanisation)
	}
	if hits, _ := ix.Search(Query{Name: "周恩来", Schema: "Person"}, DefaultThreshold, 10); len(hits) != 1 || hits[0].Entry.SourceID != "2" || hits[0].Explanation.Romanisation.System != "" {
		t.Errorf("Search 周恩来 (pinyin in the list): %+v", hits)
	}
}
