package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/probity/probity"
)

// timeLayout sorts as text in time order (fixed width, UTC).
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// AddFinding implements probity.EvidenceStore.
func (db *DB) AddFinding(ctx context.Context, f probity.Finding) (probity.Finding, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		if err := tx.orgExists(ctx, f.OrgID); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `INSERT INTO findings (org_id, status, version, data) VALUES (?, ?, 1, '{}')`, f.OrgID, f.Status)
		if err != nil {
			return err
		}
		if f.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return tx.writeFinding(ctx, f, 1)
	})
	return f, err
}

// UpdateFinding implements probity.EvidenceStore.
func (db *DB) UpdateFinding(ctx context.Context, f probity.Finding) (probity.Finding, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		var version int
		err := tx.tx.QueryRowContext(ctx, `SELECT version FROM findings WHERE id = ?`, f.ID).Scan(&version)
		if errors.Is(err, sql.ErrNoRows) {
			return probity.Errorf(probity.ENOTFOUND, "finding %d not found", f.ID)
		}
		if err != nil {
			return err
		}
		if err := tx.orgExists(ctx, f.OrgID); err != nil {
			return err
		}
		return tx.writeFinding(ctx, f, version+1)
	})
	return f, err
}

func (tx *Tx) orgExists(ctx context.Context, id int64) error {
	var n int
	if err := tx.tx.QueryRowContext(ctx, `SELECT count(*) FROM organizations WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return probity.Errorf(probity.ENOTFOUND, "organization %d not found", id)
	}
	return nil
}

func (tx *Tx) writeFinding(ctx context.Context, f probity.Finding, version int) error {
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE findings SET org_id = ?, status = ?, version = ?, data = ? WHERE id = ?`,
		f.OrgID, f.Status, version, string(data), f.ID); err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO finding_history (finding_id, version, changed_at, author, data) VALUES (?, ?, ?, ?, ?)`,
		f.ID, version, formatTime(tx.db.Now()), f.Author, string(data))
	return err
}

// Finding implements probity.EvidenceStore.
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

// Findings implements probity.EvidenceStore.
func (db *DB) Findings(ctx context.Context, f probity.FindingFilter) ([]probity.Finding, error) {
	where, args := `WHERE 1 = 1`, []any{}
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
	rows, err := db.read.QueryContext(ctx, `SELECT data FROM findings `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Finding
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var f probity.Finding
		if err := json.Unmarshal([]byte(data), &f); err != nil {
			return nil, fmt.Errorf("sqlite: finding: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FindingHistory implements probity.EvidenceStore.
func (db *DB) FindingHistory(ctx context.Context, id int64) ([]probity.FindingVersion, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT version, changed_at, author, data FROM finding_history WHERE finding_id = ? ORDER BY version`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.FindingVersion
	for rows.Next() {
		var v probity.FindingVersion
		var at, data string
		if err := rows.Scan(&v.Version, &at, &v.Author, &data); err != nil {
			return nil, err
		}
		v.ChangedAt = parseTime(at)
		if err := json.Unmarshal([]byte(data), &v.Finding); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "finding %d not found", id)
	}
	return out, nil
}

// PublishPolicy implements probity.EvidenceStore.
func (db *DB) PublishPolicy(ctx context.Context, v probity.PolicyVersion) (probity.PolicyVersion, error) {
	if cur, err := db.CurrentPolicy(ctx); err == nil && cur.Hash == v.Hash {
		return *cur, nil
	}
	if v.PublishedAt.IsZero() {
		v.PublishedAt = db.Now()
	}
	files, err := json.Marshal(v.Files)
	if err != nil {
		return v, err
	}
	err = db.Update(ctx, func(ptx probity.Tx) error {
		res, err := ptx.(*Tx).exec(ctx, `INSERT INTO policy_versions (hash, author, published_at, files) VALUES (?, ?, ?, ?)`,
			v.Hash, v.Author, formatTime(v.PublishedAt), string(files))
		if err != nil {
			return err
		}
		v.ID, err = res.LastInsertId()
		return err
	})
	return v, err
}

// CurrentPolicy implements probity.EvidenceStore.
func (db *DB) CurrentPolicy(ctx context.Context) (*probity.PolicyVersion, error) {
	list, err := db.policyVersions(ctx, `ORDER BY id DESC LIMIT 1`)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "no policy has been published: run 'probity policy publish DIR'")
	}
	return &list[0], nil
}

// PolicyVersions implements probity.EvidenceStore.
func (db *DB) PolicyVersions(ctx context.Context) ([]probity.PolicyVersion, error) {
	return db.policyVersions(ctx, `ORDER BY id`)
}

func (db *DB) policyVersions(ctx context.Context, tail string) ([]probity.PolicyVersion, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, hash, author, published_at, files FROM policy_versions `+tail)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.PolicyVersion
	for rows.Next() {
		var v probity.PolicyVersion
		var at, files string
		if err := rows.Scan(&v.ID, &v.Hash, &v.Author, &at, &files); err != nil {
			return nil, err
		}
		v.PublishedAt = parseTime(at)
		if err := json.Unmarshal([]byte(files), &v.Files); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// RecordDecision implements probity.EvidenceStore.
func (db *DB) RecordDecision(ctx context.Context, d probity.Decision, input json.RawMessage) (probity.Decision, bool, error) {
	ds := []probity.Decision{d}
	recorded, err := db.recordDecisions(ctx, ds, []json.RawMessage{input})
	if err != nil {
		return d, false, err
	}
	return ds[0], recorded[0], nil
}

// RecordDecisions implements probity.EvidenceStore.
func (db *DB) RecordDecisions(ctx context.Context, ds []probity.Decision, inputs []json.RawMessage) ([]bool, error) {
	return db.recordDecisions(ctx, slices.Clone(ds), inputs)
}

func (db *DB) recordDecisions(ctx context.Context, ds []probity.Decision, inputs []json.RawMessage) ([]bool, error) {
	if len(ds) != len(inputs) {
		return nil, fmt.Errorf("sqlite: %d decisions but %d inputs", len(ds), len(inputs))
	}
	recorded := make([]bool, len(ds))
	now := db.Now()
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		for i := range ds {
			d := &ds[i]
			reasons, err := d.PrepareRecord(now)
			if err != nil {
				return err
			}
			if recorded[i], err = tx.recordDecision(ctx, d, reasons, inputs[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return recorded, err
}

// recordDecision writes a decision inside a transaction unless it repeats
// the contract's latest one.
func (tx *Tx) recordDecision(ctx context.Context, d *probity.Decision, reasons string, input json.RawMessage) (bool, error) {
	s, err := tx.stmt(ctx, `SELECT d.outcome, d.reasons FROM contract_latest_decision l JOIN decisions d ON d.id = l.decision_id WHERE l.contract_id = ?`)
	if err != nil {
		return false, err
	}
	var prevOutcome, prevReasons string
	err = s.QueryRowContext(ctx, d.ContractID).Scan(&prevOutcome, &prevReasons)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return false, err
	case prevOutcome == d.Outcome && prevReasons == reasons:
		return false, nil
	}
	d.PreviousOutcome = prevOutcome
	res, err := tx.exec(ctx, `INSERT INTO decisions (contract_id, outcome, previous_outcome, reasons, policy_hash, input_hash, input, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.ContractID, d.Outcome, prevOutcome, reasons, d.PolicyHash, d.InputHash, string(input), formatTime(d.DecidedAt))
	if err != nil {
		return false, err
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return false, err
	}
	_, err = tx.exec(ctx, `INSERT INTO contract_latest_decision (contract_id, decision_id) VALUES (?, ?)
		ON CONFLICT (contract_id) DO UPDATE SET decision_id = excluded.decision_id`, d.ContractID, d.ID)
	return true, err
}

const decisionColumns = `d.id, d.contract_id, d.outcome, d.previous_outcome, d.reasons, d.policy_hash, d.input_hash, d.decided_at`

func scanDecision(row interface{ Scan(...any) error }) (probity.Decision, error) {
	var d probity.Decision
	var reasons, at string
	if err := row.Scan(&d.ID, &d.ContractID, &d.Outcome, &d.PreviousOutcome, &reasons, &d.PolicyHash, &d.InputHash, &at); err != nil {
		return d, err
	}
	d.DecidedAt = parseTime(at)
	err := json.Unmarshal([]byte(reasons), &d.Reasons)
	return d, err
}

// Decision implements probity.EvidenceStore.
func (db *DB) Decision(ctx context.Context, id int64) (*probity.Decision, json.RawMessage, error) {
	row := db.read.QueryRowContext(ctx, `SELECT `+decisionColumns+`, d.input FROM decisions d WHERE d.id = ?`, id)
	var d probity.Decision
	var reasons, at, input string
	err := row.Scan(&d.ID, &d.ContractID, &d.Outcome, &d.PreviousOutcome, &reasons, &d.PolicyHash, &d.InputHash, &at, &input)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, probity.Errorf(probity.ENOTFOUND, "decision %d not found", id)
	}
	if err != nil {
		return nil, nil, err
	}
	d.DecidedAt = parseTime(at)
	if err := json.Unmarshal([]byte(reasons), &d.Reasons); err != nil {
		return nil, nil, err
	}
	return &d, json.RawMessage(input), nil
}

// Decisions implements probity.EvidenceStore.
func (db *DB) Decisions(ctx context.Context, f probity.DecisionFilter) ([]probity.Decision, error) {
	query := `SELECT ` + decisionColumns + ` FROM decisions d`
	if f.LatestOnly {
		query += ` JOIN contract_latest_decision l ON l.decision_id = d.id`
	}
	query += ` WHERE 1 = 1`
	var args []any
	if f.ContractID != "" {
		query += ` AND d.contract_id = ?`
		args = append(args, f.ContractID)
	}
	if f.Outcome != "" {
		query += ` AND d.outcome = ?`
		args = append(args, f.Outcome)
	}
	if !f.Since.IsZero() {
		query += ` AND d.decided_at > ?`
		args = append(args, formatTime(f.Since))
	}
	query += ` ORDER BY d.id`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Decision
	for rows.Next() {
		d, err := scanDecision(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ForEachParty implements probity.EvidenceStore.
func (db *DB) ForEachParty(ctx context.Context, fn func(probity.PartyRow) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT id, buyer_id, 'buyer' FROM contracts WHERE buyer_id IS NOT NULL
		UNION ALL SELECT contract_id, org_id, role FROM contract_parties`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p probity.PartyRow
		if err := rows.Scan(&p.ContractID, &p.OrgID, &p.Role); err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ForEachRelationship implements probity.EvidenceStore.
func (db *DB) ForEachRelationship(ctx context.Context, fn func(probity.Relationship) error) error {
	rows, err := db.read.QueryContext(ctx, `SELECT id, from_id, ifnull(to_id, 0), ifnull(contract_id, ''), kind, source, start_date, end_date FROM relationships ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r probity.Relationship
		if err := rows.Scan(&r.ID, &r.From, &r.To, &r.ContractID, &r.Kind, &r.Source, &r.Start, &r.End); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// AddRelationship implements probity.EvidenceStore.
func (db *DB) AddRelationship(ctx context.Context, r probity.Relationship) (bool, error) {
	added := false
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		if err := tx.orgExists(ctx, r.From); err != nil {
			return err
		}
		if r.To != 0 {
			if err := tx.orgExists(ctx, r.To); err != nil {
				return err
			}
		}
		if r.ContractID != "" {
			if _, err := tx.Contract(ctx, r.ContractID); err != nil {
				return err
			}
		}
		var to, contract any
		if r.To != 0 {
			to = r.To
		}
		if r.ContractID != "" {
			contract = r.ContractID
		}
		res, err := tx.exec(ctx, `INSERT INTO relationships (from_id, to_id, contract_id, kind, source, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			r.From, to, contract, r.Kind, r.Source, r.Start, r.End)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		added = n > 0
		return err
	})
	return added, err
}
