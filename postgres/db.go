package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/probity/probity"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Advisory lock keys (pg_advisory_xact_lock), arbitrary but fixed: one
// for schema migrations, one for the single writer.
const (
	migrateLockKey int64 = 0x70726f6269747901 // "probity" 01
	writeLockKey   int64 = 0x70726f6269747902 // "probity" 02
)

// DB is the PostgreSQL store. It implements probity.Store.
type DB struct {
	pool *pgxpool.Pool
	// Now is the clock used for times the caller leaves zero.
	Now func() time.Time
}

var _ probity.Store = (*DB)(nil)

// querier is what *pgxpool.Pool and pgx.Tx share, so that reads are
// written once and used both inside and outside a write transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
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
	db := &DB{pool: pool, Now: time.Now}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect to %s: %w", cfg.ConnConfig.Host, err)
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Close closes every connection of the pool.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("postgres: migration %s: name must start with a number", base)
		}
		if err := db.applyMigration(ctx, version, name, base); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration applies one migration unless it is recorded as applied,
// in one transaction holding the migration lock: a replica that waits for
// the lock then finds the migration done.
func (db *DB) applyMigration(ctx context.Context, version int, name, base string) error {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: begin migration: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, migrateLockKey); err != nil {
		return fmt.Errorf("postgres: migration lock: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("postgres: schema_migrations: %w", err)
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n); err != nil {
		return fmt.Errorf("postgres: schema_migrations: %w", err)
	}
	if n > 0 {
		return nil
	}
	body, err := migrationFS.ReadFile(name)
	if err != nil {
		return err
	}
	// Without arguments pgx uses the simple protocol, which runs every
	// statement of the file.
	if _, err := tx.Exec(ctx, string(body)); err != nil {
		return fmt.Errorf("postgres: migration %s: %w", base, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
		version, base, db.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("postgres: migration %s: %w", base, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: migration %s: commit: %w", base, err)
	}
	return nil
}

// Update runs fn in one write transaction, the only writer at a time.
func (db *DB) Update(ctx context.Context, fn func(probity.Tx) error) error {
	pgTx, err := db.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", err)
	}
	defer pgTx.Rollback(ctx)
	if _, err := pgTx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLockKey); err != nil {
		return fmt.Errorf("postgres: write lock: %w", err)
	}
	if err := fn(&Tx{tx: pgTx, db: db}); err != nil {
		return err
	}
	if err := pgTx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: commit: %w", err)
	}
	return nil
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation.
func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

// wrapErr names the store in err. Text PostgreSQL refuses to store (a NUL
// byte, which SQLite keeps, or invalid UTF-8) is the caller's bad input:
// EINVALID, not an internal error.
func wrapErr(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (pgErr.Code == "22021" || pgErr.Code == "22P05") {
		return probity.Errorf(probity.EINVALID, "postgres: text that cannot be stored (a NUL byte or invalid UTF-8): %s", pgErr.Message)
	}
	return fmt.Errorf("postgres: %w", err)
}

// params numbers the placeholders of a query built piece by piece.
type params struct{ args []any }

// add appends v and returns its placeholder ($1, $2, …).
func (p *params) add(v any) string {
	p.args = append(p.args, v)
	return "$" + strconv.Itoa(len(p.args))
}
