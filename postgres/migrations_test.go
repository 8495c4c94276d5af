package postgres_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// migrationNames lists the migration files of a folder.
func migrationNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	return names
}

// The migrations are numbered 1, 2, 3… without gaps or repeats, and the
// two dialects stay in step: the same numbered files as SQLite's.
func TestMigrationsNumberedAndInStepWithSQLite(t *testing.T) {
	pg := migrationNames(t, "migrations")
	for i, name := range pg {
		n, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil || n != i+1 {
			t.Errorf("migration %s: want number %d", name, i+1)
		}
	}
	lite := migrationNames(t, "../sqlite/migrations")
	if strings.Join(pg, " ") != strings.Join(lite, " ") {
		t.Errorf("postgres migrations %v\n  differ from sqlite's %v", pg, lite)
	}
}
