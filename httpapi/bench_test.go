package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/lists"
	"github.com/probity/probity/sqlite"
)

// benchServer returns a handler over a store with the full SDN list and
// an employee token.
func benchServer(b *testing.B) (http.Handler, string, []probity.WatchlistEntry) {
	b.Helper()
	dir := shareddata.Dir(b, "watchlists", "ofac-sdn-2024-05-03")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	load, err := lists.LoadOFAC(dir)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.SaveList(ctx, load.Version, load.Entries); err != nil {
		b.Fatal(err)
	}
	u, err := db.CreateUser(ctx, probity.User{Name: "bench", Role: probity.RoleEmployee}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	secret, display, hash, _ := probity.NewSecret(probity.TokenPrefix)
	if _, err := db.CreateToken(ctx, probity.Token{UserID: u.ID, Prefix: display}, hash, "bench"); err != nil {
		b.Fatal(err)
	}
	srv, err := httpapi.New(ctx, db, httpapi.Config{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), RateLimit: -1, ReloadInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	return srv, secret, load.Entries
}

func matchBodies(entries []probity.WatchlistEntry, n int) [][]byte {
	out := make([][]byte, 0, n)
	for i := 0; i < n; i++ {
		e := entries[(i*7919)%len(entries)]
		name := e.Name
		if i%4 == 1 && len(name) > 4 {
			name = name[:2] + name[3:]
		}
		if i%4 == 3 {
			name = fmt.Sprintf("Friendly Bakery %d Ltd", i)
		}
		body, _ := json.Marshal(map[string]any{"queries": map[string]any{"q1": map[string]any{"schema": "LegalEntity", "properties": map[string]any{"name": []string{name}}}}})
		out = append(out, body)
	}
	return out
}

// BenchmarkMatchSDN is POST /match/default with one query per request
// against the full SDN list, through the whole handler chain (auth,
// metrics, logging, JSON) but without the network; run on every core.
// It reports the p50 and p99 of the requests of the last run.
func BenchmarkMatchSDN(b *testing.B) {
	h, secret, entries := benchServer(b)
	bodies := matchBodies(entries, 1024)
	lat := make(chan time.Duration, 1<<20)
	cpu0 := cpuTime()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			req := httptest.NewRequest("POST", "/match/default", bytes.NewReader(bodies[i%len(bodies)]))
			req.Header.Set("Authorization", "Bearer "+secret)
			w := httptest.NewRecorder()
			t0 := time.Now()
			h.ServeHTTP(w, req)
			select {
			case lat <- time.Since(t0):
			default:
			}
			if w.Code != 200 {
				b.Fatalf("status %d: %s", w.Code, w.Body)
			}
			i++
		}
	})
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
	close(lat)
	var all []time.Duration
	for d := range lat {
		all = append(all, d)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if len(all) > 0 {
		b.ReportMetric(float64(all[len(all)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
	}
}

// cpuTime is the CPU time (user and system) the process has used: on a
// shared machine it measures the work of a request better than the wall
// clock does.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
