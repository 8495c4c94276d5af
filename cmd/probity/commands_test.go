package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandTable drives every entry of the command table: "-h" lists a
// command's subcommands, and a missing or unknown subcommand is a usage
// error (exit 2) naming the ones there are.
func TestCommandTable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "probity.db") // not created: nothing may create it
	seen := map[string]bool{}
	for _, c := range commands() {
		if seen[c.name] {
			t.Errorf("command %q is in the table twice", c.name)
		}
		seen[c.name] = true
		if (c.run == nil) == (len(c.subcommands) == 0) {
			t.Errorf("%s: want either run or subcommands", c.name)
			continue
		}
		if c.run != nil {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			out, _, code := run(t, db, "", c.name, "-h")
			if code != 0 {
				t.Fatalf("%s -h: exit %d", c.name, code)
			}
			for _, s := range c.subcommands {
				if !strings.Contains(out, s.name) {
					t.Errorf("%s -h does not list %q:\n%s", c.name, s.name, out)
				}
			}
			for _, args := range [][]string{{c.name}, {c.name, "no-such-subcommand"}} {
				_, errs, code := run(t, db, "", args...)
				if code != 2 || !strings.Contains(errs, c.subcommands[0].name) {
					t.Errorf("probity %v: exit %d (want 2), stderr %q", args, code, errs)
				}
			}
		})
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("usage errors created the database %s", db)
	}
}

// TestNoDBCommandLeavesNoDatabase: a command marked noDB runs without
// touching --db.
func TestNoDBCommandLeavesNoDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "probity.db") // not created: nothing may create it
	if out := mustRun(t, db, "compare", "Acme Corp", "ACME Corporation"); !strings.Contains(out, "score") {
		t.Fatalf("compare: %q", out)
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("compare created the database %s", db)
	}
}
