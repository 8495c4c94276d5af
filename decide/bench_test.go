package decide_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/sqlite"
)

// register100k fills a store with a synthetic register of n contracts: a
// government with 20 departments and 400 agencies (part_of), 20,000
// companies, 2,000 of them subsidiaries of 500 groups; each contract has an
// agency as buyer and a company as supplier. It returns the agency ids.
func register100k(tb testing.TB, db *sqlite.DB, n int) []int64 {
	ctx := context.Background()
	var agencies []int64
	err := db.Update(ctx, func(tx probity.Tx) error {
		gov, _ := tx.CreateOrg(ctx, "Government", probity.KindGovernment, "XX")
		var depts []int64
		for i := 0; i < 20; i++ {
			d, _ := tx.CreateOrg(ctx, fmt.Sprintf("Department %d", i), probity.KindGovernment, "XX")
			depts = append(depts, d)
			if err := tx.PutRelationship(ctx, probity.Relationship{From: d, To: gov, Kind: probity.RelPartOf, Source: "synthetic"}); err != nil {
				return err
			}
		}
		for i := 0; i < 400; i++ {
			a, _ := tx.CreateOrg(ctx, fmt.Sprintf("Agency %d", i), probity.KindGovernment, "XX")
			agencies = append(agencies, a)
			if err := tx.PutRelationship(ctx, probity.Relationship{From: a, To: depts[i%20], Kind: probity.RelPartOf, Source: "synthetic"}); err != nil {
				return err
			}
		}
		var groups, companies []int64
		for i := 0; i < 500; i++ {
			g, _ := tx.CreateOrg(ctx, fmt.Sprintf("Group %d", i), probity.KindCompany, "XX")
			groups = append(groups, g)
		}
		for i := 0; i < 20000; i++ {
			c, _ := tx.CreateOrg(ctx, fmt.Sprintf("Company %d", i), probity.KindCompany, "XX")
			companies = append(companies, c)
			if i%10 == 0 {
				if err := tx.PutRelationship(ctx, probity.Relationship{From: c, To: groups[i%500], Kind: probity.RelSubsidiaryOf, Source: "synthetic"}); err != nil {
					return err
				}
			}
		}
		for i := 0; i < n; i++ {
			c := probity.Contract{ID: fmt.Sprintf("C%06d", i), Title: "Synthetic contract", Status: probity.StatusActive,
				Buyer:     &probity.OrgRef{ID: agencies[(i*7)%len(agencies)]},
				Suppliers: []probity.OrgRef{{ID: companies[(i*13)%len(companies)]}},
				Value:     &probity.Value{Amount: float64(1000 + i), Currency: "USD"}, Source: "synthetic"}
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return agencies
}

// BenchmarkNewFinding100k: after one new finding on an agency, only the
// affected contracts are re-decided. The figure: under 5 s on
// 100,000 contracts. One op is: store the finding, reload the decider's
// snapshot, find the affected contracts, decide and record them.
func BenchmarkNewFinding100k(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 100,000-contract register")
	}
	// As the command line sets it for the commands that decide (decideGC
	// in cmd/probity): the figures are the command's.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	agencies := register100k(b, db, 100_000)
	bundle, err := policy.Default()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.PublishPolicy(ctx, probity.PolicyVersion{Hash: bundle.Hash, Author: "bench", Files: bundle.AllFiles()}); err != nil {
		b.Fatal(err)
	}
	d, err := decide.New(ctx, db, 0)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	st, err := d.Decide(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("decide --all: %d contracts in %s (%.0f decisions/s)", st.Decided, time.Since(start), float64(st.Decided)/time.Since(start).Seconds())
	b.ResetTimer()
	var affected int
	for i := 0; i < b.N; i++ {
		f := probity.Finding{OrgID: agencies[i%len(agencies)], Category: probity.CatArbitraryDetention, Status: probity.FindingCredible,
			Severity: probity.SeverityHigh, Summary: "synthetic", Sources: []probity.Source{{Publisher: "Bench", Title: fmt.Sprintf("Report %d", i)}}}
		if _, err := db.AddFinding(ctx, f); err != nil {
			b.Fatal(err)
		}
		if err := d.Load(ctx); err != nil {
			b.Fatal(err)
		}
		ids := d.AffectedByOrgs(f.OrgID)
		st, err := d.Decide(ctx, ids)
		if err != nil {
			b.Fatal(err)
		}
		if st.Decided != len(ids) || st.Recorded == 0 {
			b.Fatalf("decided %d of %d affected, %d recorded", st.Decided, len(ids), st.Recorded)
		}
		affected += len(ids)
	}
	b.ReportMetric(float64(affected)/float64(b.N), "contracts/op")
}
