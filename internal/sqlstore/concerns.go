package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/probity/probity"
)

// Concerns raised by the public and the signatures that back them.

const concernQuery = `SELECT c.id, coalesce(c.contract_id, ''), coalesce(c.org_id, 0), c.text, c.raised_by, c.raised_at, c.threshold, c.status, coalesce(c.case_id, 0),
	(SELECT count(*) FROM concern_signatures s WHERE s.concern_id = c.id), coalesce(k.state, ''), coalesce(k.outcome, ''),
	coalesce((SELECT s.anonymous FROM concern_signatures s WHERE s.concern_id = c.id AND s.signer = c.raised_by), false)
	FROM concerns c LEFT JOIN cases k ON k.id = c.case_id`

func queryConcerns(ctx context.Context, q querier, f probity.ConcernFilter, id int64) ([]probity.Concern, error) {
	query, args := concernQuery+` WHERE true`, []any{}
	add := func(cond string, v any) {
		query += ` AND ` + cond
		args = append(args, v)
	}
	if id != 0 {
		add(`c.id = ?`, id)
	}
	if f.Status != "" {
		add(`c.status = ?`, f.Status)
	}
	if f.ContractID != "" {
		add(`c.contract_id = ?`, f.ContractID)
	}
	if f.OrgID != 0 {
		add(`c.org_id = ?`, f.OrgID)
	}
	if f.CaseID != 0 {
		add(`c.case_id = ?`, f.CaseID)
	}
	query += ` ORDER BY c.id`
	if f.Limit > 0 {
		query += limit(f.Limit)
	}
	var out []probity.Concern
	err := eachRow(ctx, q, query, args, func(rows *sql.Rows) error {
		var c probity.Concern
		var at string
		err := rows.Scan(&c.ID, &c.ContractID, &c.OrgID, &c.Text, &c.RaisedBy, &at, &c.Threshold, &c.Status, &c.CaseID,
			&c.Signatures, &c.CaseState, &c.CaseOutcome, &c.RaisedAnonymously)
		c.RaisedAt = parseTime(at)
		out = append(out, c)
		return err
	})
	return out, err
}

func oneConcern(ctx context.Context, q querier, id int64) (*probity.Concern, error) {
	list, err := queryConcerns(ctx, q, probity.ConcernFilter{}, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "concern %d not found", id)
	}
	return &list[0], nil
}

// Concern implements probity.ReviewStore.
func (db *DB) Concern(ctx context.Context, id int64) (*probity.Concern, error) {
	return oneConcern(ctx, db, id)
}

// Concerns implements probity.ReviewStore.
func (db *DB) Concerns(ctx context.Context, f probity.ConcernFilter) ([]probity.Concern, error) {
	return queryConcerns(ctx, db, f, 0)
}

// Concern implements probity.ReviewTx.
func (tx *Tx) Concern(ctx context.Context, id int64) (*probity.Concern, error) {
	return oneConcern(ctx, tx, id)
}

// Concerns implements probity.ReviewTx.
func (tx *Tx) Concerns(ctx context.Context, f probity.ConcernFilter) ([]probity.Concern, error) {
	return queryConcerns(ctx, tx, f, 0)
}

// CreateConcern implements probity.ReviewTx.
func (tx *Tx) CreateConcern(ctx context.Context, c probity.Concern) (probity.Concern, error) {
	if (c.ContractID == "") == (c.OrgID == 0) {
		return c, probity.Errorf(probity.EINVALID, "a concern is about a contract or an organization")
	}
	if c.ContractID != "" {
		if err := tx.contractExists(ctx, c.ContractID); err != nil {
			return c, err
		}
	} else if err := tx.orgExists(ctx, c.OrgID); err != nil {
		return c, err
	}
	if c.RaisedAt.IsZero() {
		c.RaisedAt = tx.db.Now()
	}
	var err error
	c.ID, err = tx.insertID(ctx, `INSERT INTO concerns (contract_id, org_id, text, raised_by, raised_at, threshold, status, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		nullString(c.ContractID), nullInt(c.OrgID), c.Text, c.RaisedBy, formatTime(c.RaisedAt), c.Threshold, c.Status, nullInt(c.CaseID))
	return c, err
}

// UpdateConcern implements probity.ReviewTx.
func (tx *Tx) UpdateConcern(ctx context.Context, c probity.Concern) error {
	n, err := tx.execN(ctx, `UPDATE concerns SET status = ?, case_id = ? WHERE id = ?`, c.Status, nullInt(c.CaseID), c.ID)
	if err != nil {
		return err
	}
	if n == 0 {
		return probity.Errorf(probity.ENOTFOUND, "concern %d not found", c.ID)
	}
	return nil
}

// AddSignature implements probity.ReviewTx. The primary key (concern,
// signer) is what enforces one signature per person.
func (tx *Tx) AddSignature(ctx context.Context, s probity.Signature) (probity.Signature, error) {
	if strings.TrimSpace(s.Signer) == "" {
		return s, probity.Errorf(probity.EINVALID, "a signature needs the signer's name")
	}
	if s.SignedAt.IsZero() {
		s.SignedAt = tx.db.Now()
	}
	n, err := tx.execN(ctx, `INSERT INTO concern_signatures (concern_id, signer, anonymous, signed_at) VALUES (?, ?, ?, ?) ON CONFLICT (concern_id, signer) DO NOTHING`,
		s.ConcernID, s.Signer, s.Anonymous, formatTime(s.SignedAt))
	if err != nil {
		return s, err
	}
	if n == 0 {
		return s, probity.Errorf(probity.ECONFLICT, "%s has already signed concern %d", s.Signer, s.ConcernID)
	}
	return s, nil
}

// Signatures implements probity.ReviewStore: in the order they were given.
func (db *DB) Signatures(ctx context.Context, concernID int64) ([]probity.Signature, error) {
	out, err := querySignatures(ctx, db, db.d, concernID)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if _, err := db.Concern(ctx, concernID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
