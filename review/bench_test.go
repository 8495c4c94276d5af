package review_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
	"github.com/probity/probity/sqlite"
)

// benchStore returns a store with n contracts, each with a deny decision
// (the demo has 2,327).
func benchStore(b *testing.B, n int) *sqlite.DB {
	b.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	err = db.Update(ctx, func(tx probity.Tx) error {
		buyer, err := tx.CreateOrg(ctx, "Agency", probity.KindGovernment, "")
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			c := probity.Contract{ID: fmt.Sprintf("C%05d", i), Title: "t", Status: probity.StatusActive, Buyer: &probity.OrgRef{ID: buyer}, Source: "b"}
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ds := make([]probity.Decision, n)
	inputs := make([]json.RawMessage, n)
	for i := range ds {
		ds[i] = probity.Decision{ContractID: fmt.Sprintf("C%05d", i), Outcome: probity.OutcomeDeny, PolicyHash: "p", InputHash: "i",
			Reasons: []probity.Reason{{RuleID: "deny.rule", Effect: probity.OutcomeDeny}}}
		inputs[i] = json.RawMessage(`{}`)
	}
	if _, err := db.RecordDecisions(ctx, ds, inputs); err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkSyncDecisions measures SyncDecisions over 2,500 denied
// contracts: "open" opens every case (with its audit entry), "again" is
// the steady state after a decide run that changed nothing.
func BenchmarkSyncDecisions(b *testing.B) {
	const n = 2500
	ctx := context.Background()
	b.Run("open", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			db := benchStore(b, n)
			b.StartTimer()
			st, err := review.SyncDecisions(ctx, db, time.Now())
			if err != nil || st.Opened != n {
				b.Fatalf("%+v %v", st, err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/case")
	})
	b.Run("again", func(b *testing.B) {
		db := benchStore(b, n)
		if _, err := review.SyncDecisions(ctx, db, time.Now()); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			st, err := review.SyncDecisions(ctx, db, time.Now())
			if err != nil || st != (review.SyncStats{}) {
				b.Fatalf("%+v %v", st, err)
			}
		}
	})
}
