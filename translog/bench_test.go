package translog_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/sqlite"
	"github.com/probity/probity/translog"
)

// cpuTime returns the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per op and the rate it allows: on a
// shared, loaded machine the wall time per op says more about the other
// tenants than about the code.
func reportCPU(b *testing.B, start time.Duration, unit string) {
	cpu := cpuTime() - start
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	if unit != "" {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), unit+"/cpu-s")
	}
}

// openSQLite opens a fresh SQLite store as the log's store.
func openSQLite(b *testing.B) (*sqlite.DB, translog.Reader) {
	b.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "probity.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	r, ok := any(db).(translog.Reader)
	if !ok {
		b.Skip("the sqlite store does not keep the log")
	}
	return db, r
}

func benchDecision(i int) translog.Item {
	return translog.DecisionItem(probity.Decision{ID: int64(i), ContractID: fmt.Sprintf("ocds-b5fd17-%08d", i), Outcome: "deny",
		Reasons:    []probity.Reason{{RuleID: "sanctioned_supplier", Effect: "deny", Message: "the supplier is on the OFAC SDN list (GLOMAG)", Refs: []probity.Ref{{Kind: "hit", ID: "ofac-12345"}}}},
		PolicyHash: "sha256:6f1c…", InputHash: "sha256:9a0e…", DecidedAt: time.Date(2018, 6, 20, 12, 0, 0, i, time.UTC)})
}

// appendBatch appends items [from, from+n) in one committed transaction.
func appendBatch(b *testing.B, db *sqlite.DB, from, n int) {
	ctx := context.Background()
	err := db.Update(ctx, func(tx probity.Tx) error {
		ltx := tx.(translog.Tx)
		for i := from; i < from+n; i++ {
			if _, _, err := translog.Append(ctx, ltx, benchDecision(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// appendBatchAtOnce appends items [from, from+n) with AppendBatch, as the
// store does at commit, in one committed transaction.
func appendBatchAtOnce(b *testing.B, db *sqlite.DB, from, n int) {
	ctx := context.Background()
	items := make([]translog.Item, n)
	for i := range items {
		items[i] = benchDecision(from + i)
	}
	err := db.Update(ctx, func(tx probity.Tx) error {
		_, err := translog.AppendBatch(ctx, tx.(translog.Tx), items)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAppendSQLite appends entries on SQLite with the transaction
// committed: one entry a transaction (one published decision) with Append,
// and batches of 100 and 1,000 a transaction with AppendBatch (what the
// store does at commit for decide --all or an ingest).
func BenchmarkAppendSQLite(b *testing.B) {
	for _, tc := range []struct {
		name  string
		batch int
		fn    func(*testing.B, *sqlite.DB, int, int)
	}{{"append/tx=1", 1, appendBatch}, {"batch/tx=100", 100, appendBatchAtOnce}, {"batch/tx=1000", 1000, appendBatchAtOnce}} {
		b.Run(tc.name, func(b *testing.B) {
			db, _ := openSQLite(b)
			appendBatch(b, db, 0, 1000) // a log that is not empty
			b.ResetTimer()
			start := cpuTime()
			n := 1000
			for done := 0; done < b.N; done += tc.batch {
				tc.fn(b, db, n, tc.batch)
				n += tc.batch
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "entries/s")
			reportCPU(b, start, "entries")
		})
	}
}

// BenchmarkEmptyTxSQLite is the cost of a committed write transaction
// that writes nothing: what BenchmarkAppendSQLite/tx=1 pays before the log.
func BenchmarkEmptyTxSQLite(b *testing.B) {
	db, _ := openSQLite(b)
	start := cpuTime()
	for b.Loop() {
		if err := db.Update(context.Background(), func(probity.Tx) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start, "")
}

// BenchmarkInclusionProof serves /log/proof/inclusion from a SQLite log of
// 100,000 entries.
func BenchmarkInclusionProof(b *testing.B) {
	db, r := openSQLite(b)
	const size = 100_000
	for i := 0; i < size; i += 10_000 {
		appendBatch(b, db, i, 10_000)
	}
	h := &translog.Handler{Reader: r}
	b.ResetTimer()
	start := cpuTime()
	for i := 0; b.Loop(); i++ {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", fmt.Sprintf("/log/proof/inclusion?index=%d&size=%d", (i*7919)%size, size), nil))
		if w.Code != 200 {
			b.Fatal(w.Code, w.Body)
		}
	}
	reportCPU(b, start, "")
}
