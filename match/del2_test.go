package match_test

import (
	"fmt"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

// TestTwoEdits: a long word two edits from a list word finds it (letters
// missing, letters too many, both); a short one does not.
func TestTwoEdits(t *testing.T) {
	es := []probity.WatchlistEntry{
		{SourceID: "a", Schema: "Organization", Name: "FINCIMEX"},
		{SourceID: "b", Schema: "Organization", Name: "GLOBOVISION"},
		{SourceID: "c", Schema: "Organization", Name: "SILVER"},
	}
	for i := range 50 {
		es = append(es, probity.WatchlistEntry{SourceID: fmt.Sprint("f", i), Schema: "Organization", Name: fmt.Sprintf("FILLER %c%c TRADING", 'A'+i%26, 'A'+i/26)})
	}
	ix := match.NewIndex(es)
	tests := []struct {
		q, want string
	}{
		{"Fncimx", "a"},      // two letters missing
		{"Finncimexx", "a"},  // two letters too many
		{"Globovvsioh", "b"}, // one too many, one changed
		{"Silvus", ""},       // six letters: two edits make another word
	}
	for _, tt := range tests {
		hits, err := ix.Search(match.Query{Name: tt.q, Schema: "Organization"}, 0.01, 3)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(hits) > 0 {
			got = hits[0].Entry.SourceID
		}
		if got != tt.want {
			t.Errorf("%q: want %q first, got %q (%v)", tt.q, tt.want, got, hits)
		}
	}
}
