package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/probity/probity"
)

// AddFinding implements probity.FindingStore.
func (db *DB) AddFinding(ctx context.Context, f probity.Finding) (probity.Finding, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.orgExists(ctx, f.OrgID); err != nil {
			return err
		}
		var err error
		if f.ID, err = tx.insertID(ctx, `INSERT INTO findings (org_id, status, version, data) VALUES (?, ?, 1, '{}') RETURNING id`, f.OrgID, f.Status); err != nil {
			return err
		}
		if err := tx.writeFinding(ctx, f, 1); err != nil {
			return err
		}
		return tx.audit(ctx, authorOf(f.Author), "finding.add", findingObject(f.ID), nil, f)
	})
	return f, err
}

// UpdateFinding implements probity.FindingStore.
func (db *DB) UpdateFinding(ctx context.Context, f probity.Finding) (probity.Finding, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	err := db.write(ctx, func(tx *Tx) error {
		var version int
		var before []byte
		if err := tx.queryRow(ctx, `SELECT version, data FROM findings WHERE id = ?`, f.ID).Scan(&version, &before); err != nil {
			return tx.db.wrap(notFound(err, "finding %d not found", f.ID))
		}
		if err := tx.orgExists(ctx, f.OrgID); err != nil {
			return err
		}
		if err := tx.writeFinding(ctx, f, version+1); err != nil {
			return err
		}
		return tx.audit(ctx, authorOf(f.Author), "finding.update", findingObject(f.ID), json.RawMessage(before), f)
	})
	return f, err
}

// writeFinding stores f as its version and adds it to its history.
func (tx *Tx) writeFinding(ctx context.Context, f probity.Finding, version int) error {
	data, err := jsonText(f)
	if err != nil {
		return err
	}
	if err := tx.put(ctx, `UPDATE findings SET org_id = ?, status = ?, version = ?, data = ? WHERE id = ?`,
		f.OrgID, f.Status, version, data, f.ID); err != nil {
		return err
	}
	err = tx.put(ctx, `INSERT INTO finding_history (finding_id, version, changed_at, author, data) VALUES (?, ?, ?, ?, ?)`,
		f.ID, version, formatTime(tx.db.Now()), f.Author, data)
	if err == nil {
		err = tx.logFinding(ctx, f) // the transparency log, in this transaction
	}
	return err
}

// Finding implements probity.FindingStore.
func (db *DB) Finding(ctx context.Context, id int64) (*probity.Finding, error) {
	list, err := db.findings(ctx, `WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "finding %d not found", id)
	}
	return &list[0], nil
}

// Findings implements probity.FindingStore.
func (db *DB) Findings(ctx context.Context, f probity.FindingFilter) ([]probity.Finding, error) {
	where, args := `WHERE true`, []any{}
	if f.OrgID != 0 {
		where += ` AND org_id = ?`
		args = append(args, f.OrgID)
	}
	if f.Status != "" {
		where += ` AND status = ?`
		args = append(args, f.Status)
	}
	return db.findings(ctx, where, args...)
}

func (db *DB) findings(ctx context.Context, where string, args ...any) ([]probity.Finding, error) {
	var out []probity.Finding
	err := eachRow(ctx, db, `SELECT data FROM findings `+where+` ORDER BY id`, args, func(rows *sql.Rows) error {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return err
		}
		var f probity.Finding
		if err := json.Unmarshal(data, &f); err != nil {
			return fmt.Errorf("%s: finding: %w", db.d.Name, err)
		}
		out = append(out, f)
		return nil
	})
	return out, err
}

// FindingHistory implements probity.FindingStore.
func (db *DB) FindingHistory(ctx context.Context, id int64) ([]probity.FindingVersion, error) {
	var out []probity.FindingVersion
	err := eachRow(ctx, db, `SELECT version, changed_at, author, data FROM finding_history WHERE finding_id = ? ORDER BY version`, []any{id}, func(rows *sql.Rows) error {
		var v probity.FindingVersion
		var at string
		var data []byte
		if err := rows.Scan(&v.Version, &at, &v.Author, &data); err != nil {
			return err
		}
		v.ChangedAt = parseTime(at)
		if err := json.Unmarshal(data, &v.Finding); err != nil {
			return fmt.Errorf("%s: finding %d history: %w", db.d.Name, id, err)
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "finding %d not found", id)
	}
	return out, nil
}

func findingObject(id int64) string { return fmt.Sprintf("finding:%d", id) }

// authorOf is the audit actor of a change made in an author's name.
func authorOf(author string) string {
	if author == "" {
		return "unknown"
	}
	return author
}
