package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/probity/probity"
)

// AppendAudit implements probity.AuditLog.
func (db *DB) AppendAudit(ctx context.Context, e probity.AuditEntry) (probity.AuditEntry, error) {
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		e, err = tx.AppendAudit(ctx, e)
		return err
	})
	return e, err
}

// AppendAudit appends an audit entry inside the transaction, so that a
// change and its audit entry are written together or not at all.
func (tx *Tx) AppendAudit(ctx context.Context, e probity.AuditEntry) (probity.AuditEntry, error) {
	if err := e.Validate(); err != nil {
		return e, err
	}
	if e.At.IsZero() {
		e.At = tx.db.Now()
	}
	var err error
	e.ID, err = tx.insertID(ctx, `INSERT INTO audit_log (at, actor, action, object, before, after) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		formatTime(e.At), e.Actor, e.Action, e.Object, nullBytes(e.Before), nullBytes(e.After))
	return e, err
}

// audit appends an audit entry with before and after as JSON (nil: null).
func (tx *Tx) audit(ctx context.Context, actor, action, object string, before, after any) error {
	return tx.record(ctx)(probity.NewAuditEntry(actor, action, object, before, after))
}

// record returns what appends the entry an audit rule of the domain made
// (probity.UserCreated, …), or returns the rule's error.
func (tx *Tx) record(ctx context.Context) func(probity.AuditEntry, error) error {
	return func(e probity.AuditEntry, err error) error {
		if err == nil {
			_, err = tx.AppendAudit(ctx, e)
		}
		return err
	}
}

// Audit implements probity.AuditLog.
func (db *DB) Audit(ctx context.Context, f probity.AuditFilter) ([]probity.AuditEntry, error) {
	query := `SELECT id, at, actor, action, object, coalesce(before, ''), coalesce(after, '') FROM audit_log WHERE true`
	var args []any
	if f.Actor != "" {
		query += ` AND actor = ?`
		args = append(args, f.Actor)
	}
	if f.Action != "" {
		query += ` AND action = ?`
		args = append(args, f.Action)
	}
	if f.Object != "" {
		if strings.HasSuffix(f.Object, ":") {
			// A kind prefix as a range ("case:" ≤ object < "case;"), which
			// the (object, id) index serves; text compares bytewise.
			query += ` AND object >= ? AND object < ?`
			args = append(args, f.Object, strings.TrimSuffix(f.Object, ":")+";")
		} else {
			query += ` AND object = ?`
			args = append(args, f.Object)
		}
	}
	if !f.Since.IsZero() {
		query += ` AND at > ?`
		args = append(args, formatTime(f.Since))
	}
	query += ` ORDER BY id`
	if f.Limit > 0 {
		query += limit(f.Limit)
	}
	var out []probity.AuditEntry
	err := eachRow(ctx, db, query, args, func(rows *sql.Rows) error {
		var e probity.AuditEntry
		var at, before, after string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Object, &before, &after); err != nil {
			return err
		}
		e.At = parseTime(at)
		if before != "" {
			e.Before = []byte(before)
		}
		if after != "" {
			e.After = []byte(after)
		}
		out = append(out, e)
		return nil
	})
	return out, err
}
