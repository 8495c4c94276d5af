// Package postgres is probity's PostgreSQL store, for several stateless
// `probity serve` replicas sharing one database. The queries are package
// sqlstore's (the same as the SQLite store's, checked by the shared
// conformance suite internal/storetest); this package connects through
// pgx's pool and its database/sql adapter, applies the numbered
// migrations embedded from migrations/*.sql (in order, each in its own
// transaction, forward only, under an advisory lock so that replicas
// starting together do not race) and gives sqlstore the PostgreSQL
// dialect: $n placeholders, COPY for bulk loads, SQLSTATE error codes.
//
// Times are stored as fixed-width UTC text and JSON as text (not jsonb),
// exactly as in SQLite: times sort as text and round-trip to the
// nanosecond, and stored JSON (decision inputs, match explanations) comes
// back byte for byte. Text columns use the "C" collation (byte order).
//
// Write transactions take a transaction-level advisory lock first, so
// that there is one writer at a time across all replicas, as with SQLite:
// read-then-write steps such as organization resolution, "record a
// decision unless it repeats the latest" and "one undecided case per
// contract" keep their meaning without serializable retries. Reads never
// wait for it.
//
// Every statement is a round trip to the server, so the dialect saves
// them: writes whose result nobody reads are sent in one pgx batch before
// the next read (Pipeline), and an ingest into an empty register answers
// its own lookups and loads its releases with COPY (BulkFirstLoad; see
// sqlstore's first_load.go). 'probity copy' moves an embedded install
// here with COPY (sqlstore.DB.CopyTo).
//
// Differences from SQLite, all deliberate:
//   - text cannot hold a NUL byte or invalid UTF-8: such input is refused
//     with EINVALID (SQLite stores it);
//   - ids come from identity sequences, which a rolled-back transaction
//     does not give back, so ids may have gaps;
//   - a statement that fails inside a transaction aborts the transaction
//     (the store checks first where an error is expected).
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"embed"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Advisory lock keys (pg_advisory_xact_lock), arbitrary but fixed: one
// for schema migrations, one for the single writer.
const (
	migrateLockKey int64 = 0x70726f6269747901 // "probity" 01
	writeLockKey   int64 = 0x70726f6269747902 // "probity" 02
)

// DB is the PostgreSQL store. It implements probity.Store (through the
// embedded sqlstore.DB).
type DB struct {
	*sqlstore.DB
	pool *pgxpool.Pool
}

// Tx is a write transaction of the store.
type Tx = sqlstore.Tx

var _ probity.Store = (*DB)(nil)

// Dialect is PostgreSQL's.
func Dialect() *sqlstore.Dialect {
	return &sqlstore.Dialect{
		Name:          "postgres",
		Numbered:      true,
		WriteLock:     fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, writeLockKey),
		Classify:      classify,
		InList:        func(col string) string { return col + ` = ANY(?)` },
		ListArg:       func(list any) (any, error) { return list, nil },
		InsertOrder:   "seq",
		BulkInsert:    copyRows,
		Pipeline:      pipeline,
		BulkFirstLoad: true,
		TablesQuery: `SELECT c.relname, coalesce(p.relname, '') FROM pg_class c
			LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f' LEFT JOIN pg_class p ON p.oid = k.confrelid
			WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace`,
		ColumnsQuery:    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
		AfterLoad:       resetIdentities,
		DisableTriggers: `ALTER TABLE %s DISABLE TRIGGER USER`,
		EnableTriggers:  `ALTER TABLE %s ENABLE TRIGGER USER`,
	}
}

func classify(err error) sqlstore.ErrorKind {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return sqlstore.ErrOther
	}
	switch e.Code {
	case "23505":
		return sqlstore.ErrUnique
	case "23503":
		return sqlstore.ErrForeignKey
	case "40001", "40P01", "55P03":
		return sqlstore.ErrBusy
	case "22021", "22P05":
		return sqlstore.ErrBadText
	}
	return sqlstore.ErrOther
}

// resetIdentities moves every identity sequence past the largest id in its
// table, after rows were copied in with their ids.
const resetIdentities = `DO $$ DECLARE r record; BEGIN
	FOR r IN SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP
		EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) + 1, false) FROM %I',
			r.table_name, r.column_name, r.column_name, r.table_name);
	END LOOP;
END $$`

// pipeline sends stmts in one round trip (a pgx batch) on the
// transaction's own connection.
func pipeline(ctx context.Context, tx *sqlstore.Tx, stmts []sqlstore.Stmt) error {
	return tx.Raw(func(dc any) error {
		b := &pgx.Batch{}
		for _, s := range stmts {
			b.Queue(s.Query, s.Args...)
		}
		return dc.(*stdlib.Conn).Conn().SendBatch(ctx, b).Close()
	})
}

// copyRows loads rows into table with COPY, on the transaction's own
// connection.
func copyRows(ctx context.Context, tx *sqlstore.Tx, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	return tx.Raw(func(dc any) error {
		conn := dc.(*stdlib.Conn).Conn()
		if _, err := conn.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("postgres: copy into %s: %w", table, err)
		}
		return nil
	})
}

// IsDSN reports whether s names a PostgreSQL database (a postgres:// or
// postgresql:// URL) rather than the path of a SQLite file, so that one
// --db flag can select either store.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database named by dsn (a postgres:// URL or a
// key=value connection string; pool_max_conns and the other pgxpool
// parameters may be given in it) and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		return nil, probity.Errorf(probity.EINVALID, "postgres: empty connection string")
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The parse error may quote the DSN, password included: keep it out.
		return nil, probity.Errorf(probity.EINVALID, "postgres: invalid connection string")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect to %s: %w", cfg.ConnConfig.Host, err)
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	d := Dialect()
	if err := sqlstore.Migrate(ctx, d, sqlDB, migrationFS, "migrations", fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, migrateLockKey)); err != nil {
		sqlDB.Close()
		pool.Close()
		return nil, err
	}
	return &DB{DB: sqlstore.New(d, sqlDB, sqlDB), pool: pool}, nil
}

// Close closes the store and every connection of its pool.
func (db *DB) Close() error {
	err := db.DB.Close()
	db.pool.Close()
	return err
}
