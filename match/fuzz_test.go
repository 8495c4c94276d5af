package match_test

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

var fuzzSeeds = []string{
	"Vladimir Putin", "PUTIN, Vladimir Vladimirovich", "Владимир Путин", "블라디미르 푸틴",
	"ولادیمیر پوتین", "Βλαντίμιρ Πούτιν", "Սերգեյ", "ვლადიმერ", "プーチン", "Siemens AG",
	"Sp. z o.o.", "3%ers", "Holding 3", "", "   ", "?!.", "a", "\xff\xfe", "Mr. J.",
	"١٢٣ Street", "XV", "Ig0r Sech1n", "’Ndrangheta", "ዐቢይ አሕመድ", "ቍ፩",
}

// FuzzNormalize: never panics, output is valid UTF-8 without leading,
// trailing or double spaces, and normalising twice changes nothing.
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := match.Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 %q", n)
		}
		if len(n) > 0 && (n[0] == ' ' || n[len(n)-1] == ' ') {
			t.Fatalf("untrimmed %q", n)
		}
		if n2 := match.Normalize(n); n2 != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, n2)
		}
	})
}

// FuzzCompare: never panics, scores lie in [0, 1], and a normalisable name
// compared with itself scores exactly 1 (0.9 for an acronym-only match).
func FuzzCompare(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add("Person", s, fuzzSeeds[(i+1)%len(fuzzSeeds)])
		f.Add("Company", s, s)
	}
	f.Fuzz(func(t *testing.T, schema, a, b string) {
		r := match.Compare(schema, a, b)
		if r.Score < 0 || r.Score > 1 {
			t.Fatalf("score %v out of range for %q / %q", r.Score, a, b)
		}
		if r.Match != (r.Score >= match.DefaultThreshold) {
			t.Fatalf("Match %v with score %v", r.Match, r.Score)
		}
		_ = r.Explanation.String()
		if match.Normalize(a) != "" {
			r := match.Compare(schema, a, a)
			want := 1.0
			if hasAdjustment(r.Explanation, "acronym-only match") {
				want = 0.9 // a short capitalised word: see TestAcronymOnly
			}
			if r.Score != want {
				t.Fatalf("Compare(%q, %q) = %v, want %v", a, a, r.Score, want)
			}
		}
	})
}

// FuzzSearch: an index search never panics on any query (candidates two
// edits away, spelling keys, left-over legal-form and phrase words) and
// returns scores in [0, 1] at or above the threshold, best first.
func FuzzSearch(f *testing.F) {
	var es []probity.WatchlistEntry
	for i, s := range fuzzSeeds {
		es = append(es, probity.WatchlistEntry{SourceID: fmt.Sprint(i), Schema: []string{"Person", "Organization", "Vessel"}[i%3], Name: s})
	}
	es = append(es,
		probity.WatchlistEntry{SourceID: "llc", Schema: "Organization", Name: "LIMITED LIABILITY COMPANY GLOBOVISION TRADING COMPANY"},
		probity.WatchlistEntry{SourceID: "sa", Schema: "Organization", Name: "MOREXPRESS, S.A. DE C.V."})
	ix := match.NewIndex(es)
	for _, s := range fuzzSeeds {
		f.Add(s, "")
	}
	f.Add("Globovvsioh Tradng Compay Limited Liabilty", "Organization")
	f.Add("Morexpress Sociedad Anonima de C.V.", "Company")
	f.Fuzz(func(t *testing.T, q, schema string) {
		hits, err := ix.Search(match.Query{Name: q, Schema: schema}, 0.5, 5)
		if err != nil {
			return
		}
		for i, h := range hits {
			if h.Score < 0.5 || h.Score > 1 || i > 0 && h.Score > hits[i-1].Score {
				t.Fatalf("%q: hit %d score %v out of order or range", q, i, h.Score)
			}
			_ = h.Explanation.String()
		}
	})
}
