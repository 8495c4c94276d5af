package match_test

import (
	"fmt"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

// TestLeftOutWords: under an index's word weights, a query that writes a
// list name short (a word left out, two or more kept, none added) still
// matches when the word left out is no rarer than those kept; a query with
// a word of its own, or one word common among the register's names alone,
// does not (it needs a qualifier).
func TestLeftOutWords(t *testing.T) {
	list := []string{
		"BABBAR KHALSA INTERNATIONAL", "ORION LIMITED LIABILITY COMPANY",
		"CONSTELLATION ADVISORS LTD", "MASTECH DIGITAL TECHNOLOGIES", "ARX FINANCIAL ENGINEERING LIMITED",
		"BNC",
	}
	// Filler entries, so that shared words are common and rare ones rare.
	var es []probity.WatchlistEntry
	for i, n := range list {
		es = append(es, probity.WatchlistEntry{SourceID: fmt.Sprint("e", i), Schema: "Organization", Name: n})
	}
	for i := range 200 {
		es = append(es, probity.WatchlistEntry{SourceID: fmt.Sprint("f", i), Schema: "Organization",
			Name: fmt.Sprintf("DIGITAL %s TRADING", string(rune('A'+i%26))+string(rune('A'+i/26)))})
	}
	// The register holds other bodies of these one-word names.
	ix := match.NewIndexWith(es, match.IndexOptions{Corpus: []string{
		"ORION OIL LLC", "ORION SYSTEMS INC", "CONSTELLATION INC", "CONSTELLATION HOMES LLC"}})
	tests := []struct {
		q, want string
		match   bool
	}{
		{"Babbar International", "e0", true},
		{"Orion Oil LLC", "e1", false},
		{"Constellation Inc", "e2", false},
		{"Digital Technologies LLC", "e3", false},
		// A short word kept with other words of the list name.
		{"ARX Engineering Limited", "e4", true},
		{"BNC Enterprises", "e5", false},
	}
	for _, tt := range tests {
		hits, err := ix.Search(match.Query{Name: tt.q, Schema: "Organization"}, 0.01, 3)
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, h := range hits {
			if h.Entry.SourceID == tt.want {
				got = h.Score >= match.DefaultThreshold
				if got != tt.match {
					t.Errorf("%q ~ %q: want match=%v, got %s", tt.q, h.MatchedName, tt.match, h.Explanation)
				}
			}
		}
		if tt.match && !got {
			t.Errorf("%q: %s not found: %v", tt.q, tt.want, hits)
		}
	}
}
