package match_test

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

// BenchmarkIndexBuildSDN builds the index over the SDN list with aliases and
// reports the heap in use after the build.
func BenchmarkIndexBuildSDN(b *testing.B) {
	entries := loadSDN(b)
	b.ResetTimer()
	var ix *match.Index
	for i := 0; i < b.N; i++ {
		ix = match.NewIndex(entries)
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	_, names := ix.Len()
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-heap")
	b.ReportMetric(float64(names), "names")
	runtime.KeepAlive(ix)
}

// BenchmarkSearchSDN times single queries one by one and reports p50/p99.
func BenchmarkSearchSDN(b *testing.B) {
	entries := loadSDN(b)
	ix := match.NewIndex(entries)
	benchLatency(b, ix, queryNames(entries, 2000, 2))
}

func benchLatency(b *testing.B, ix *match.Index, qs []probity.WatchlistEntry) {
	b.Helper()
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := qs[i%len(qs)]
		t0 := time.Now()
		if _, err := ix.Search(match.Query{Name: q.Name, Schema: q.Schema}, match.DefaultThreshold, 10); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durs[len(durs)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkBatchSDN screens names in parallel (GOMAXPROCS goroutines) and
// reports throughput in names per second.
func BenchmarkBatchSDN(b *testing.B) {
	entries := loadSDN(b)
	ix := match.NewIndex(entries)
	qs := queryNames(entries, 2000, 3)
	var next atomic.Int64
	b.ResetTimer()
	t0 := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			q := qs[int(next.Add(1))%len(qs)]
			if _, err := ix.Search(match.Query{Name: q.Name, Schema: q.Schema}, match.DefaultThreshold, 10); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(t0).Seconds(), "names/s")
}

// synthetic returns n list entries whose names combine real SDN name parts
// at random (people from person parts, others from organisation parts).
func synthetic(src []probity.WatchlistEntry, n int) []probity.WatchlistEntry {
	var person, org [][]string
	for _, e := range src {
		w := strings.Fields(strings.NewReplacer(",", " ").Replace(e.Name))
		if e.Schema == "Person" {
			person = append(person, w)
		} else {
			org = append(org, w)
		}
	}
	rng := rand.New(rand.NewPCG(42, 42))
	pick := func(pool [][]string) string {
		k := 2 + rng.IntN(3)
		parts := make([]string, k)
		for i := range parts {
			ws := pool[rng.IntN(len(pool))]
			parts[i] = ws[rng.IntN(len(ws))]
		}
		return strings.Join(parts, " ")
	}
	out := make([]probity.WatchlistEntry, n)
	for i := range out {
		schema, pool := "Person", person
		if i%3 == 0 {
			schema, pool = "Company", org
		}
		out[i] = probity.WatchlistEntry{List: "synthetic", SourceID: "s" + string(rune('a'+i%26)), Schema: schema, Name: pick(pool)}
	}
	return out
}

// BenchmarkSearch1M times single queries against 1 M synthetic list names.
func BenchmarkSearch1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1 M names: skipped under -short")
	}
	src := loadSDN(b)
	entries := synthetic(src, 1_000_000)
	t0 := time.Now()
	ix := match.NewIndex(entries)
	build := time.Since(t0)
	qs := append(queryNames(entries, 1000, 4), queryNames(src, 1000, 5)...)
	benchLatency(b, ix, qs)
	b.ReportMetric(build.Seconds(), "build-s")
}
