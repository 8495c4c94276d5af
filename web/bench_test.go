package web_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/demo"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/review"
	"github.com/probity/probity/sqlite"
	"github.com/probity/probity/web"
)

// The portal's figures (issue 10): the register page (search, filter and
// sort; the first page and the 500th) with 100,000 contracts in SQLite,
// p99 under 50 ms; a contract page p99 under 30 ms; a page under 100 kB.
// Requests go over loopback HTTP through the whole middleware, as a
// browser's would. Titles and supplier names are the real ones of the
// demo's ICE awards (USAspending), cycled.

type portalBench struct {
	ts    *httptest.Server
	root  int64 // the government: every agency is part of it
	dept  int64 // one department of twenty
	close func()
}

var (
	benchOnce sync.Once
	benchEnv  *portalBench
	benchErr  error
)

const benchContracts = 100_000

func realAwards() (titles, suppliers []string, err error) {
	f, err := demo.Data.Open("data/ice-awards-2018.csv")
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, nil, err
	}
	ti, si := slices.Index(head, "award_description"), slices.Index(head, "recipient_name")
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if ti < len(rec) && si < len(rec) && rec[ti] != "" && rec[si] != "" {
			titles = append(titles, rec[ti])
			suppliers = append(suppliers, rec[si])
		}
	}
	return titles, suppliers, nil
}

func setupPortalBench(dir string) (*portalBench, error) {
	ctx := context.Background()
	titles, supNames, err := realAwards()
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "portal.db"))
	if err != nil {
		return nil, err
	}
	env := &portalBench{}
	var ids []string
	err = db.Update(ctx, func(tx probity.Tx) error {
		var err error
		if env.root, err = tx.CreateOrg(ctx, "Government of Benchland", probity.KindGovernment, "US"); err != nil {
			return err
		}
		var depts, agencies []int64
		for i := 0; i < 20; i++ {
			d, err := tx.CreateOrg(ctx, fmt.Sprintf("Department %d", i), probity.KindGovernment, "US")
			if err != nil {
				return err
			}
			depts = append(depts, d)
			if err := tx.PutRelationship(ctx, probity.Relationship{From: d, To: env.root, Kind: probity.RelPartOf, Source: "bench"}); err != nil {
				return err
			}
		}
		env.dept = depts[3]
		for i := 0; i < 400; i++ {
			a, err := tx.CreateOrg(ctx, fmt.Sprintf("Agency %d", i), probity.KindGovernment, "US")
			if err != nil {
				return err
			}
			agencies = append(agencies, a)
			if err := tx.PutRelationship(ctx, probity.Relationship{From: a, To: depts[i%20], Kind: probity.RelPartOf, Source: "bench"}); err != nil {
				return err
			}
		}
		seen := map[string]int64{}
		for _, n := range supNames {
			if _, ok := seen[n]; ok {
				continue
			}
			c, err := tx.CreateOrg(ctx, n, probity.KindCompany, "US")
			if err != nil {
				return err
			}
			seen[n] = c
		}
		for i := 0; i < benchContracts; i++ {
			k := i % len(titles)
			c := probity.Contract{ID: fmt.Sprintf("CONT_BENCH_%06d", i), Title: titles[k], Status: probity.StatusActive,
				Buyer: &probity.OrgRef{ID: agencies[(i*7)%len(agencies)]}, Suppliers: []probity.OrgRef{{ID: seen[supNames[k]]}},
				Period: probity.Period{Start: fmt.Sprintf("%d-%02d-01", 2015+i%10, 1+i%12)}, Source: "usaspending"}
			if i%9 != 0 { // one in nine has no known value
				c.Value = &probity.Value{Amount: float64(1000 + (i*7919)%5_000_000), Currency: "USD"}
			}
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
			ids = append(ids, c.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	bundle, err := policy.Default()
	if err != nil {
		return nil, err
	}
	pol, err := db.PublishPolicy(ctx, probity.PolicyVersion{Hash: bundle.Hash, Author: "bench", Files: bundle.AllFiles()})
	if err != nil {
		return nil, err
	}
	ds := make([]probity.Decision, len(ids))
	inputs := make([]json.RawMessage, len(ids))
	for i, id := range ids {
		d := probity.Decision{ContractID: id, Outcome: probity.Outcomes()[i%3], PolicyHash: pol.Hash, InputHash: fmt.Sprint(i)}
		if d.Outcome != probity.OutcomeAllow {
			d.Reasons = []probity.Reason{{RuleID: "review.client-findings", Effect: d.Outcome, Message: "synthetic reason"}}
		}
		ds[i], inputs[i] = d, json.RawMessage(`{}`)
	}
	if _, err := db.RecordDecisions(ctx, ds, inputs); err != nil {
		return nil, err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := review.New(db)
	site, err := web.New(db, web.Options{Review: svc, Logger: log, Search: web.NewMemorySearcher(db, time.Hour)})
	if err != nil {
		return nil, err
	}
	srv, err := httpapi.New(ctx, db, httpapi.Config{Logger: log, ReloadInterval: -1, RateLimit: -1, Pages: site.Pages()},
		append(httpapi.ReviewRoutes(svc, db), site.Routes()...)...)
	if err != nil {
		return nil, err
	}
	env.ts = httptest.NewServer(srv)
	env.close = func() { env.ts.Close(); db.Close() }
	return env, nil
}

func portal(b *testing.B) *portalBench {
	benchOnce.Do(func() {
		dir, err := mkBenchDir()
		if err != nil {
			benchErr = err
			return
		}
		start := time.Now()
		benchEnv, benchErr = setupPortalBench(dir)
		if benchErr == nil {
			fmt.Fprintf(os.Stderr, "portal bench: register of %d contracts built in %s\n", benchContracts, time.Since(start).Round(time.Millisecond))
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchEnv
}

// get fetches path as a browser (with extra headers, such as htmx's) and
// returns the size of the page.
func get(b *testing.B, client *http.Client, url string, headers ...string) int {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept", "text/html")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		b.Fatalf("%s: status %d", url, resp.StatusCode)
	}
	return int(n)
}

// measure runs the request b.N times and reports p50, p99 and the page
// size.
func measure(b *testing.B, url string, headers ...string) {
	client := &http.Client{}
	get(b, client, url, headers...) // the index is built and the connection open
	lat := make([]time.Duration, 0, b.N)
	size := 0
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		size = get(b, client, url, headers...)
		lat = append(lat, time.Since(t))
	}
	b.StopTimer()
	// CPU time of the whole process (server and client) per request: on a
	// loaded machine the latencies wait for a core, this does not.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	slices.Sort(lat)
	q := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(float64(size), "page-bytes")
}

func BenchmarkPortalRegister(b *testing.B) {
	env := portal(b)
	for _, tc := range []struct{ name, query string }{
		// search + filter + sort, first page
		{"search-filter-sort/page1", fmt.Sprintf("q=services&buyer=%d&sort=value", env.dept)},
		// filter + sort deep in the register: 500th page of 50
		{"filter-sort/page500", fmt.Sprintf("buyer=%d&decision=deny&sort=value&page=500", env.root)},
		// search + filter + sort, 500th page (a search that matches enough)
		{"search-filter-sort/page500", fmt.Sprintf("q=e&buyer=%d&status=active&sort=newest&page=500", env.root)},
	} {
		b.Run(tc.name, func(b *testing.B) { measure(b, env.ts.URL+"/contracts?"+tc.query) })
	}
	// The same first view as htmx asks for it: the results only.
	b.Run("search-filter-sort/page1/htmx", func(b *testing.B) {
		measure(b, env.ts.URL+fmt.Sprintf("/contracts?q=services&buyer=%d&sort=value", env.dept), "HX-Request", "true", "HX-Target", "results")
	})
}

// BenchmarkPortalExportCSV is one department's contracts as CSV, with
// each contract's and decision's log entry.
func BenchmarkPortalExportCSV(b *testing.B) {
	env := portal(b)
	measure(b, env.ts.URL+fmt.Sprintf("/contracts?buyer=%d&format=csv", env.dept))
}

func BenchmarkPortalContract(b *testing.B) {
	env := portal(b)
	measure(b, env.ts.URL+"/contracts/CONT_BENCH_012345")
}

func BenchmarkPortalHome(b *testing.B) {
	env := portal(b)
	measure(b, env.ts.URL+"/")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

var benchDir string

func mkBenchDir() (string, error) {
	var err error
	benchDir, err = os.MkdirTemp("", "probity-portal-bench")
	return benchDir, err
}

// TestMain removes the benchmarks' register when they are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchEnv != nil {
		benchEnv.close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
