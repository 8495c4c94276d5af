package main

import (
	"context"
	"strings"
	"testing"

	"github.com/probity/probity/internal/pgtest"
	"github.com/probity/probity/internal/storetest"
	"github.com/probity/probity/sqlite"
)

// probity copy moves a filled embedded install onto a new PostgreSQL
// database and says that counts and fingerprint agree; a second copy
// into it, a missing source and a non-PostgreSQL target are refused.
func TestCopyToPostgres(t *testing.T) {
	dsn := pgtest.NewDatabase(t)
	src := tempDB(t)
	lite, err := sqlite.Open(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Fill(t, lite)
	lite.Close()

	out := mustRun(t, "", "copy", "--from", src, "--to", dsn)
	if !strings.Contains(out, "are equal on both sides") || !strings.Contains(out, "(1 contracts)") {
		t.Fatalf("copy output:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "audit_log" && (f[1] != f[2] || f[1] == "0") {
			t.Errorf("audit log rows: %s", line)
		}
	}
	if show := mustRun(t, dsn, "contracts", "show", "C1"); !strings.Contains(show, "Beds") {
		t.Errorf("the copied contract is not served from PostgreSQL:\n%s", show)
	}
	for _, args := range [][]string{
		{"copy", "--from", src, "--to", dsn},
		{"copy", "--from", src + ".missing", "--to", dsn},
		{"copy", "--from", src, "--to", src},
		{"copy", "--from", src},
	} {
		if _, errs, code := run(t, "", "", args...); code == 0 || errs == "" {
			t.Errorf("probity %s: exit %d, stderr %q", strings.Join(args, " "), code, errs)
		}
	}
}
