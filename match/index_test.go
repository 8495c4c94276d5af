package match_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

var testEntries = []probity.WatchlistEntry{
	{List: "t", SourceID: "1", Schema: "Person", Name: "Vladimir Vladimirovich Putin", Aliases: []string{"Владимир Путин"}, BirthDates: []string{"1952-10-07"}, Countries: []string{"ru"}},
	{List: "t", SourceID: "2", Schema: "Company", Name: "Tactical Missiles Corporation JSC", Identifiers: []probity.Identifier{{Scheme: "RU-INN", ID: "5010050218"}}},
	{List: "t", SourceID: "3", Schema: "Person", Name: "Isa Bin Tarif Al Bin Ali", WeakAliases: []string{"Abu Tarif"}},
	{List: "t", SourceID: "4", Schema: "Organization", Name: "Holding 3"},
	{List: "t", SourceID: "5", Schema: "Vessel", Name: "Putin"},
	{List: "t", SourceID: "6", Schema: "Company", Name: "George Habbash Trading LLC"},
	{List: "t", SourceID: "7", Schema: "Person", Name: "George Habbash"},
}

func TestSearch(t *testing.T) {
	ix := match.NewIndex(testEntries)
	tests := []struct {
		name  string
		q     match.Query
		want  []string // source ids, best first
		exact bool     // want exactly these hits
	}{
		{"name", match.Query{Name: "Vladimir Putin", Schema: "Person"}, []string{"1"}, true},
		{"alias in Cyrillic", match.Query{Name: "путин владимир"}, []string{"1"}, false},
		{"typo", match.Query{Name: "Wladimir Puttin", Schema: "Person"}, []string{"1"}, true},
		{"org finds company", match.Query{Name: "Tactical Missiles Corp", Schema: "Organization"}, []string{"2"}, true},
		{"person never company", match.Query{Name: "Tactical Missiles Corporation", Schema: "Person"}, nil, true},
		{"weak alias", match.Query{Name: "Abu Tarif", Schema: "Person"}, []string{"3"}, true},
		{"numbers must agree", match.Query{Name: "Holding 1", Schema: "Organization"}, nil, true},
		{"numbers agree", match.Query{Name: "Holding 3", Schema: "Company"}, []string{"4"}, true}, // an Organization entry may be a Company
		{"legal entity finds org", match.Query{Name: "Holding 3", Schema: "LegalEntity"}, []string{"4"}, true},
		{"first name only", match.Query{Name: "George Bush", Schema: "Person"}, nil, true},
		{"identifier", match.Query{Name: "TMC", Schema: "Company", Identifiers: []probity.Identifier{{Scheme: "RU-INN", ID: "5010050218"}}}, []string{"2"}, true},
		{"vessel", match.Query{Name: "Putin", Schema: "Vessel"}, []string{"5"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(tt.q, match.DefaultThreshold, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Entry.SourceID)
				if !h.Match || h.Score < match.DefaultThreshold || h.Explanation.Score != h.Score {
					t.Errorf("hit %s: match %v score %v explanation score %v", h.Entry.SourceID, h.Match, h.Score, h.Explanation.Score)
				}
			}
			if tt.exact && strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if !tt.exact && (len(got) == 0 || got[0] != tt.want[0]) {
				t.Errorf("got %v, want %v first", got, tt.want)
			}
		})
	}
}

func TestSearchQualifiers(t *testing.T) {
	ix := match.NewIndex(testEntries)
	base, _ := ix.Search(match.Query{Name: "Wladimir Putin", Schema: "Person"}, 0.5, 1)
	same, _ := ix.Search(match.Query{Name: "Wladimir Putin", Schema: "Person", BirthDate: "1952", Country: "RU"}, 0.5, 1)
	diff, _ := ix.Search(match.Query{Name: "Wladimir Putin", Schema: "Person", BirthDate: "1970-01-01", Country: "us"}, 0.5, 1)
	if len(base) != 1 || len(same) != 1 || len(diff) != 1 {
		t.Fatalf("hits: %d %d %d", len(base), len(same), len(diff))
	}
	if !(same[0].Score > base[0].Score && base[0].Score > diff[0].Score) {
		t.Errorf("qualifiers: same %.3f base %.3f diff %.3f", same[0].Score, base[0].Score, diff[0].Score)
	}
	if len(diff[0].Explanation.Adjustments) != 2 {
		t.Errorf("adjustments not explained: %s", diff[0].Explanation)
	}
}

func TestSearchBadQueries(t *testing.T) {
	ix := match.NewIndex(testEntries)
	for _, tt := range []struct {
		name string
		q    string
		err  error
	}{
		{"empty", "", match.ErrEmptyQuery},
		{"blank", "   \t", match.ErrEmptyQuery},
		{"punctuation", "?!.,;-- ()", match.ErrEmptyQuery},
		{"10 kB", strings.Repeat("Putin ", 1700), match.ErrQueryTooLong},
		{"mixed script", "Путин Vladimir 普京 ولادیمیر", nil},
		{"invalid UTF-8", "Put\xffin", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(match.Query{Name: tt.q}, match.DefaultThreshold, 5)
			if !errors.Is(err, tt.err) {
				t.Errorf("err %v, want %v", err, tt.err)
			}
			if err != nil && probity.ErrorCode(err) != probity.EINVALID {
				t.Errorf("code %q", probity.ErrorCode(err))
			}
		})
	}
}

func TestScreenerSwapConcurrent(t *testing.T) {
	s := match.NewScreener(nil)
	if hits, err := s.Search(match.Query{Name: "Putin"}, 0.5, 5); err != nil || len(hits) != 0 {
		t.Fatalf("empty screener: %v %v", hits, err)
	}
	a := match.NewIndex(testEntries[:1])
	b := match.NewIndex(testEntries[1:])
	s.Swap(a)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				hits, err := s.Search(match.Query{Name: "Vladimir Putin"}, match.DefaultThreshold, 5)
				if err != nil {
					t.Error(err)
					return
				}
				// Either snapshot is fine; a hit must come from one of them.
				for _, h := range hits {
					if h.Entry.SourceID != "1" && h.Entry.SourceID != "5" {
						t.Errorf("unexpected hit %s", h.Entry.SourceID)
					}
				}
			}
		}()
	}
	for i := 0; i < 50; i++ {
		if i%2 == 0 {
			s.Swap(b)
		} else {
			s.Swap(a)
		}
	}
	wg.Wait()
	if old := s.Swap(b); old != a && old != b {
		t.Error("Swap returned a snapshot never stored")
	}
}

// TestSearchAgreesWithBruteForce checks that candidate generation does not
// lose matches: for sample queries, the best entry found by comparing the
// query with every SDN name must be among Search's hits.
func TestSearchAgreesWithBruteForce(t *testing.T) {
	if testing.Short() {
		t.Skip("brute force over the SDN list is slow")
	}
	entries := loadSDN(t)
	ix := match.NewIndex(entries)
	queries := queryNames(entries, 40, 1)
	missed, found := 0, 0
	for _, q := range queries {
		bestID, bestScore := "", 0.0
		for _, e := range entries {
			if !match.Compatible(q.Schema, e.Schema) {
				continue
			}
			for _, n := range append([]string{e.Name}, append(e.Aliases, e.WeakAliases...)...) {
				if r := match.Compare(q.Schema, q.Name, n); r.Score > bestScore {
					bestID, bestScore = e.SourceID, r.Score
				}
			}
		}
		if bestScore < match.DefaultThreshold {
			continue
		}
		found++
		hits, err := ix.Search(match.Query{Name: q.Name, Schema: q.Schema}, match.DefaultThreshold, 20)
		if err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, h := range hits {
			ok = ok || h.Entry.SourceID == bestID || h.Score >= bestScore
		}
		if !ok {
			missed++
			t.Logf("missed %q: brute force best %s %.3f", q.Name, bestID, bestScore)
		}
	}
	t.Logf("%d of %d brute-force matches found by the index", found-missed, found)
	if found == 0 || float64(missed) > 0.05*float64(found) {
		t.Errorf("index missed %d of %d", missed, found)
	}
}
