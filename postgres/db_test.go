package postgres_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/probity/probity/internal/pgtest"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/storetest"
	"github.com/probity/probity/postgres"
)

// MustCreateDatabase creates a fresh database (see pgtest.NewDatabase).
func MustCreateDatabase(tb testing.TB) string { return pgtest.NewDatabase(tb) }

// MustOpen opens a store on a new database, closed at the end of the test.
func MustOpen(tb testing.TB) *postgres.DB {
	tb.Helper()
	return storetest.Opened[*postgres.DB](tb)(postgres.Open(context.Background(), MustCreateDatabase(tb)))
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) probity.Store { return MustOpen(t) })
}

func TestOpenRejectsBadDSN(t *testing.T) {
	for _, dsn := range []string{"", "postgres://u:secret@host:notaport/db"} {
		_, err := postgres.Open(context.Background(), dsn)
		if probity.ErrorCode(err) != probity.EINVALID {
			t.Errorf("Open(%q) = %v, want EINVALID", dsn, err)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("Open(%q) error shows the password: %v", dsn, err)
		}
	}
}

func TestIsDSN(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"postgres://u@host/db", true},
		{"postgresql://host/db?sslmode=disable", true},
		{"probity.db", false},
		{"./postgres/probity.db", false},
		{"file:postgres://x", false},
		{"", false},
	} {
		if got := postgres.IsDSN(tc.s); got != tc.want {
			t.Errorf("IsDSN(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestReopenKeepsSchema(t *testing.T) {
	dsn := MustCreateDatabase(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if i == 0 {
			if _, err := db.AppendAudit(ctx, probity.AuditEntry{Actor: "a", Action: "x", Object: "case:1"}); err != nil {
				t.Fatal(err)
			}
		} else if got, err := db.Audit(ctx, probity.AuditFilter{}); err != nil || len(got) != 1 {
			t.Errorf("after reopening: %d audit entries, %v", len(got), err)
		}
		db.Close()
	}
}

// Replicas starting together on an empty database: the migration lock
// lets one apply the schema and the others find it done.
func TestConcurrentOpen(t *testing.T) {
	dsn := MustCreateDatabase(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := postgres.Open(ctx, dsn)
			if err == nil {
				db.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("replica %d: %v", i, err)
		}
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	if _, err := db.AppendAudit(ctx, probity.AuditEntry{Actor: "a", Action: "x", Object: "case:1"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE audit_log SET actor = 'mallory'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`} {
		err := db.Update(ctx, func(tx probity.Tx) error {
			_, err := tx.(*postgres.Tx).ExecForTest(ctx, q)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
	if got, err := db.Audit(ctx, probity.AuditFilter{}); err != nil || len(got) != 1 || got[0].Actor != "a" {
		t.Errorf("audit log after the attempts: %+v %v", got, err)
	}
}
