package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/probity/probity"
)

// runMigrate is `probity migrate`: it creates the database named by --db,
// or brings an existing one's schema up to date (opening the store applies
// the embedded migrations), and says which.
func (m *Main) runMigrate(ctx context.Context, args []string) error {
	fs := m.newFlagSet("migrate", "migrate")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("migrate: unexpected argument %q", fs.Arg(0))
	}
	if _, err := m.openStore(ctx); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "database %s: schema up to date\n", m.Config.DB)
	return nil
}

// checkSQLiteFile refuses, before SQLite would quietly create it, a
// database file that does not exist (unless the command creates
// databases), and a folder named as the database.
func checkSQLiteFile(path string, creates bool) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if creates {
			return nil
		}
		return probity.Errorf(probity.ENOTFOUND, "database %s does not exist: create it with 'probity ingest', 'probity demo' or 'probity migrate', or name another with --db", path)
	case err != nil:
		return err
	case st.IsDir():
		return probity.Errorf(probity.EINVALID, "database %s is a folder, not a file", path)
	}
	return nil
}

// readOnly explains why a database that failed to open may be read-only
// (SQLite in WAL mode writes even to read), or returns nil. It runs only
// after a failed open, so a working database costs no probe.
func readOnly(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return probity.Errorf(probity.EINVALID, "database %s is read-only: probity writes to its database even to read it (SQLite WAL); copy it somewhere writable or fix its permissions", path)
		}
		return nil
	}
	f.Close()
	if dir := filepath.Dir(path); !writableDir(dir) {
		return probity.Errorf(probity.EINVALID, "database %s is in a read-only folder (%s): SQLite needs to create its -wal and -shm files beside it", path, dir)
	}
	return nil
}

// writableDir reports whether a file can be created in dir.
func writableDir(dir string) bool {
	f, err := os.CreateTemp(dir, ".probity-write-check-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}
