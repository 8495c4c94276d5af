package postgres

import (
	"context"
	"encoding/json"
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
	var err error
	e.ID, err = tx.insertID(ctx, `INSERT INTO audit_log (at, actor, action, object, before, after) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		formatTime(e.At), e.Actor, e.Action, e.Object, nullable(e.Before), nullable(e.After))
	return e, err
}

// audit appends an audit entry with before and after as JSON (nil: null).
func (tx *Tx) audit(ctx context.Context, actor, action, object string, before, after any) error {
	e := probity.AuditEntry{Actor: actor, Action: action, Object: object}
	if before != nil {
		b, err := json.Marshal(before)
		if err != nil {
			return err
		}
		e.Before = b
	}
	if after != nil {
		b, err := json.Marshal(after)
		if err != nil {
			return err
		}
		e.After = b
	}
	_, err := tx.AppendAudit(ctx, e)
	return err
}

// Audit implements probity.AuditLog.
func (db *DB) Audit(ctx context.Context, f probity.AuditFilter) ([]probity.AuditEntry, error) {
	query := `SELECT id, at, actor, action, object, coalesce(before, ''), coalesce(after, '') FROM audit_log WHERE true`
	var p params
	if f.Actor != "" {
		query += ` AND actor = ` + p.add(f.Actor)
	}
	if f.Action != "" {
		query += ` AND action = ` + p.add(f.Action)
	}
	if f.Object != "" {
		if strings.HasSuffix(f.Object, ":") {
			// A kind prefix as a range ("case:" ≤ object < "case;"), which
			// the (object, id) index serves; text compares bytewise (C).
			upper := strings.TrimSuffix(f.Object, ":") + ";"
			query += ` AND object >= ` + p.add(f.Object) + ` AND object < ` + p.add(upper)
		} else {
			query += ` AND object = ` + p.add(f.Object)
		}
	}
	if !f.Since.IsZero() {
		query += ` AND at > ` + p.add(formatTime(f.Since))
	}
	query += ` ORDER BY id`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := db.pool.Query(ctx, query, p.args...)
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
