package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migrate brings the schema of the database behind write up to date with
// the numbered migrations NNN_name.sql of dir in fsys: each one not yet
// recorded in schema_migrations is applied in its own transaction, in
// order, forward only. lock (may be "") runs first in each transaction, so
// that replicas starting together do not race; it is written with ?
// placeholders like any other query of the package.
func Migrate(ctx context.Context, d *Dialect, write *sql.DB, fsys fs.FS, dir, lock string) error {
	names, err := fs.Glob(fsys, dir+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, dir+"/")
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("%s: migration %s: name must start with a number", d.Name, base)
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		if err := migrateOne(ctx, d, write, version, base, string(body), lock); err != nil {
			return fmt.Errorf("%s: migration %s: %w", d.Name, base, err)
		}
	}
	return nil
}

func migrateOne(ctx context.Context, d *Dialect, write *sql.DB, version int, base, body, lock string) error {
	tx, err := write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if lock != "" {
		if _, err := tx.ExecContext(ctx, d.Rebind(lock)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, d.Rebind(`SELECT count(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	// Without arguments both drivers run every statement of the file.
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, d.Rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		version, base, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}
