package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// An ingest committed in many small batches writes the same register as
// one transaction; a bad record stops it with the batches before it kept
// (and decided), and running it again after the fix goes on.
func TestIngestInBatches(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "demo", "data", "ice-awards-2018.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "awards.csv")
	os.WriteFile(file, data, 0o644)

	atomicDB, batchedDB := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	mustRun(t, atomicDB, "ingest", "usaspending", "--quiet", "--atomic", file)
	mustRun(t, batchedDB, "ingest", "usaspending", "--quiet", "--batch", "150", file)
	for _, args := range [][]string{{"contracts", "list", "--json"}, {"orgs", "list", "--json"}} {
		if a, b := mustRun(t, atomicDB, args...), mustRun(t, batchedDB, args...); a != b || len(a) < 1000 {
			t.Fatalf("%s differs between one transaction and batches of 150 (%d and %d bytes)", strings.Join(args, " "), len(a), len(b))
		}
	}

	// A bad amount on row 1000 of 2203: with a policy in force, the rows
	// before the failing batch are committed and decided.
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	bad := append([]string(nil), lines...)
	cols := strings.Split(bad[1000], ",")
	cols[5] = "lots"
	bad[1000] = strings.Join(cols, ",")
	os.WriteFile(file, []byte(strings.Join(bad, "\n")+"\n"), 0o644)
	db := filepath.Join(dir, "c.db")
	mustRun(t, db, "migrate")
	mustRun(t, db, "policy", "publish", "default")
	out, errs, code := run(t, db, "", "ingest", "usaspending", "--quiet", "--batch", "150", file)
	if code != 1 || !strings.Contains(errs, "awards.csv:1001") || !strings.Contains(errs, "the 6 batches before it were committed") {
		t.Fatalf("bad row 1001: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if !regexp.MustCompile(`re-decided \d+ contracts`).MatchString(out) {
		t.Fatalf("the committed batches were not decided: %s", out)
	}
	kept := contractLines(t, mustRun(t, db, "contracts", "list", "--json"))
	decided := strings.Count(mustRun(t, db, "decisions", "list", "--json"), "\n")
	if len(kept) == 0 || decided != len(kept) {
		t.Fatalf("after the failure: %d contracts kept, %d decided", len(kept), decided)
	}
	if st := mustRun(t, db, "status"); !strings.Contains(st, "pending: nothing") {
		t.Fatalf("work left pending after the failed ingest:\n%s", st)
	}
	os.WriteFile(file, data, 0o644)
	mustRun(t, db, "ingest", "usaspending", "--quiet", "--batch", "150", file)
	if a, c := mustRun(t, atomicDB, "contracts", "list", "--json"), mustRun(t, db, "contracts", "list", "--json"); a != c {
		t.Fatalf("after the fixed file was ingested again, the register differs from one ingest of it")
	}
}
