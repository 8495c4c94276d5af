package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"weak"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/probity/probity"
	"github.com/probity/probity/translog"
)

// The transparency log's tables (migration 008): log_entries (one row an
// entry: index, item type and id, version, content digest, canonical
// bytes), log_hashes (tlog's stored hashes keyed by Merkle level and
// index, so that a tile is one range scan) and log_checkpoints (signed
// checkpoints, newest served). Entries are appended by translog.Append
// through Tx, inside the transaction that publishes the item; on
// PostgreSQL that transaction holds the writer lock, so replicas append
// one at a time and never lose or duplicate an index.

var (
	_ translog.Tx              = (*Tx)(nil)
	_ translog.CheckpointStore = (*DB)(nil)
)

// logSize returns the number of entries: one past the highest index, so
// that a deleted row shows as a hole rather than renumbering the log.
func logSize(ctx context.Context, q querier) (int64, error) {
	var n int64
	if err := q.queryRow(ctx, `SELECT coalesce(max(idx) + 1, 0) FROM log_entries`).Scan(&n); err != nil {
		return 0, fmt.Errorf("log size: %w", err)
	}
	return n, nil
}

// logHashes reads stored hashes by tlog index: a run of consecutive
// indexes of one Merkle level (a tile) is one range query; the scattered
// rest (a proof's or a root's few hashes) is one query of up to 64 pairs.
func logHashes(ctx context.Context, q querier, indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	type pos struct {
		level int
		n     int64
	}
	var scattered []pos
	where := map[pos][]int{} // positions in out of each scattered hash
	for i := 0; i < len(indexes); {
		level, start := tlog.SplitStoredHashIndex(indexes[i])
		j := i + 1
		for j < len(indexes) {
			l, n := tlog.SplitStoredHashIndex(indexes[j])
			if l != level || n != start+int64(j-i) {
				break
			}
			j++
		}
		if j-i < 8 {
			for k := i; k < j; k++ {
				p := pos{level, start + int64(k-i)}
				if where[p] == nil {
					scattered = append(scattered, p)
				}
				where[p] = append(where[p], k)
			}
			i = j
			continue
		}
		if err := readHashRange(ctx, q, level, start, out[i:j]); err != nil {
			return nil, err
		}
		i = j
	}
	for len(scattered) > 0 {
		chunk := scattered[:min(64, len(scattered))]
		scattered = scattered[len(chunk):]
		// Padded to 4, 16 or 64 pairs (with a level that does not exist),
		// so that there are three statement texts to prepare, not 64.
		terms := 4
		for terms < len(chunk) {
			terms *= 4
		}
		args := make([]any, 0, 2*terms)
		for _, p := range chunk {
			args = append(args, p.level, p.n)
		}
		for range terms - len(chunk) {
			args = append(args, -1, -1)
		}
		rows, err := q.query(ctx, `SELECT level, n, hash FROM log_hashes WHERE `+strings.Repeat(`(level = ? AND n = ?) OR `, terms-1)+`(level = ? AND n = ?)`, args...)
		if err != nil {
			return nil, err
		}
		found := 0
		for rows.Next() {
			var p pos
			var h []byte
			if err := rows.Scan(&p.level, &p.n, &h); err != nil {
				rows.Close()
				return nil, err
			}
			if len(h) != tlog.HashSize {
				rows.Close()
				return nil, fmt.Errorf("log hash level %d index %d is damaged", p.level, p.n)
			}
			for _, k := range where[p] {
				copy(out[k][:], h)
			}
			found++
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
		if found != len(chunk) {
			return nil, fmt.Errorf("log hashes are missing (%d of %d found)", found, len(chunk))
		}
	}
	return out, nil
}

// readHashRange reads the hashes of one level from index start into out.
func readHashRange(ctx context.Context, q querier, level int, start int64, out []tlog.Hash) error {
	rows, err := q.query(ctx, `SELECT n, hash FROM log_hashes WHERE level = ? AND n >= ? AND n < ? ORDER BY n`, level, start, start+int64(len(out)))
	if err != nil {
		return err
	}
	defer rows.Close()
	k := 0
	for rows.Next() {
		var n int64
		var h []byte
		if err := rows.Scan(&n, &h); err != nil {
			return err
		}
		if n != start+int64(k) || len(h) != tlog.HashSize {
			break
		}
		copy(out[k][:], h)
		k++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if k != len(out) {
		return fmt.Errorf("log hash level %d index %d is missing or damaged", level, start+int64(k))
	}
	return nil
}

// LogSize implements translog.Tx.
func (tx *Tx) LogSize(ctx context.Context) (int64, error) { return logSize(ctx, tx) }

// LogHashes implements translog.Tx.
func (tx *Tx) LogHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error) {
	return logHashes(ctx, tx, indexes)
}

// LogHead implements translog.Tx.
func (tx *Tx) LogHead(ctx context.Context, typ, id string) (translog.Head, bool, error) {
	var h translog.Head
	var digest []byte
	err := tx.queryRow(ctx, `SELECT idx, version, digest FROM log_entries WHERE type = ? AND item_id = ? ORDER BY version DESC LIMIT 1`, typ, id).
		Scan(&h.Index, &h.Version, &digest)
	if errors.Is(err, sql.ErrNoRows) {
		return h, false, nil
	}
	if err != nil {
		return h, false, tx.db.wrap(err)
	}
	copy(h.Digest[:], digest)
	return h, true, nil
}

// LogAppend implements translog.Tx: the entry and its stored hashes, the
// hashes in one statement.
func (tx *Tx) LogAppend(ctx context.Context, r translog.Record, hashes []tlog.Hash) error {
	if _, err := tx.exec(ctx, `INSERT INTO log_entries (idx, type, item_id, version, digest, data) VALUES (?, ?, ?, ?, ?, ?)`,
		r.Index, r.Type, r.ItemID, r.Version, r.Digest[:], r.Data); err != nil {
		return err
	}
	if len(hashes) == 0 {
		return nil
	}
	first := tlog.StoredHashCount(r.Index)
	args := make([]any, 0, 3*len(hashes))
	for i := range hashes {
		level, n := tlog.SplitStoredHashIndex(first + int64(i))
		args = append(args, level, n, hashes[i][:])
	}
	_, err := tx.exec(ctx, `INSERT INTO log_hashes (level, n, hash) VALUES (?, ?, ?)`+strings.Repeat(`, (?, ?, ?)`, len(hashes)-1), args...)
	return err
}

// AppendLog appends a published item to the transparency log inside the
// transaction; the store's publishing methods call it.
func (tx *Tx) AppendLog(ctx context.Context, item translog.Item) (int64, error) {
	idx, _, err := translog.Append(ctx, tx, item)
	return idx, err
}

// LogSize implements translog.Reader.
func (db *DB) LogSize(ctx context.Context) (int64, error) { return logSize(ctx, db.logReads()) }

// LogHashes implements translog.Reader.
func (db *DB) LogHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error) {
	return logHashes(ctx, db.logReads(), indexes)
}

// LogEntries implements translog.Reader.
func (db *DB) LogEntries(ctx context.Context, start, end int64) ([][]byte, error) {
	rows, err := db.logReads().query(ctx, `SELECT data FROM log_entries WHERE idx >= ? AND idx < ? ORDER BY idx`, start, end)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([][]byte, 0, end-start)
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// LogCheckpoint implements translog.Reader.
func (db *DB) LogCheckpoint(ctx context.Context) ([]byte, error) {
	var note string
	err := db.logReads().queryRow(ctx, `SELECT note FROM log_checkpoints ORDER BY size DESC LIMIT 1`).Scan(&note)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, db.wrap(err)
	}
	return []byte(note), nil
}

// LogSaveCheckpoint implements translog.CheckpointStore. It takes no
// writer lock: one statement adds the checkpoint unless one as large is
// stored, and two replicas that race store two consistent checkpoints.
func (db *DB) LogSaveCheckpoint(ctx context.Context, size int64, note []byte) error {
	_, err := db.execOutside(ctx, `INSERT INTO log_checkpoints (size, note, signed_at) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM log_checkpoints WHERE size >= ?) ON CONFLICT (size) DO NOTHING`,
		size, string(note), formatTime(db.Now()), size)
	return err
}

// LogHeadOf returns an item's newest log entry (found false if none), for
// translog.Audit.
func (db *DB) LogHeadOf(ctx context.Context, typ, id string) (translog.Head, bool, error) {
	var h translog.Head
	var digest []byte
	err := db.logReads().queryRow(ctx, `SELECT idx, version, digest FROM log_entries WHERE type = ? AND item_id = ? ORDER BY version DESC LIMIT 1`, typ, id).
		Scan(&h.Index, &h.Version, &digest)
	if errors.Is(err, sql.ErrNoRows) {
		return h, false, nil
	}
	if err != nil {
		return h, false, db.wrap(err)
	}
	copy(h.Digest[:], digest)
	return h, true, nil
}

// LogIndex returns the index of an item's newest log entry (found false if
// it has none): what a page shows next to the item, with a link to
// /log/proof/inclusion?index=I&size=N.
func (db *DB) LogIndex(ctx context.Context, typ, id string) (index int64, found bool, err error) {
	err = db.queryRow(ctx, `SELECT idx FROM log_entries WHERE type = ? AND item_id = ? ORDER BY version DESC LIMIT 1`, typ, id).Scan(&index)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, db.wrap(err)
	}
	return index, true, nil
}

// preparedReads is a querier on a store's read pool whose statements are
// prepared once and kept: serving the log runs a handful of statements
// over and over (a tile, a bundle, a proof's hashes), as authentication
// does on every request, and preparing one costs as much as running it. The statements are kept per store in
// logStmts and closed when the store is garbage.
type preparedReads struct{ db *DB }

var (
	logStmts sync.Map // stmtKey → *sql.Stmt
	logDBs   sync.Map // weak.Pointer[DB] → struct{}: stores with a cleanup registered
)

type stmtKey struct {
	db    weak.Pointer[DB]
	query string
}

func (db *DB) logReads() preparedReads { return preparedReads{db} }

func (r preparedReads) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	wp := weak.Make(r.db)
	k := stmtKey{wp, query}
	if v, ok := logStmts.Load(k); ok {
		return v.(*sql.Stmt), nil
	}
	st, err := r.db.rdb.PrepareContext(ctx, r.db.bind(query))
	if err != nil {
		return nil, r.db.wrap(err)
	}
	if v, loaded := logStmts.LoadOrStore(k, st); loaded {
		st.Close()
		return v.(*sql.Stmt), nil
	}
	if _, loaded := logDBs.LoadOrStore(wp, struct{}{}); !loaded {
		runtime.AddCleanup(r.db, func(wp weak.Pointer[DB]) {
			logDBs.Delete(wp)
			logStmts.Range(func(k, v any) bool {
				if k.(stmtKey).db == wp {
					v.(*sql.Stmt).Close()
					logStmts.Delete(k)
				}
				return true
			})
		}, wp)
	}
	return st, nil
}

func (r preparedReads) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := r.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, r.db.wrap(err)
	}
	return rows, nil
}

func (r preparedReads) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := r.stmt(ctx, query)
	if err != nil {
		return r.db.queryRow(ctx, query, args...) // the error shows when the row is scanned
	}
	return st.QueryRowContext(ctx, args...)
}

// logPending is what a transaction published, appended to the log in one
// batch (translog.AppendBatch) just before it commits: a few statements
// for the whole transaction instead of a few per item, which matters for
// ingest, where every new contract is published.
type logPending struct {
	items []translog.Item
}

// flushLog appends the pending items; write calls it before committing.
func (tx *Tx) flushLog(ctx context.Context) error {
	if len(tx.log.items) == 0 {
		return nil
	}
	items := tx.log.items
	tx.log.items = nil
	_, err := translog.AppendBatch(ctx, tx, items)
	return err
}

var _ translog.BulkTx = (*Tx)(nil)

// LogHeads implements translog.BulkTx.
func (tx *Tx) LogHeads(ctx context.Context, typ string, ids []string) (map[string]translog.Head, error) {
	list, err := tx.db.d.ListArg(ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `SELECT item_id, idx, version, digest FROM log_entries WHERE type = ? AND `+tx.db.d.InList("item_id"), typ, list)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	heads := map[string]translog.Head{}
	for rows.Next() {
		var id string
		var h translog.Head
		var digest []byte
		if err := rows.Scan(&id, &h.Index, &h.Version, &digest); err != nil {
			return nil, err
		}
		copy(h.Digest[:], digest)
		if cur, ok := heads[id]; !ok || h.Version > cur.Version {
			heads[id] = h
		}
	}
	return heads, rows.Err()
}

// LogAppendMany implements translog.BulkTx: the entries and the hashes
// in multi-row INSERTs of up to 200 rows.
func (tx *Tx) LogAppendMany(ctx context.Context, recs []translog.Record, first int64, hashes []tlog.Hash) error {
	const chunk = 200 // rows a statement: 1,200 parameters at most
	for len(recs) > 0 {
		n := min(chunk, len(recs))
		args := make([]any, 0, 6*n)
		for _, r := range recs[:n] {
			args = append(args, r.Index, r.Type, r.ItemID, r.Version, r.Digest[:], r.Data)
		}
		if _, err := tx.exec(ctx, `INSERT INTO log_entries (idx, type, item_id, version, digest, data) VALUES (?, ?, ?, ?, ?, ?)`+
			strings.Repeat(`, (?, ?, ?, ?, ?, ?)`, n-1), args...); err != nil {
			return err
		}
		recs = recs[n:]
	}
	for done := 0; done < len(hashes); {
		n := min(chunk, len(hashes)-done)
		args := make([]any, 0, 3*n)
		for i := done; i < done+n; i++ {
			level, idx := tlog.SplitStoredHashIndex(first + int64(i))
			args = append(args, level, idx, hashes[i][:])
		}
		if _, err := tx.exec(ctx, `INSERT INTO log_hashes (level, n, hash) VALUES (?, ?, ?)`+strings.Repeat(`, (?, ?, ?)`, n-1), args...); err != nil {
			return err
		}
		done += n
	}
	return nil
}

// The publishing methods call these inside their transaction: each queues
// the item's public form for the log (nothing is added when it did not
// change).

// logDecision logs a recorded decision.
func (tx *Tx) logDecision(_ context.Context, d probity.Decision) error {
	tx.log.items = append(tx.log.items, translog.DecisionItem(d))
	return nil
}

// logFinding logs a finding's new version: its public form, or, when it
// became confidential after being public, that it was withdrawn.
func (tx *Tx) logFinding(ctx context.Context, f probity.Finding) error {
	_, published, err := tx.LogHead(ctx, translog.TypeFinding, strconv.FormatInt(f.ID, 10))
	if err != nil {
		return err
	}
	if item, ok := translog.FindingItem(f, published); ok {
		tx.log.items = append(tx.log.items, item)
	}
	return nil
}

// logPolicy logs a published policy version.
func (tx *Tx) logPolicy(_ context.Context, v probity.PolicyVersion) error {
	tx.log.items = append(tx.log.items, translog.PolicyItem(v))
	return nil
}

// logCase logs a case's outcome once it is decided.
func (tx *Tx) logCase(_ context.Context, c probity.Case) error {
	if c.State == probity.CaseDecided && c.Outcome != "" {
		tx.log.items = append(tx.log.items, translog.CaseOutcomeItem(c))
	}
	return nil
}

// logContract logs a contract's public summary when it is new or changed.
func (tx *Tx) logContract(_ context.Context, c probity.Contract) error {
	tx.log.items = append(tx.log.items, translog.ContractItem(c))
	return nil
}
