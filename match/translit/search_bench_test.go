package translit_test

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/lists"
	"github.com/probity/probity/match"
)

// BenchmarkSearchArabic screens the UN list's Arabic original-script names,
// one query at a time, against the list's Latin names (the original-script
// aliases left out, so every hit is found across scripts), and reports
// p50/p99: the cost of romanisation, the consonant comparison and the
// article cutting on the query path (match's abjad.go).
func BenchmarkSearchArabic(b *testing.B) {
	path := filepath.Join(shareddata.Dir(b, "watchlists", "un-consolidated-watchman"), "UN_consolidated.xml")
	ld, err := lists.LoadUN(path)
	if err != nil {
		b.Fatal(err)
	}
	var queries []string
	entries := make([]probity.WatchlistEntry, 0, len(ld.Entries))
	for _, e := range ld.Entries {
		var latin []string
		for _, a := range e.Aliases {
			if dominantScript(a) == "Arabic" {
				queries = append(queries, a)
			} else {
				latin = append(latin, a)
			}
		}
		e.Aliases = latin
		entries = append(entries, e)
	}
	if len(queries) == 0 {
		b.Fatal("no Arabic names in the UN list")
	}
	ix := match.NewIndex(entries)
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := ix.Search(match.Query{Name: queries[i%len(queries)]}, match.DefaultThreshold, 10); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durs[len(durs)*99/100].Microseconds()), "p99-µs")
}
