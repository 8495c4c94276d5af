// Command logserve is the server side of bench/log.sh: it fills a SQLite
// store's transparency log with N decision entries (appended through the
// store's own transactions, 10,000 a transaction), signs a checkpoint with
// a key file beside the database, prints the verifier key and serves the
// log the C2SP tlog-tiles way under /log/ until it is stopped.
//
//	go run ./bench/logserve --db /tmp/log-1m.db --n 1000000 --addr 127.0.0.1:18411
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/sqlite"
	"github.com/probity/probity/translog"
)

func main() {
	dbPath := flag.String("db", "/tmp/probity-log-bench.db", "SQLite database (kept between runs)")
	n := flag.Int64("n", 1_000_000, "entries the log should hold")
	addr := flag.String("addr", "127.0.0.1:18411", "address to serve on ('' fills and exits)")
	flag.Parse()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	store, ok := any(db).(translog.CheckpointStore)
	if !ok {
		log.Fatal("the sqlite store does not keep the transparency log")
	}
	size, err := store.LogSize(ctx)
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	for size < *n {
		batch := min(10_000, *n-size)
		err := db.Update(ctx, func(tx probity.Tx) error {
			for i := size; i < size+batch; i++ {
				if _, _, err := translog.Append(ctx, tx.(translog.Tx), item(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			log.Fatal(err)
		}
		size += batch
		fmt.Fprintf(os.Stderr, "\rfilled %d of %d entries (%.0f/s)", size, *n, float64(size)/time.Since(start).Seconds())
	}
	fmt.Fprintln(os.Stderr)
	signer, _, err := translog.LoadOrCreateKey(*dbPath+".logkey", "bench.probity.test/log")
	if err != nil {
		log.Fatal(err)
	}
	cp, _, err := (&translog.Checkpointer{Store: store, Signer: signer}).Once(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(signer.VerifierKeys()[0])
	fmt.Fprintf(os.Stderr, "log %s: %d entries, root %s\n", cp.Origin, cp.Size, cp.Root)
	if *addr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.Handle("GET /log/", &translog.Handler{Reader: store, Keys: signer.VerifierKeys()})
	log.Fatal(http.ListenAndServe(*addr, mux))
}

// item is decision i, shaped like the demo's (a few hundred bytes).
func item(i int64) translog.Item {
	return translog.DecisionItem(probity.Decision{ID: i + 1, ContractID: fmt.Sprintf("ocds-b5fd17-%08d", i), Outcome: []string{"allow", "review", "deny"}[i%3],
		Reasons: []probity.Reason{{RuleID: "sanctioned_supplier", Effect: "deny", Message: "the supplier is on the OFAC SDN list (program GLOMAG)",
			Severity: "high", Refs: []probity.Ref{{Kind: "hit", ID: fmt.Sprintf("ofac-%d", i%9000)}}}},
		PolicyHash: "sha256:6f1c2a", InputHash: fmt.Sprintf("sha256:%016x", i*2654435761), DecidedAt: time.Date(2018, 6, 20, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)})
}
