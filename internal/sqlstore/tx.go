package sqlstore

import (
	"context"
	"database/sql"
)

// Tx is a write transaction, the only one at a time. Where the dialect
// asks for it (SQLite) its statements are prepared once, and kept for the
// transactions that follow (DB.keepStmts).
type Tx struct {
	db    *DB
	conn  *sql.Conn // the connection the transaction runs on (for COPY)
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// fresh are the queries this transaction prepared that the store
	// does not keep prepared yet (see DB.keepStmts).
	fresh []string
	// log holds what the transaction published, for the transparency log
	// (translog.go): appended in one batch before commit.
	log logPending
	// pending holds writes whose result nobody reads (put), sent in one
	// round trip before the next statement that returns something
	// (dialects with Pipeline: PostgreSQL).
	pending  []Stmt
	flushErr error
	// first is the transaction's first load (see firstLoad), nil when it
	// is not one; checked once.
	first        *firstLoad
	firstChecked bool
}

// Stmt is a statement (rebound) and its arguments.
type Stmt struct {
	Query string
	Args  []any
}

// maxPending is how many writes wait at most before they are sent.
const maxPending = 1000

var _ querier = (*Tx)(nil)

// write runs fn in one write transaction holding the writer lock, and
// commits unless fn fails.
func (db *DB) write(ctx context.Context, fn func(*Tx) error) error {
	tx, err := db.writeOnConn(ctx, fn)
	if tx != nil && len(tx.fresh) > 0 {
		db.keepStmts(context.WithoutCancel(ctx), tx.fresh)
	}
	return err
}

// writeOnConn is write on the writer's connection; it returns the
// transaction (committed or not) for what follows it.
func (db *DB) writeOnConn(ctx context.Context, fn func(*Tx) error) (*Tx, error) {
	conn, err := db.wdb.Conn(ctx)
	if err != nil {
		return nil, db.wrap(err)
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.wrap(err)
	}
	tx := &Tx{db: db, conn: conn, tx: sqlTx}
	if db.d.PrepareInTx {
		tx.stmts = map[string]*sql.Stmt{}
	}
	defer func() {
		tx.closeStmts()
		sqlTx.Rollback()
	}()
	if db.d.WriteLock != "" {
		if _, err := sqlTx.ExecContext(ctx, db.bind(db.d.WriteLock)); err != nil {
			return tx, db.wrap(err)
		}
	}
	if err := fn(tx); err != nil {
		if tx.flushErr != nil {
			return tx, tx.flushErr // the cause: what followed failed because of it
		}
		return tx, err
	}
	if err := tx.flushLog(ctx); err != nil { // the transparency log's batch (translog.go)
		return tx, err
	}
	if err := tx.flushReleases(ctx); err != nil {
		return tx, err
	}
	if err := tx.flush(ctx); err != nil {
		return tx, err
	}
	tx.closeStmts()
	if err := sqlTx.Commit(); err != nil {
		return tx, db.wrap(err)
	}
	return tx, nil
}

func (tx *Tx) closeStmts() {
	for k, s := range tx.stmts {
		s.Close()
		delete(tx.stmts, k)
	}
}

// stmt returns the transaction's prepared statement for query (rebound).
func (tx *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := tx.stmts[query]; ok {
		return s, nil
	}
	if kept, ok := tx.db.wstmts.Load(query); ok {
		s := tx.tx.StmtContext(ctx, kept.(*sql.Stmt))
		tx.stmts[query] = s
		return s, nil
	}
	s, err := tx.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, tx.db.wrap(err)
	}
	tx.stmts[query] = s
	tx.fresh = append(tx.fresh, query)
	return s, nil
}

// put runs a write whose result is not needed. Where the dialect
// pipelines, it is only queued: it runs, in order, before the next
// statement that returns something, or at commit.
func (tx *Tx) put(ctx context.Context, query string, args ...any) error {
	if tx.db.d.Pipeline == nil {
		_, err := tx.exec(ctx, query, args...)
		return err
	}
	tx.pending = append(tx.pending, Stmt{tx.db.bind(query), args})
	if len(tx.pending) >= maxPending {
		return tx.flush(ctx)
	}
	return nil
}

// flush sends the queued writes.
func (tx *Tx) flush(ctx context.Context) error {
	if len(tx.pending) == 0 || tx.flushErr != nil {
		return tx.flushErr
	}
	stmts := tx.pending
	tx.pending = nil
	if err := tx.db.d.Pipeline(ctx, tx, stmts); err != nil {
		tx.flushErr = tx.db.wrap(err)
	}
	return tx.flushErr
}

// prepare sends the queued writes and returns query rebound and, where
// the dialect prepares statements, its statement (nil otherwise).
func (tx *Tx) prepare(ctx context.Context, query string) (string, *sql.Stmt, error) {
	if err := tx.flush(ctx); err != nil {
		return "", nil, err
	}
	query = tx.db.bind(query)
	if tx.stmts == nil {
		return query, nil, nil
	}
	s, err := tx.stmt(ctx, query)
	return query, s, err
}

// exec runs a write.
func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	q, s, err := tx.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	var res sql.Result
	if s != nil {
		res, err = s.ExecContext(ctx, args...)
	} else {
		res, err = tx.tx.ExecContext(ctx, q, args...)
	}
	if err != nil {
		return nil, tx.db.wrap(err)
	}
	return res, nil
}

// execN runs a write and returns how many rows it changed.
func (tx *Tx) execN(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := tx.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// query runs a read inside the transaction.
func (tx *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	q, s, err := tx.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	if s != nil {
		rows, err = s.QueryContext(ctx, args...)
	} else {
		rows, err = tx.tx.QueryContext(ctx, q, args...)
	}
	if err != nil {
		return nil, tx.db.wrap(err)
	}
	return rows, nil
}

// queryRow runs a one-row read inside the transaction. Should the queued
// writes fail, the transaction is aborted: the query fails too, and
// write returns the writes' error.
func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if q, s, err := tx.prepare(ctx, query); err == nil && s != nil {
		return s.QueryRowContext(ctx, args...)
	} else if err == nil {
		return tx.tx.QueryRowContext(ctx, q, args...)
	}
	return tx.tx.QueryRowContext(ctx, tx.db.bind(query), args...)
}

// insertID runs an INSERT … RETURNING id and returns the new id.
func (tx *Tx) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	if err := tx.queryRow(ctx, query, args...).Scan(&id); err != nil {
		return 0, tx.db.wrap(err)
	}
	return id, nil
}

// bulkInsert loads rows into table (the dialect's BulkInsert: COPY on
// PostgreSQL).
func (tx *Tx) bulkInsert(ctx context.Context, table string, columns []string, rows [][]any) error {
	if err := tx.flush(ctx); err != nil {
		return err
	}
	return tx.db.d.BulkInsert(ctx, tx, table, columns, rows)
}

// Raw calls fn with the driver connection the transaction runs on (for a
// dialect's bulk load).
func (tx *Tx) Raw(fn func(driverConn any) error) error { return tx.conn.Raw(fn) }

// ExecForTest runs raw SQL inside the transaction, for tests only.
func (tx *Tx) ExecForTest(ctx context.Context, q string) (sql.Result, error) {
	if err := tx.endFirstLoad(ctx); err != nil {
		return nil, err
	}
	if err := tx.flush(ctx); err != nil {
		return nil, err
	}
	return tx.tx.ExecContext(ctx, q)
}
