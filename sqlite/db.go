// Package sqlite is probity's embedded store: one SQLite file through
// modernc.org/sqlite (pure Go, no cgo), in WAL mode with foreign keys on.
// The queries are package sqlstore's; this package opens the file (one
// writer connection taking BEGIN IMMEDIATE, a pool of query-only readers
// beside it), applies the numbered migrations embedded from
// migrations/*.sql (in order, each in its own transaction, forward only)
// and gives sqlstore the SQLite dialect.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the SQLite store. It implements probity.Store (through the
// embedded sqlstore.DB).
type DB struct{ *sqlstore.DB }

// Tx is a write transaction of the store.
type Tx = sqlstore.Tx

var _ probity.Store = (*DB)(nil)

// Dialect is SQLite's: ? placeholders, BEGIN IMMEDIATE (set on the writer
// connection) as the writer lock, statements prepared once per
// transaction, id lists as one JSON array parameter.
func Dialect() *sqlstore.Dialect {
	return &sqlstore.Dialect{
		Name:        "sqlite",
		PrepareInTx: true,
		Classify:    classify,
		InList:      func(col string) string { return col + ` IN (SELECT value FROM json_each(?))` },
		ListArg: func(list any) (any, error) {
			b, err := json.Marshal(list)
			return string(b), err
		},
		InsertOrder: "rowid",
		TablesQuery: `SELECT m.name, coalesce(f."table", '') FROM sqlite_schema m LEFT JOIN pragma_foreign_key_list(m.name) f
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
		ColumnsQuery: `SELECT name, type FROM pragma_table_info(?)`,
	}
}

func classify(err error) sqlstore.ErrorKind {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return sqlstore.ErrOther
	}
	switch code := e.Code(); {
	case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return sqlstore.ErrUnique
	case code == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return sqlstore.ErrForeignKey
	case code&0xff == sqlite3.SQLITE_BUSY || code&0xff == sqlite3.SQLITE_LOCKED:
		return sqlstore.ErrBusy
	}
	return sqlstore.ErrOther
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date. ":memory:" is not supported: use a temporary file.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, probity.Errorf(probity.EINVALID, "sqlite: empty database path")
	}
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)", "cache_size(-65536)"} {
		q.Add("_pragma", p)
	}
	dsn := "file:" + path + "?" + q.Encode()
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1) // SQLite allows one writer at a time
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	read.SetMaxOpenConns(4) // readers run beside the writer (WAL)
	d := Dialect()
	if err := sqlstore.Migrate(ctx, d, write, migrationFS, "migrations", ""); err != nil {
		read.Close()
		write.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &DB{sqlstore.New(d, write, read)}, nil
}
