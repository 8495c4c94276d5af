package match_test

import (
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
		{SourceID: "s1", Schema: "Organization", Name: "LIMITED LIABILITY COMPANY SPECTRUM", Countries: []string{"RU"}},
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
