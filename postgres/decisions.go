package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/probity/probity"
)

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
		return nil, fmt.Errorf("postgres: %d decisions but %d inputs", len(ds), len(inputs))
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
	var prevOutcome, prevReasons string
	err := tx.tx.QueryRow(ctx, `SELECT d.outcome, d.reasons FROM contract_latest_decision l JOIN decisions d ON d.id = l.decision_id WHERE l.contract_id = $1`,
		d.ContractID).Scan(&prevOutcome, &prevReasons)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return false, err
	case prevOutcome == d.Outcome && prevReasons == reasons:
		return false, nil
	}
	d.PreviousOutcome = prevOutcome
	d.ID, err = tx.insertID(ctx, `INSERT INTO decisions (contract_id, outcome, previous_outcome, reasons, policy_hash, input_hash, input, decided_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, d.ContractID, d.Outcome, prevOutcome, reasons, d.PolicyHash, d.InputHash, string(input), formatTime(d.DecidedAt))
	if err != nil {
		return false, err
	}
	_, err = tx.exec(ctx, `INSERT INTO contract_latest_decision (contract_id, decision_id) VALUES ($1, $2)
		ON CONFLICT (contract_id) DO UPDATE SET decision_id = excluded.decision_id`, d.ContractID, d.ID)
	return true, err
}

const decisionColumns = `d.id, d.contract_id, d.outcome, d.previous_outcome, d.reasons, d.policy_hash, d.input_hash, d.decided_at`

func scanDecision(row pgx.Row, extra ...any) (probity.Decision, error) {
	var d probity.Decision
	var reasons []byte
	var at string
	dest := append([]any{&d.ID, &d.ContractID, &d.Outcome, &d.PreviousOutcome, &reasons, &d.PolicyHash, &d.InputHash, &at}, extra...)
	if err := row.Scan(dest...); err != nil {
		return d, err
	}
	d.DecidedAt = parseTime(at)
	if err := json.Unmarshal(reasons, &d.Reasons); err != nil {
		return d, fmt.Errorf("postgres: decision %d reasons: %w", d.ID, err)
	}
	return d, nil
}

// Decision implements probity.EvidenceStore.
func (db *DB) Decision(ctx context.Context, id int64) (*probity.Decision, json.RawMessage, error) {
	var input string
	d, err := scanDecision(db.pool.QueryRow(ctx, `SELECT `+decisionColumns+`, d.input FROM decisions d WHERE d.id = $1`, id), &input)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, probity.Errorf(probity.ENOTFOUND, "decision %d not found", id)
	}
	if err != nil {
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
	query += ` WHERE true`
	var p params
	if f.ContractID != "" {
		query += ` AND d.contract_id = ` + p.add(f.ContractID)
	}
	if f.Outcome != "" {
		query += ` AND d.outcome = ` + p.add(f.Outcome)
	}
	if !f.Since.IsZero() {
		query += ` AND d.decided_at > ` + p.add(formatTime(f.Since))
	}
	query += ` ORDER BY d.id`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	return queryDecisions(ctx, db.pool, query, p.args...)
}

func queryDecisions(ctx context.Context, q querier, query string, args ...any) ([]probity.Decision, error) {
	rows, err := q.Query(ctx, query, args...)
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
	rows, err := db.pool.Query(ctx, `SELECT id, buyer_id, 'buyer' FROM contracts WHERE buyer_id IS NOT NULL
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
	rows, err := db.pool.Query(ctx, `SELECT `+relationshipColumns+` FROM relationships ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRelationship(rows)
		if err != nil {
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
		var err error
		added, err = tx.putRelationship(ctx, r)
		return err
	})
	return added, err
}
