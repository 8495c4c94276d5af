package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/probity/probity"
)

// AppendAudit implements probity.AuditLog.
func (db *DB) AppendAudit(ctx context.Context, e probity.AuditEntry) (probity.AuditEntry, error) {
	err := db.Update(ctx, func(ptx probity.Tx) error {
		var err error
		e, err = ptx.(*Tx).AppendAudit(ctx, e)
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
	nullable := func(b []byte) any {
		if len(b) == 0 {
			return nil
		}
		return string(b)
	}
	res, err := tx.exec(ctx, `INSERT INTO audit_log (at, actor, action, object, before, after) VALUES (?, ?, ?, ?, ?, ?)`,
		formatTime(e.At), e.Actor, e.Action, e.Object, nullable(e.Before), nullable(e.After))
	if err != nil {
		return e, err
	}
	e.ID, err = res.LastInsertId()
	return e, err
}

// Audit implements probity.AuditLog.
func (db *DB) Audit(ctx context.Context, f probity.AuditFilter) ([]probity.AuditEntry, error) {
	query := `SELECT id, at, actor, action, object, ifnull(before, ''), ifnull(after, '') FROM audit_log WHERE 1 = 1`
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
			query += ` AND substr(object, 1, ?) = ?`
			args = append(args, len(f.Object), f.Object)
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
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.AuditEntry
	for rows.Next() {
		var e probity.AuditEntry
		var at, before, after string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Object, &before, &after); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		if before != "" {
			e.Before = []byte(before)
		}
		if after != "" {
			e.After = []byte(after)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
