// Command http is the load generator for probity's HTTP service. It builds
// a store in a temporary folder, starts the service in this process on a
// loopback port, sends a bounded number of requests (and stops at a time
// limit, whichever comes first) from a fixed number of concurrent clients,
// and prints throughput and latency percentiles. Nothing leaves the
// machine: the server listens on 127.0.0.1 only.
//
//	go run ./bench/http -mode match -sdn ../shared/data/watchlists/ofac-sdn-2024-05-03
//	go run ./bench/http -mode contracts -contracts 100000
//
// Modes: match (POST /match/default, one query per request, names drawn
// from the loaded SDN list, a quarter of them misspelt, a quarter unknown)
// and contracts (GET /contracts?after=…&limit=100 and GET /contracts/{id}
// over N generated contracts, half and half, or -only list|detail).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/lists"
	"github.com/probity/probity/sqlite"
)

func main() {
	mode := flag.String("mode", "match", "match or contracts")
	sdn := flag.String("sdn", "../shared/data/watchlists/ofac-sdn-2024-05-03", "OFAC SDN folder (match mode)")
	nContracts := flag.Int("contracts", 100_000, "contracts to generate (contracts mode)")
	requests := flag.Int("n", 30_000, "requests to send at most")
	limit := flag.Duration("time", 20*time.Second, "stop sending after this long")
	clients := flag.Int("c", 16, "concurrent clients")
	warm := flag.Int("warmup", 500, "requests sent (and not measured) before the run")
	flag.StringVar(&only, "only", "", "contracts mode: list or detail (default: both, half and half)")
	flag.Parse()
	if *requests <= 0 || *requests > 1_000_000 || *clients <= 0 || *clients > 256 || *limit > 10*time.Minute {
		fmt.Fprintln(os.Stderr, "bench/http: -n must be 1..1000000, -c 1..256, -time at most 10m")
		os.Exit(2)
	}
	if err := run(*mode, *sdn, *nContracts, *requests, *clients, *warm, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "bench/http:", err)
		os.Exit(1)
	}
}

// only restricts the contracts mode to one endpoint.
var only string

func run(mode, sdn string, nContracts, n, clients, warm int, limit time.Duration) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir, err := os.MkdirTemp("", "probity-bench-http-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := sqlite.Open(ctx, filepath.Join(dir, "probity.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	var next func(r *rand.Rand) (method, path string, body []byte)
	start := time.Now()
	switch mode {
	case "match":
		next, err = setupMatch(ctx, db, sdn)
	case "contracts":
		next, err = setupContracts(ctx, db, nContracts)
	default:
		return fmt.Errorf("unknown mode %q", mode)
	}
	if err != nil {
		return err
	}
	fmt.Printf("setup (%s) took %s\n", mode, time.Since(start).Round(time.Millisecond))
	u, err := db.CreateUser(ctx, probity.User{Name: "bench", Role: probity.RoleEmployee}, "bench")
	if err != nil {
		return err
	}
	secret, display, hash, err := probity.NewSecret(probity.TokenPrefix)
	if err != nil {
		return err
	}
	if _, err := db.CreateToken(ctx, probity.Token{UserID: u.ID, Prefix: display}, hash, "bench"); err != nil {
		return err
	}
	start = time.Now()
	srv, err := httpapi.New(ctx, db, httpapi.Config{
		Logger:    slog.New(slog.NewJSONHandler(io.Discard, nil)), // logging on, written nowhere
		RateLimit: -1, ReloadInterval: -1,
	})
	if err != nil {
		return err
	}
	fmt.Printf("server start (index build) took %s\n", time.Since(start).Round(time.Millisecond))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go srv.Serve(ctx, ln)
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}, Timeout: 10 * time.Second}
	send := func(r *rand.Rand) (time.Duration, error) {
		method, path, body := next(r)
		req, err := http.NewRequest(method, base+path, bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Authorization", "Bearer "+secret)
		t0 := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d := time.Since(t0)
		if resp.StatusCode != 200 {
			return d, fmt.Errorf("%s %s: status %d", method, path, resp.StatusCode)
		}
		return d, err
	}
	r0 := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < warm; i++ {
		if _, err := send(r0); err != nil {
			return err
		}
	}
	var issued atomic.Int64
	deadline := time.Now().Add(limit)
	lat := make([][]time.Duration, clients)
	errs := make([]error, clients)
	var wg sync.WaitGroup
	start = time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 99))
			for issued.Add(1) <= int64(n) && time.Now().Before(deadline) {
				d, err := send(r)
				if err != nil {
					errs[c] = err
					return
				}
				lat[c] = append(lat[c], d)
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	fmt.Printf("mode %s: %d requests in %s from %d clients on GOMAXPROCS=%d (NumCPU %d)\n", mode, len(all), elapsed.Round(time.Millisecond), clients, runtime.GOMAXPROCS(0), runtime.NumCPU())
	fmt.Printf("throughput %.0f requests/s\n", float64(len(all))/elapsed.Seconds())
	fmt.Printf("latency p50 %s  p90 %s  p99 %s  max %s\n", pct(.50).Round(time.Microsecond), pct(.90).Round(time.Microsecond), pct(.99).Round(time.Microsecond), all[len(all)-1].Round(time.Microsecond))
	return nil
}

// setupMatch loads the SDN list and returns a generator of one-query
// /match requests.
func setupMatch(ctx context.Context, db *sqlite.DB, dir string) (func(*rand.Rand) (string, string, []byte), error) {
	load, err := lists.LoadOFAC(dir)
	if err != nil {
		return nil, err
	}
	if _, err := db.SaveList(ctx, load.Version, load.Entries); err != nil {
		return nil, err
	}
	fmt.Printf("loaded %d SDN entries\n", len(load.Entries))
	type q struct{ name, schema string }
	var names []q
	for _, e := range load.Entries {
		schema := e.Schema
		if schema != "Person" {
			schema = "Organization"
		}
		names = append(names, q{e.Name, schema})
	}
	unknown := []string{"Friendly Bakery Ltd", "Maria Gonzalez Rodriguez", "Northwind Traders", "Jean-Pierre Dubois", "Acme Cloud Services Inc"}
	return func(r *rand.Rand) (string, string, []byte) {
		var name, schema string
		switch k := r.IntN(4); {
		case k == 0:
			name, schema = unknown[r.IntN(len(unknown))], "LegalEntity"
		default:
			x := names[r.IntN(len(names))]
			name, schema = x.name, x.schema
			if k == 1 && len(name) > 4 { // a typo
				i := 1 + r.IntN(len(name)-2)
				name = name[:i] + name[i+1:]
			}
		}
		body, _ := json.Marshal(map[string]any{"queries": map[string]any{"q1": map[string]any{"schema": schema, "properties": map[string]any{"name": []string{name}}}}})
		return "POST", "/match/default", body
	}, nil
}

// setupContracts stores n contracts (through Tx.PutContract, as ingest
// does) over 1,000 buyers and 5,000 suppliers, and returns a generator of
// list and detail requests.
func setupContracts(ctx context.Context, db *sqlite.DB, n int) (func(*rand.Rand) (string, string, []byte), error) {
	const buyers, suppliers = 1000, 5000
	var bIDs, sIDs []int64
	ids := make([]string, n)
	err := db.Update(ctx, func(tx probity.Tx) error {
		for i := 0; i < buyers; i++ {
			id, err := tx.CreateOrg(ctx, fmt.Sprintf("Agency %04d", i), probity.KindGovernment, "US")
			if err != nil {
				return err
			}
			bIDs = append(bIDs, id)
		}
		for i := 0; i < suppliers; i++ {
			id, err := tx.CreateOrg(ctx, fmt.Sprintf("Vendor %05d Inc", i), probity.KindCompany, "US")
			if err != nil {
				return err
			}
			sIDs = append(sIDs, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(7, 7))
	const chunk = 10_000
	for start := 0; start < n; start += chunk {
		err := db.Update(ctx, func(tx probity.Tx) error {
			for i := start; i < min(start+chunk, n); i++ {
				ids[i] = fmt.Sprintf("ocds-bench-%07d", i)
				c := probity.Contract{ID: ids[i], Title: fmt.Sprintf("Contract %d for services", i), Status: probity.StatusActive,
					Buyer:     &probity.OrgRef{ID: bIDs[r.IntN(buyers)]},
					Suppliers: []probity.OrgRef{{ID: sIDs[r.IntN(suppliers)]}, {ID: sIDs[r.IntN(suppliers)]}},
					Value:     &probity.Value{Amount: float64(r.IntN(10_000_000)), Currency: "USD"},
					Period:    probity.Period{Start: "2020-01-01", End: "2024-12-31"}, Source: "ocds", SourceFiles: []string{"bench.jsonl"}}
				if err := tx.PutContract(ctx, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	fmt.Printf("stored %d contracts\n", n)
	return func(r *rand.Rand) (string, string, []byte) {
		id := ids[r.IntN(len(ids))]
		if only == "list" || (only == "" && r.IntN(2) == 0) {
			return "GET", "/contracts?limit=100&after=" + id, nil
		}
		return "GET", "/contracts/" + id, nil
	}, nil
}
