package postgres_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/internal/storetest"
	"github.com/probity/probity/sqlite"
)

// ingest runs one ingest of dir into s, the way the CLI does.
func ingest(t *testing.T, s probity.Store, kind, dir string) { storetest.Ingest(t, s, kind, dir) }

// fingerprint is the store's register fingerprint and contract count.
func fingerprint(t *testing.T, s interface {
	Fingerprint(context.Context) (string, int, error)
}) (string, int) {
	t.Helper()
	fp, n, err := s.Fingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fp, n
}

// Real files ingested into SQLite and into PostgreSQL give the same
// register, down to the ids, the order of every listing and the bytes of
// every release.
func TestIngestMatchesSQLite(t *testing.T) {
	for _, tc := range []struct{ kind, dir string }{
		{"usaspending", shareddata.Dir(t, "usaspending", "mn_ice_contracts")},
		{"ocds", shareddata.Dir(t, "ocds", "moldova-mtender")},
		{"ocds", shareddata.Dir(t, "ocds", "ukraine-prozorro")},
		{"ocds", shareddata.Dir(t, "ocds", "mexico-cdmx")},
	} {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			pg := MustOpen(t)
			lite, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer lite.Close()
			// One clock for both: merge reasons are listed in time order.
			now := func() time.Time { return time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC) }
			pg.Now, lite.Now = now, now
			start := time.Now()
			ingest(t, pg, tc.kind, tc.dir)
			t.Logf("postgres ingest: %v", time.Since(start))
			start = time.Now()
			ingest(t, lite, tc.kind, tc.dir)
			t.Logf("sqlite ingest: %v", time.Since(start))
			want, n := fingerprint(t, lite)
			got, _ := fingerprint(t, pg)
			if n == 0 {
				t.Fatalf("no contracts ingested from %s", tc.dir)
			}
			if got != want {
				t.Errorf("the PostgreSQL register differs from the SQLite one (%d contracts)", n)
			}
		})
	}
}
