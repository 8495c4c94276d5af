package postgres_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/internal/storetest"
	"github.com/probity/probity/postgres"
	"github.com/probity/probity/sqlite"
)

// seedSQL fills a fresh database with 100 buyers, 10,000 vendors and
// 100,000 contracts (one supplier each, a subcontractor on every third),
// in a few statements rather than 300,000 round trips.
const seedSQL = `
INSERT INTO organizations (name, kind, country) SELECT 'Agency ' || g, 'government', 'US' FROM generate_series(1, 100) g;
INSERT INTO organizations (name, kind, country) SELECT 'Vendor ' || g, 'company', 'US' FROM generate_series(1, 10000) g;
INSERT INTO contracts (id, title, description, status, buyer_id, value_amount, value_currency, period_start, period_end, source, source_reference, source_files)
	SELECT 'CONT_' || lpad(g::text, 7, '0'), 'Contract ' || g, '', CASE WHEN g % 10 = 0 THEN 'completed' ELSE 'active' END,
		1 + g % 100, g * 10.0, 'USD', '2021-01-01', '2022-01-01', 'bench', 'ref', '["bench.csv"]'
	FROM generate_series(1, 100000) g;
INSERT INTO contract_parties (contract_id, role, org_id, ord)
	SELECT 'CONT_' || lpad(g::text, 7, '0'), 'supplier', 101 + g % 10000, 0 FROM generate_series(1, 100000) g;
INSERT INTO contract_parties (contract_id, role, org_id, ord)
	SELECT 'CONT_' || lpad(g::text, 7, '0'), 'subcontractor', 101 + (g * 7) % 10000, 0 FROM generate_series(3, 100000, 3) g;
ANALYZE;
`

func mustSeed100k(b *testing.B) *postgres.DB {
	b.Helper()
	db := MustOpen(b)
	ctx := context.Background()
	err := db.Update(ctx, func(tx probity.Tx) error {
		_, err := tx.(*postgres.Tx).ExecForTest(ctx, seedSQL)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkContracts100k measures contract listings over 100,000
// contracts: pages (first, after an id, by status, by buyer name through
// part_of) and the whole register.
func BenchmarkContracts100k(b *testing.B) {
	db := mustSeed100k(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		f    probity.ContractFilter
		want int
	}{
		{"FirstPage50", probity.ContractFilter{Limit: 50}, 50},
		{"PageAfter50", probity.ContractFilter{After: "CONT_0050000", Limit: 50}, 50},
		{"Status50", probity.ContractFilter{Status: probity.StatusCompleted, Limit: 50}, 50},
		{"Buyer50", probity.ContractFilter{Buyer: "agency 7", Limit: 50}, 50},
		{"All", probity.ContractFilter{}, 100000},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				list, err := db.Contracts(ctx, bc.f)
				if err != nil || len(list) != bc.want {
					b.Fatalf("%d contracts, %v; want %d", len(list), err, bc.want)
				}
			}
		})
	}
	b.Run("One", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			c, err := db.Contract(ctx, "CONT_0012345")
			if err != nil || len(c.Suppliers) != 1 {
				b.Fatalf("%+v %v", c, err)
			}
		}
	})
}

// BenchmarkPutContract measures one contract with two parties written in
// its own transaction, as ingest of a single record does.
func BenchmarkPutContract(b *testing.B) {
	db := MustOpen(b)
	ctx := context.Background()
	var buyer, supplier int64
	err := db.Update(ctx, func(tx probity.Tx) error {
		var err error
		if buyer, err = tx.CreateOrg(ctx, "Agency", probity.KindGovernment, "US"); err != nil {
			return err
		}
		supplier, err = tx.CreateOrg(ctx, "Vendor", probity.KindCompany, "US")
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	c := probity.Contract{ID: "C", Title: "t", Status: probity.StatusActive, Buyer: &probity.OrgRef{ID: buyer},
		Suppliers: []probity.OrgRef{{ID: supplier}}, Source: "bench"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := db.Update(ctx, func(tx probity.Tx) error { return tx.PutContract(ctx, c) })
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIngestArmenia ingests the Armenia JSON Lines file into a new
// SQLite and a new PostgreSQL store, side by side: the figure is
// PostgreSQL within 1.5× of SQLite's time.
func BenchmarkIngestArmenia(b *testing.B) {
	path := shareddata.Dir(b, "ocds", "armenia-armeps", "armenia-releases.jsonl")
	for _, bc := range []struct {
		name string
		open func(testing.TB) probity.Store
	}{
		{"sqlite", func(tb testing.TB) probity.Store {
			return storetest.Opened[*sqlite.DB](tb)(sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "p.db")))
		}},
		{"postgres", func(tb testing.TB) probity.Store { return MustOpen(tb) }},
	} {
		b.Run(bc.name, func(b *testing.B) { storetest.BenchIngest(b, bc.open, "ocds", path) })
	}
}
