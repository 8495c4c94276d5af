package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/probity/probity"
)

// RecordDecision implements probity.DecisionStore.
func (db *DB) RecordDecision(ctx context.Context, d probity.Decision, input json.RawMessage) (probity.Decision, bool, error) {
	ds := []probity.Decision{d}
	recorded, err := db.recordDecisions(ctx, ds, []json.RawMessage{input})
	if err != nil {
		return d, false, err
	}
	return ds[0], recorded[0], nil
}

// RecordDecisions implements probity.DecisionStore.
func (db *DB) RecordDecisions(ctx context.Context, ds []probity.Decision, inputs []json.RawMessage) ([]bool, error) {
	return db.recordDecisions(ctx, slices.Clone(ds), inputs)
}

func (db *DB) recordDecisions(ctx context.Context, ds []probity.Decision, inputs []json.RawMessage) ([]bool, error) {
	if len(ds) != len(inputs) {
		return nil, fmt.Errorf("%s: %d decisions but %d inputs", db.d.Name, len(ds), len(inputs))
	}
	recorded := make([]bool, len(ds))
	now := db.Now()
	err := db.write(ctx, func(tx *Tx) error {
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
	err := tx.queryRow(ctx, `SELECT d.outcome, d.reasons FROM contract_latest_decision l JOIN decisions d ON d.id = l.decision_id WHERE l.contract_id = ?`,
		d.ContractID).Scan(&prevOutcome, &prevReasons)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return false, tx.db.wrap(err)
	case prevOutcome == d.Outcome && prevReasons == reasons:
		return false, nil
	}
	d.PreviousOutcome = prevOutcome
	d.ID, err = tx.insertID(ctx, `INSERT INTO decisions (contract_id, outcome, previous_outcome, reasons, policy_hash, input_hash, input, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, d.ContractID, d.Outcome, prevOutcome, reasons, d.PolicyHash, d.InputHash, string(input), formatTime(d.DecidedAt))
	if err != nil {
		return false, err
	}
	err = tx.put(ctx, `INSERT INTO contract_latest_decision (contract_id, decision_id) VALUES (?, ?)
		ON CONFLICT (contract_id) DO UPDATE SET decision_id = excluded.decision_id`, d.ContractID, d.ID)
	if err == nil {
		err = tx.logDecision(ctx, *d) // the transparency log, in this transaction
	}
	return true, err
}

const decisionColumns = `d.id, d.contract_id, d.outcome, d.previous_outcome, d.reasons, d.policy_hash, d.input_hash, d.decided_at`

func scanDecision(row scanner, extra ...any) (probity.Decision, error) {
	var d probity.Decision
	var reasons []byte
	var at string
	dest := append([]any{&d.ID, &d.ContractID, &d.Outcome, &d.PreviousOutcome, &reasons, &d.PolicyHash, &d.InputHash, &at}, extra...)
	if err := row.Scan(dest...); err != nil {
		return d, err
	}
	d.DecidedAt = parseTime(at)
	if err := json.Unmarshal(reasons, &d.Reasons); err != nil {
		return d, fmt.Errorf("decision %d reasons: %w", d.ID, err)
	}
	return d, nil
}

// Decision implements probity.DecisionStore.
func (db *DB) Decision(ctx context.Context, id int64) (*probity.Decision, json.RawMessage, error) {
	var input string
	d, err := scanDecision(db.queryRow(ctx, `SELECT `+decisionColumns+`, d.input FROM decisions d WHERE d.id = ?`, id), &input)
	if err != nil {
		return nil, nil, db.wrap(notFound(err, "decision %d not found", id))
	}
	return &d, json.RawMessage(input), nil
}

// Decisions implements probity.DecisionStore.
func (db *DB) Decisions(ctx context.Context, f probity.DecisionFilter) ([]probity.Decision, error) {
	query := `SELECT ` + decisionColumns + ` FROM decisions d`
	if f.LatestOnly {
		query += ` JOIN contract_latest_decision l ON l.decision_id = d.id`
	}
	query += ` WHERE true`
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
		query += limit(f.Limit)
	}
	return queryDecisions(ctx, db, query, args...)
}

func queryDecisions(ctx context.Context, q querier, query string, args ...any) ([]probity.Decision, error) {
	var out []probity.Decision
	err := eachRow(ctx, q, query, args, func(rows *sql.Rows) error {
		d, err := scanDecision(rows)
		out = append(out, d)
		return err
	})
	return out, err
}
