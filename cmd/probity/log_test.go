package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity/internal/pgtest"
	"github.com/probity/probity/translog/rfc6962check"
)

// runLog runs probity with the log's key file in keyDir.
func runLog(t *testing.T, db, keyDir string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"PROBITY_LOG_KEY": filepath.Join(keyDir, "log.key"), "PROBITY_LOG_ORIGIN": "demo.probity.test/log"}
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }, Terminal: func() bool { return false }}
	code := m.Run(context.Background(), append([]string{"--db", db}, args...))
	return out.String(), errb.String(), code
}

// TestLogOfTheDemo loads the demo, exports its log as a static tree,
// serves that tree and verifies it with probity verify and with the
// independent RFC 6962 checker, on SQLite and (when a server is named) on
// PostgreSQL; then it changes one exported entry and verify must say which.
func TestLogOfTheDemo(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db := tempDB(t)
			if engine == "postgres" {
				db = pgtest.NewDatabase(t)
			}
			keys := t.TempDir()
			must := func(args ...string) string {
				t.Helper()
				out, errs, code := runLog(t, db, keys, args...)
				if code != 0 {
					t.Fatalf("probity %s: exit %d: %s", strings.Join(args, " "), code, errs)
				}
				return out
			}
			must("demo", "--no-serve")
			if out := must("log", "audit"); !strings.HasPrefix(out, "ok: the ") {
				t.Fatalf("log audit after the demo: %q", out)
			}
			if engine == "sqlite" {
				// An insider changes a recorded decision straight in the
				// database: the audit names it.
				raw, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(10000)")
				if err != nil {
					t.Fatal(err)
				}
				var id int64
				if err := raw.QueryRow(`SELECT id FROM decisions WHERE outcome = 'deny' LIMIT 1`).Scan(&id); err != nil {
					t.Fatal(err)
				}
				if _, err := raw.Exec(`UPDATE decisions SET outcome = 'allow' WHERE id = ?`, id); err != nil {
					t.Fatal(err)
				}
				_, errs, code := runLog(t, db, keys, "log", "audit")
				if code != 1 || !strings.Contains(errs, fmt.Sprintf("decision %d (log entry", id)) {
					t.Fatalf("log audit after editing decision %d: exit %d, %s", id, code, errs)
				}
				raw.Exec(`UPDATE decisions SET outcome = 'deny' WHERE id = ?`, id)
				raw.Close()
			}
			vkey := strings.TrimSpace(must("log", "key"))
			if !strings.HasPrefix(vkey, "demo.probity.test/log+") {
				t.Fatalf("log key printed %q", vkey)
			}
			if info, err := os.Stat(filepath.Join(keys, "log.key")); err != nil || info.Mode().Perm() != 0o600 {
				t.Fatalf("key file: %v", err)
			}
			dir := t.TempDir()
			if out := must("log", "export", dir); !strings.Contains(out, "exported") {
				t.Fatalf("export said %q", out)
			}
			// The OCDS export cites the log: the package its checkpoint,
			// each record its contract's and decision's entries.
			var pkg struct {
				Probity struct {
					Checkpoint *struct{ Size int64 } `json:"checkpoint"`
				} `json:"probity"`
				Records []struct {
					Probity struct {
						LogIndex         *int64 `json:"logIndex"`
						LogProof         string `json:"logProof"`
						DecisionLogIndex *int64 `json:"decisionLogIndex"`
					} `json:"probity"`
				} `json:"records"`
			}
			if err := json.Unmarshal([]byte(must("export", "ocds")), &pkg); err != nil {
				t.Fatal(err)
			}
			if pkg.Probity.Checkpoint == nil || pkg.Probity.Checkpoint.Size < 4000 || len(pkg.Records) == 0 {
				t.Fatalf("export ocds: checkpoint %+v, %d records", pkg.Probity.Checkpoint, len(pkg.Records))
			}
			for _, r := range pkg.Records {
				p := r.Probity
				if p.LogIndex == nil || p.DecisionLogIndex == nil || p.LogProof != fmt.Sprintf("/log/proof/inclusion?index=%d&size=%d", *p.LogIndex, pkg.Probity.Checkpoint.Size) {
					t.Fatalf("an exported record cites %+v", p)
				}
			}
			mux := http.NewServeMux()
			mux.Handle("/log/", http.StripPrefix("/log/", http.FileServer(http.Dir(dir))))
			srv := httptest.NewServer(mux)
			defer srv.Close()

			state := filepath.Join(t.TempDir(), "state.json")
			out := must("verify", "--server", srv.URL, "--key", vkey, "--state", state, "--mirror", filepath.Join(t.TempDir(), "mirror"))
			claimed, computed, size, err := rfc6962check.Root(srv.URL + "/log/")
			if err != nil {
				t.Fatal(err)
			}
			root := base64.StdEncoding.EncodeToString(computed[:])
			if claimed != computed || !strings.Contains(out, "root "+root) || size < 4000 {
				t.Fatalf("verify says %q; the independent checker computes %s over %d entries (checkpoint %x)", out, root, size, claimed)
			}
			// The demo published contracts, decisions, findings and a policy.
			bundle, err := os.ReadFile(filepath.Join(dir, "tile", "entries", "000"))
			if err != nil {
				t.Fatal(err)
			}
			for _, typ := range []string{`"type":"contract"`} {
				if !bytes.Contains(bundle, []byte(typ)) {
					t.Errorf("the first entry bundle has no %s entry", typ)
				}
			}
			// Rewrite one exported entry (same length, so the bundle still
			// parses): verify names it.
			i := bytes.Index(bundle, []byte(`"status":"`))
			bundle[i+len(`"status":"`)] ^= 0x20
			os.WriteFile(filepath.Join(dir, "tile", "entries", "000"), bundle, 0o644)
			_, errs, code := runLog(t, db, keys, "verify", "--server", srv.URL, "--state", state)
			if code != 1 || !strings.Contains(errs, "entry ") || !strings.Contains(errs, "old hash") || !strings.Contains(errs, "new hash") {
				t.Fatalf("verify after rewriting an entry: exit %d, %s", code, errs)
			}
		})
	}
}
