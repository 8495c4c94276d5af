package match_test

import (
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

// TestCommonWordNeedsQualifier: a name that shares one common word (in
// several names the index holds) and nothing else distinctive with a list
// name is not a match unless a qualifier agrees, and the explanation says
// so; a rare word is not held back.
func TestCommonWordNeedsQualifier(t *testing.T) {
	entries := []probity.WatchlistEntry{
		{SourceID: "s1", Schema: "Organization", Name: "LIMITED LIABILITY COMPANY SPECTRUM", Countries: []string{"RU"},
			Addresses: []string{"ul. Bolshaya Yakimanka 22, Moscow 119180, Russia"}},
		{SourceID: "s2", Schema: "Organization", Name: "SPECTRUM TRADING FZE"},
		{SourceID: "r1", Schema: "Organization", Name: "LIMITED LIABILITY COMPANY ARCTICGEO", Countries: []string{"RU"}},
	}
	// The register holds other Spectrum companies.
	ix := match.NewIndexWith(entries, match.IndexOptions{Corpus: []string{"Spectrum Systems Inc", "Spectrum Health", "Arcticgeo Center LLC"}})
	search := func(q match.Query) []match.Hit {
		t.Helper()
		hits, err := ix.Search(q, match.DefaultThreshold, 5)
		if err != nil {
			t.Fatal(err)
		}
		return hits
	}
	for _, h := range search(match.Query{Name: "Spectrum Center Inc.", Schema: "Organization"}) {
		if h.Entry.SourceID == "s1" {
			t.Errorf("one common word matched without a qualifier: %s", h.Explanation)
		}
	}
	var lifted *match.Hit
	hits := search(match.Query{Name: "Spectrum Center Inc.", Schema: "Organization", Country: "ru"})
	for i := range hits {
		if hits[i].Entry.SourceID == "s1" {
			lifted = &hits[i]
		}
	}
	if lifted == nil {
		t.Fatalf("agreeing country did not lift the common-word pair: %v", hits)
	}
	if !lifted.Explanation.NeedsQualifier {
		t.Errorf("explanation does not say a qualifier was needed: %s", lifted.Explanation)
	}
	// An address that places the query where the entry is lifts it too; one
	// elsewhere, or only in the same country, does not.
	for _, tt := range []struct {
		address string
		lifted  bool
	}{
		{"Moscow", true},
		{"22 Bolshaya Yakimanka Street, Moscow", true},
		{"Novosibirsk", false},
		{"Russia", false},
		{"Street 22", false},
	} {
		got := false
		for _, h := range search(match.Query{Name: "Spectrum Center Inc.", Schema: "Organization", Address: tt.address}) {
			if h.Entry.SourceID == "s1" {
				got = true
				if !strings.Contains(h.Explanation.String(), "qualifier agrees (address)") {
					t.Errorf("address %q: the explanation does not name the address: %s", tt.address, h.Explanation)
				}
			}
		}
		if got != tt.lifted {
			t.Errorf("address %q: lifted %v, want %v", tt.address, got, tt.lifted)
		}
	}
	// A rare word (in two names: the list's and the register's): the same
	// shape matches without a qualifier.
	found := false
	for _, h := range search(match.Query{Name: "Arcticgeo Center Inc.", Schema: "Organization"}) {
		found = found || h.Entry.SourceID == "r1"
	}
	if !found {
		t.Errorf("a rare shared word was held back")
	}
}
