package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/storetest"
	"github.com/probity/probity/sqlite"
)

// MustOpen opens a new database in a temporary folder, closed at the end
// of the test.
func MustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "probity.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) probity.Store { return MustOpen(t) })
}

func TestReopenKeepsSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	for i := 0; i < 2; i++ {
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		db.Close()
	}
}
