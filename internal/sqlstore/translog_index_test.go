package sqlstore_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/pgtest"
	"github.com/probity/probity/internal/sqlstore"
	"github.com/probity/probity/postgres"
	"github.com/probity/probity/sqlite"
	"github.com/probity/probity/translog"
)

type logStore interface {
	probity.Store
	LogIndex(ctx context.Context, typ, id string) (int64, bool, error)
	LogIndexes(ctx context.Context, typ string, ids []string) (map[string]int64, error)
}

// TestLogIndexes publishes contracts (one of them twice, changed) and asks
// LogIndexes for them by lists of every size and by the scan, on SQLite
// and, when PROBITY_TEST_POSTGRES names a server, on PostgreSQL: each
// answer is the item's newest entry, as LogIndex says, and an item
// without an entry is left out.
func TestLogIndexes(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		testLogIndexes(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		if os.Getenv(pgtest.Env) == "" {
			t.Skipf("%s is not set: no PostgreSQL server to test against", pgtest.Env)
		}
		db, err := postgres.Open(context.Background(), pgtest.NewDatabase(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		testLogIndexes(t, db)
	})
}

func testLogIndexes(t *testing.T, db logStore) {
	ctx := context.Background()
	put := func(cs ...probity.Contract) {
		t.Helper()
		err := db.Update(ctx, func(tx probity.Tx) error {
			for _, c := range cs {
				if err := tx.PutContract(ctx, c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	c := func(id, title string) probity.Contract {
		return probity.Contract{ID: id, Title: title, Status: probity.StatusActive, Source: "test"}
	}
	put(c("A", "one"), c("B", "two"), c("C", "three"))
	put(c("B", "two, amended")) // a second entry: B's newest
	ids := []string{"A", "B", "C", "NOT-PUBLISHED"}
	want := map[string]int64{}
	for _, id := range ids[:3] {
		i, ok, err := db.LogIndex(ctx, translog.TypeContract, id)
		if err != nil || !ok {
			t.Fatalf("LogIndex %s: %v %v", id, ok, err)
		}
		want[id] = i
	}
	if want["B"] <= want["C"] {
		t.Fatalf("B's amended entry %d is not after C's %d", want["B"], want["C"])
	}
	for _, tc := range []struct {
		name        string
		scan, chunk int
	}{{"one list", 100, 100}, {"lists of one", 100, 1}, {"lists of three", 100, 3}, {"scan", 0, 100}} {
		t.Run(tc.name, func(t *testing.T) {
			defer sqlstore.SetLogIndexesLimits(tc.scan, tc.chunk)()
			got, err := db.LogIndexes(ctx, translog.TypeContract, ids)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, want) {
				t.Errorf("LogIndexes = %v, want %v", got, want)
			}
			if got, err := db.LogIndexes(ctx, translog.TypeDecision, ids); err != nil || len(got) != 0 {
				t.Errorf("decisions of contracts: %v %v", got, err)
			}
			if got, err := db.LogIndexes(ctx, translog.TypeContract, nil); err != nil || len(got) != 0 {
				t.Errorf("no ids: %v %v", got, err)
			}
		})
	}
}
