package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/storetest"
	"github.com/probity/probity/sqlite"
)

// MustOpen opens a new database in a temporary folder, closed at the end
// of the test.
func MustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return storetest.Opened[*sqlite.DB](tb)(sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "probity.db")))
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

func TestAuditLogIsAppendOnly(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	if _, err := db.AppendAudit(ctx, probity.AuditEntry{Actor: "a", Action: "x", Object: "case:1"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE audit_log SET actor = 'mallory'`, `DELETE FROM audit_log`} {
		err := db.Update(ctx, func(tx probity.Tx) error {
			_, err := tx.(*sqlite.Tx).ExecForTest(ctx, q)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}
