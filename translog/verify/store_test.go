package verify_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver, for tampering

	"github.com/probity/probity"
	"github.com/probity/probity/internal/pgtest"
	"github.com/probity/probity/postgres"
	"github.com/probity/probity/sqlite"
	"github.com/probity/probity/translog"
	"github.com/probity/probity/translog/verify"
)

// logStore is what these tests need of a probity store: transactions and
// the log's reading side.
type logStore interface {
	Update(ctx context.Context, fn func(probity.Tx) error) error
	translog.CheckpointStore
	Close() error
}

// storeCase opens a fresh store and a raw connection to the same database
// (the insider's access), with the engine's statements to drop the
// append-only triggers.
type storeCase struct {
	name  string
	open  func(t *testing.T) (logStore, *sql.DB)
	drops []string
}

func storeCases() []storeCase {
	return []storeCase{
		{"sqlite", func(t *testing.T) (logStore, *sql.DB) {
			path := filepath.Join(t.TempDir(), "probity.db")
			db, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			st, ok := any(db).(logStore)
			if !ok {
				db.Close()
				t.Skip("the sqlite store does not serve the log yet")
			}
			raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
			if err != nil {
				t.Fatal(err)
			}
			return st, raw
		}, []string{"DROP TRIGGER log_entries_no_update", "DROP TRIGGER log_entries_no_delete", "DROP TRIGGER log_hashes_no_update"}},
		{"postgres", func(t *testing.T) (logStore, *sql.DB) {
			dsn := pgtest.NewDatabase(t)
			db, err := postgres.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			st, ok := any(db).(logStore)
			if !ok {
				db.Close()
				t.Skip("the postgres store does not serve the log yet")
			}
			raw, err := sql.Open("pgx", dsn)
			if err != nil {
				t.Fatal(err)
			}
			return st, raw
		}, []string{"DROP TRIGGER log_entries_append_only ON log_entries", "DROP TRIGGER log_hashes_append_only ON log_hashes"}},
	}
}

// publish appends n decisions through the store's own transaction.
func publish(t *testing.T, st logStore, from, n int) {
	t.Helper()
	ctx := context.Background()
	err := st.Update(ctx, func(tx probity.Tx) error {
		ltx, ok := tx.(translog.Tx)
		if !ok {
			return fmt.Errorf("the store's transaction %T does not implement translog.Tx", tx)
		}
		for i := from; i < from+n; i++ {
			d := probity.Decision{ID: int64(i), ContractID: fmt.Sprintf("c-%d", i), Outcome: "review", Reasons: []probity.Reason{{RuleID: "r", Message: "m"}},
				PolicyHash: "p", InputHash: "i", DecidedAt: time.Date(2018, 6, 20, 0, 0, i, 0, time.UTC)}
			if _, _, err := translog.Append(ctx, ltx, translog.DecisionItem(d)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestStoresTamper(t *testing.T) {
	for _, sc := range storeCases() {
		t.Run(sc.name, func(t *testing.T) {
			for _, tc := range []struct {
				name string
				sql  string
				args []any
				want string
			}{
				{"edit a published entry", `UPDATE log_entries SET data = ? WHERE idx = 42`, []any{[]byte(`{"id":"42","item":{"outcome":"allow"},"type":"decision","version":1}`)}, "entry 42:"},
				{"delete an entry", `DELETE FROM log_entries WHERE idx = 300`, nil, "entry 300:"},
				{"delete the newest entry", `DELETE FROM log_entries WHERE idx = 399`, nil, "removed"},
				{"replace a stored hash", `UPDATE log_hashes SET hash = ? WHERE level = 0 AND n = 7`, []any{make([]byte, 32)}, "entry 7:"},
				{"replace a hash the root is built from", `UPDATE log_hashes SET hash = ? WHERE level = 8 AND n = 0`, []any{make([]byte, 32)}, "tile/1/000.p/1"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					ctx := context.Background()
					st, raw := sc.open(t)
					defer st.Close()
					defer raw.Close()
					signer, _, err := translog.LoadOrCreateKey(filepath.Join(t.TempDir(), "log.key"), "probity.test/log")
					if err != nil {
						t.Fatal(err)
					}
					cp := &translog.Checkpointer{Store: st, Signer: signer}
					srv := httptest.NewServer(&translog.Handler{Reader: st, Keys: signer.VerifierKeys()})
					defer srv.Close()
					publish(t, st, 0, 250)
					publish(t, st, 250, 150)
					if _, _, err := cp.Once(ctx); err != nil {
						t.Fatal(err)
					}
					o := verify.Options{Server: srv.URL, State: filepath.Join(t.TempDir(), "state.json"), Keys: signer.VerifierKeys()}
					rep, err := verify.Run(ctx, o)
					if err != nil || rep.Checkpoint.Size != 400 {
						t.Fatalf("before tampering: %v", err)
					}
					claimed, computed, _, err := rfc6962Root(srv.URL + "/log/")
					if err != nil || claimed != computed {
						t.Fatalf("independent checker: %v", err)
					}
					// Without dropping the triggers the store refuses.
					if _, err := raw.ExecContext(ctx, rebind(sc.name, tc.sql), tc.args...); err == nil {
						t.Fatal("the append-only trigger let the change through")
					}
					for _, d := range sc.drops {
						if _, err := raw.ExecContext(ctx, d); err != nil {
							t.Fatal(err)
						}
					}
					if _, err := raw.ExecContext(ctx, rebind(sc.name, tc.sql), tc.args...); err != nil {
						t.Fatal(err)
					}
					_, err = verify.Run(ctx, o)
					mustMismatch(t, err, tc.want)
					t.Logf("verify says: %v", err)
				})
			}
		})
	}
}

func rebind(engine, q string) string {
	if engine != "postgres" {
		return q
	}
	n := 0
	out := []byte{}
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			out = append(out, fmt.Sprintf("$%d", n)...)
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}

// TestReplicasAppendOnce has two stores on one PostgreSQL database (two
// serve replicas) publish at the same time, each with its own
// checkpointer: every entry gets exactly one index, the log verifies, and
// each replica's checkpoints are consistent with the other's.
func TestReplicasAppendOnce(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	ctx := context.Background()
	var replicas []logStore
	for range 2 {
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		st, ok := any(db).(logStore)
		if !ok {
			t.Skip("the postgres store does not keep the log")
		}
		replicas = append(replicas, st)
	}
	signer, _, err := translog.LoadOrCreateKey(filepath.Join(t.TempDir(), "log.key"), "probity.test/log")
	if err != nil {
		t.Fatal(err)
	}
	const each, batches = 60, 5
	errs := make(chan error, len(replicas))
	for r, st := range replicas {
		go func() {
			cp := &translog.Checkpointer{Store: st, Signer: signer}
			for b := range batches {
				err := st.Update(ctx, func(tx probity.Tx) error {
					for i := range each / batches {
						d := probity.Decision{ID: int64(r*1000 + b*100 + i), ContractID: fmt.Sprintf("c-%d-%d-%d", r, b, i), Outcome: "allow", Reasons: []probity.Reason{},
							PolicyHash: "p", InputHash: "i", DecidedAt: time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)}
						if _, _, err := translog.Append(ctx, tx.(translog.Tx), translog.DecisionItem(d)); err != nil {
							return err
						}
					}
					return nil
				})
				if err == nil {
					_, _, err = cp.Once(ctx)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range replicas {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := (&translog.Checkpointer{Store: replicas[0], Signer: signer}).Once(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(&translog.Handler{Reader: replicas[1], Keys: signer.VerifierKeys()})
	defer srv.Close()
	rep, err := verify.Run(ctx, verify.Options{Server: srv.URL, Keys: signer.VerifierKeys()})
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(len(replicas) * each); rep.Checkpoint.Size != want {
		t.Fatalf("log has %d entries, want %d (one per published decision)", rep.Checkpoint.Size, want)
	}
}
