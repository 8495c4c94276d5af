package match_test

import (
	"fmt"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

// TestCandidates: a name written exactly as listed is found whatever its
// words; of names sharing only a common word, the shortest comes first; a
// roman numeral first in a name is a number.
func TestCandidates(t *testing.T) {
	es := []probity.WatchlistEntry{
		{SourceID: "teg", Schema: "Organization", Name: "T.E.G. LIMITED"},
		{SourceID: "gas", Schema: "Organization", Name: "OOO GAS"},
		{SourceID: "b2", Schema: "Vessel", Name: "BICENTENARIO II"},
		{SourceID: "b14", Schema: "Vessel", Name: "BICENTENARIO XIV"},
	}
	for i := range 80 {
		es = append(es, probity.WatchlistEntry{SourceID: fmt.Sprint("f", i), Schema: "Organization",
			Name: fmt.Sprintf("%c%c NATIONAL GAS COMPANY", 'A'+i%26, 'A'+i/26)})
	}
	ix := match.NewIndex(es)
	tests := []struct{ q, schema, want string }{
		{"T.E.G. Limited", "Organization", "teg"},
		{"Obshchestvo s Ogranichennoi Otvetstvennostyu Gas", "Organization", "gas"},
		{"XIV Bicentenario", "Vessel", "b14"},
	}
	for _, tt := range tests {
		hits, err := ix.Search(match.Query{Name: tt.q, Schema: tt.schema}, match.DefaultThreshold, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Entry.SourceID != tt.want {
			t.Errorf("%q: want %s first, got %v", tt.q, tt.want, hits)
		}
	}
}
