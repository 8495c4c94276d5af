package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/probity/probity"
)

// DB is a probity store on a SQL database. Packages sqlite and postgres
// embed it in their own DB, so that its methods are theirs: a method added
// here is a method of both stores.
type DB struct {
	d      *Dialect
	wdb    *sql.DB      // the writer's pool (SQLite: one connection)
	rdb    *sql.DB      // readers (may be wdb)
	binds  sync.Map     // query → rebound query
	nbinds atomic.Int64 // queries in binds (at most maxBinds)
	// wstmts holds, where the dialect prepares statements (SQLite), the
	// writer's statements prepared once on its pool, so that a write
	// transaction reuses them (tx.StmtContext finds them prepared on the
	// writer's one connection) instead of parsing its SQL again: a short
	// transaction, such as one published decision and its log entry,
	// spent a quarter of its time there.
	wstmts sync.Map // rebound query → *sql.Stmt on wdb
	nstmts atomic.Int64
	// Now is the clock used for times the caller leaves zero.
	Now func() time.Time
}

// New returns a store on write (for write transactions) and read (for
// reads outside them; it may be write itself). The caller has brought the
// schema up to date (see Migrate).
func New(d *Dialect, write, read *sql.DB) *DB {
	if d.BulkInsert == nil {
		d.BulkInsert = bulkInsertRows
	}
	return &DB{d: d, wdb: write, rdb: read, Now: time.Now}
}

// Close closes both pools.
func (db *DB) Close() error {
	var err error
	if db.rdb != db.wdb {
		err = db.rdb.Close()
	}
	db.wstmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
	return errors.Join(err, db.wdb.Close())
}

// maxStmts bounds the writer's statements kept prepared.
const maxStmts = 512

// keepStmts prepares on the writer's pool the queries a transaction had
// to prepare for itself, for the transactions that follow. It runs after
// the transaction has given its connection back (preparing on the pool
// needs the connection). A query that does not prepare is left to each
// transaction, which reports its error where it is used.
func (db *DB) keepStmts(ctx context.Context, queries []string) {
	for _, q := range queries {
		if _, ok := db.wstmts.Load(q); ok || db.nstmts.Load() >= maxStmts {
			continue
		}
		s, err := db.wdb.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		if _, loaded := db.wstmts.LoadOrStore(q, s); loaded {
			s.Close()
			continue
		}
		db.nstmts.Add(1)
	}
}

// maxBinds bounds the queries whose rebinding is kept (query text built
// from input, such as a listing's LIMIT, must not grow the cache forever).
const maxBinds = 4096

// bind rebinds query for the dialect, once per distinct query text.
func (db *DB) bind(query string) string {
	if !db.d.Numbered {
		return query
	}
	if q, ok := db.binds.Load(query); ok {
		return q.(string)
	}
	q := db.d.Rebind(query)
	if db.nbinds.Add(1) <= maxBinds {
		db.binds.Store(query, q)
	}
	return q
}

// querier is what DB and Tx share, so that a read is written once and
// runs both inside and outside a write transaction.
type querier interface {
	query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	queryRow(ctx context.Context, query string, args ...any) *sql.Row
}

var _ querier = (*DB)(nil)

// query runs a read on the read pool.
func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := db.rdb.QueryContext(ctx, db.bind(query), args...)
	if err != nil {
		return nil, db.wrap(err)
	}
	return rows, nil
}

// queryRow runs a one-row read on the read pool.
func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.rdb.QueryRowContext(ctx, db.bind(query), args...)
}

// execOutside runs one statement on the writer's pool outside any write
// transaction and without the writer lock: for a single-row write whose
// last writer may win (a token's time of use, deleting a session).
func (db *DB) execOutside(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := db.wdb.ExecContext(ctx, db.bind(query), args...)
	if err != nil {
		return nil, db.wrap(err)
	}
	return res, nil
}

// wrap names the store in a driver error and maps the errors that have a
// meaning for the caller to probity error codes.
func (db *DB) wrap(err error) error {
	if err == nil {
		return nil
	}
	var perr *probity.Error
	if errors.As(err, &perr) || errors.Is(err, sql.ErrNoRows) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	switch db.d.Classify(err) {
	case ErrUnique:
		return probity.Errorf(probity.ECONFLICT, "%s: already stored: %v", db.d.Name, err)
	case ErrForeignKey:
		return probity.Errorf(probity.ENOTFOUND, "%s: refers to a row that does not exist: %v", db.d.Name, err)
	case ErrBusy:
		return probity.Errorf(probity.EUNAVAILABLE, "%s: the database is busy with another writer, try again: %v", db.d.Name, err)
	case ErrBadText:
		return probity.Errorf(probity.EINVALID, "%s: text that cannot be stored (a NUL byte or invalid UTF-8): %v", db.d.Name, err)
	}
	return fmt.Errorf("%s: %w", db.d.Name, err)
}

// notFound returns ENOTFOUND (format and args) when err is sql.ErrNoRows,
// and err otherwise.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return probity.Errorf(probity.ENOTFOUND, format, args...)
	}
	return err
}
