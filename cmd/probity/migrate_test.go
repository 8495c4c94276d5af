package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDBMustExist: a --db naming a missing file is an error for every
// command but those that create a database, and leaves no file behind; a
// read-only database says so.
func TestDBMustExist(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{{"contracts", "list"}, {"lists", "list"}, {"decide", "--all"}, {"users", "list"}, {"status"}} {
		_, errs, code := run(t, missing, "", args...)
		if code != 1 || !strings.Contains(errs, "typo.db does not exist") {
			t.Errorf("probity %v on a missing database: exit %d, %q", args, code, errs)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("probity %v created %s", args, missing)
		}
	}
	mustRun(t, missing, "migrate")
	mustRun(t, missing, "contracts", "list")

	if os.Geteuid() == 0 {
		t.Log("running as root: file modes do not stop root, so the read-only case is checked with a read-only folder only where it can be")
	}
	ro := filepath.Join(t.TempDir(), "ro.db")
	mustRun(t, ro, "migrate")
	if err := os.Chmod(ro, 0o444); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		if _, errs, code := run(t, ro, "", "contracts", "list"); code != 1 || !strings.Contains(errs, "read-only") {
			t.Errorf("read-only database: exit %d, %q", code, errs)
		}
	}
}
