package postgres_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/internal/storetest"
	"github.com/probity/probity/sqlite"
)

// An embedded install copied onto PostgreSQL: every table, every row,
// ids included; what the services read back is the same; new rows get
// new ids; a second copy into the now full database is refused.
func TestCopyFromSQLite(t *testing.T) {
	ctx := context.Background()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	storetest.Fill(t, lite)
	ingest(t, lite, "ocds", shareddata.Dir(t, "ocds", "mexico-cdmx"))
	pg := MustOpen(t)
	if err := lite.CopyTo(ctx, pg.DB, nil); err != nil {
		t.Fatal(err)
	}

	want, err := lite.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pg.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range want {
		if n == 0 {
			t.Logf("table %s is empty in the source: its copy is not exercised", table)
		}
		if got[table] != n {
			t.Errorf("table %s: %d rows copied, want %d", table, got[table], n)
		}
	}
	if a, b := fingerprint(t, lite); a != func() string { f, _ := fingerprint(t, pg); return f }() || b == 0 {
		t.Errorf("register fingerprints differ (%d contracts)", b)
	}
	for name, read := range map[string]func(probity.Store) (any, error){
		"audit":      func(s probity.Store) (any, error) { return s.Audit(ctx, probity.AuditFilter{}) },
		"users":      func(s probity.Store) (any, error) { return s.Users(ctx) },
		"tokens":     func(s probity.Store) (any, error) { return s.Tokens(ctx, 0) },
		"findings":   func(s probity.Store) (any, error) { return s.FindingHistory(ctx, 1) },
		"policies":   func(s probity.Store) (any, error) { return s.PolicyVersions(ctx) },
		"decisions":  func(s probity.Store) (any, error) { return s.Decisions(ctx, probity.DecisionFilter{}) },
		"lists":      func(s probity.Store) (any, error) { return s.CurrentLists(ctx) },
		"screenings": func(s probity.Store) (any, error) { return s.Screenings(ctx, 0) },
		"cases":      func(s probity.Store) (any, error) { return s.Cases(ctx, probity.CaseFilter{}) },
		"evidence":   func(s probity.Store) (any, error) { return s.CaseEvidence(ctx, 1) },
		"concerns":   func(s probity.Store) (any, error) { return s.Concerns(ctx, probity.ConcernFilter{}) },
		"signatures": func(s probity.Store) (any, error) { return s.Signatures(ctx, 1) },
	} {
		a, err1 := read(lite)
		b, err2 := read(pg)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("%s: SQLite %+v (%v)\n  PostgreSQL %+v (%v)", name, a, err1, b, err2)
		}
	}

	// The identity sequences were moved past the copied ids.
	e, err := pg.AppendAudit(ctx, probity.AuditEntry{Actor: "a", Action: "x", Object: "case:1"})
	if err != nil || e.ID != want["audit_log"]+1 {
		t.Errorf("audit entry after the copy: id %d (%v), want %d", e.ID, err, want["audit_log"]+1)
	}
	if err := lite.CopyTo(ctx, pg.DB, nil); err == nil {
		t.Error("a copy into a database that is not empty was not refused")
	}
}
