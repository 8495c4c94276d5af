package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/probity/probity"
)

var _ probity.ReviewTx = (*Tx)(nil)

// UpdateReview implements probity.ReviewStore.
func (db *DB) UpdateReview(ctx context.Context, fn func(probity.ReviewTx) error) error {
	return db.Update(ctx, func(ptx probity.Tx) error { return fn(ptx.(*Tx)) })
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

// Cases.

const caseColumns = `id, coalesce(contract_id, ''), coalesce(org_id, 0), origin, coalesce(decision_id, 0), decision_outcome, state, priority,
	requested_by, assignee, outcome, conditions, decided_by, decided_at, first_by, first_outcome, first_conditions, first_at,
	opened_at, due_at, updated_at`

func scanCase(row interface{ Scan(...any) error }) (probity.Case, error) {
	var c probity.Case
	var decidedAt, firstBy, firstOutcome, firstConditions, firstAt, openedAt, dueAt, updatedAt string
	err := row.Scan(&c.ID, &c.ContractID, &c.OrgID, &c.Origin, &c.DecisionID, &c.DecisionOutcome, &c.State, &c.Priority,
		&c.RequestedBy, &c.Assignee, &c.Outcome, &c.Conditions, &c.DecidedBy, &decidedAt, &firstBy, &firstOutcome, &firstConditions, &firstAt,
		&openedAt, &dueAt, &updatedAt)
	if err != nil {
		return c, err
	}
	c.DecidedAt = parseOptTime(decidedAt)
	c.OpenedAt, c.DueAt, c.UpdatedAt = parseTime(openedAt), parseTime(dueAt), parseTime(updatedAt)
	if firstBy != "" {
		c.FirstApproval = &probity.Approval{By: firstBy, Outcome: firstOutcome, Conditions: firstConditions, At: parseOptTime(firstAt)}
	}
	return c, nil
}

func caseWhere(f probity.CaseFilter, p *params) string {
	where := ` WHERE true`
	if f.State != "" {
		where += ` AND state = ` + p.add(f.State)
	}
	if f.ContractID != "" {
		where += ` AND contract_id = ` + p.add(f.ContractID)
	}
	if f.Assignee != "" {
		where += ` AND assignee = ` + p.add(f.Assignee)
	}
	if !f.OverdueAt.IsZero() {
		where += ` AND state <> 'decided' AND due_at < ` + p.add(formatTime(f.OverdueAt))
	}
	where += ` ORDER BY id`
	if f.Limit > 0 {
		where += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	return where
}

func queryCases(ctx context.Context, q querier, where string, args ...any) ([]probity.Case, error) {
	rows, err := q.Query(ctx, `SELECT `+caseColumns+` FROM cases`+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func oneCase(ctx context.Context, q querier, id int64) (*probity.Case, error) {
	list, err := queryCases(ctx, q, ` WHERE id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "case %d not found", id)
	}
	return &list[0], nil
}

func cases(ctx context.Context, q querier, f probity.CaseFilter) ([]probity.Case, error) {
	var p params
	where := caseWhere(f, &p)
	return queryCases(ctx, q, where, p.args...)
}

// Case implements probity.ReviewStore.
func (db *DB) Case(ctx context.Context, id int64) (*probity.Case, error) {
	return oneCase(ctx, db.pool, id)
}

// Cases implements probity.ReviewStore.
func (db *DB) Cases(ctx context.Context, f probity.CaseFilter) ([]probity.Case, error) {
	return cases(ctx, db.pool, f)
}

// Case implements probity.ReviewTx.
func (tx *Tx) Case(ctx context.Context, id int64) (*probity.Case, error) {
	return oneCase(ctx, tx.tx, id)
}

// Cases implements probity.ReviewTx.
func (tx *Tx) Cases(ctx context.Context, f probity.CaseFilter) ([]probity.Case, error) {
	return cases(ctx, tx.tx, f)
}

func caseArgs(c probity.Case) []any {
	var first probity.Approval
	if c.FirstApproval != nil {
		first = *c.FirstApproval
	}
	return []any{nullString(c.ContractID), nullInt(c.OrgID), c.Origin, nullInt(c.DecisionID), c.DecisionOutcome, c.State, c.Priority,
		c.RequestedBy, c.Assignee, c.Outcome, c.Conditions, c.DecidedBy, optTime(c.DecidedAt),
		first.By, first.Outcome, first.Conditions, optTime(first.At),
		formatTime(c.OpenedAt), formatTime(c.DueAt), formatTime(c.UpdatedAt)}
}

// CreateCase implements probity.ReviewTx.
func (tx *Tx) CreateCase(ctx context.Context, c probity.Case) (probity.Case, error) {
	if c.ContractID != "" {
		var found bool
		var open *int64
		err := tx.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM contracts WHERE id = $1), (SELECT min(id) FROM cases WHERE contract_id = $1 AND state <> 'decided')`,
			c.ContractID).Scan(&found, &open)
		if err != nil {
			return c, fmt.Errorf("postgres: %w", err)
		}
		if !found {
			return c, probity.Errorf(probity.ENOTFOUND, "contract %q not found", c.ContractID)
		}
		if open != nil {
			return c, probity.Errorf(probity.ECONFLICT, "contract %s already has an undecided case: %d", c.ContractID, *open)
		}
	} else if err := tx.orgExists(ctx, c.OrgID); err != nil {
		return c, err
	}
	var err error
	c.ID, err = tx.insertID(ctx, `INSERT INTO cases (contract_id, org_id, origin, decision_id, decision_outcome, state, priority,
		requested_by, assignee, outcome, conditions, decided_by, decided_at, first_by, first_outcome, first_conditions, first_at,
		opened_at, due_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
		RETURNING id`, caseArgs(c)...)
	if isUniqueViolation(err) {
		return c, probity.Errorf(probity.ECONFLICT, "contract %s already has an undecided case", c.ContractID)
	}
	return c, err
}

// UpdateCase implements probity.ReviewTx.
func (tx *Tx) UpdateCase(ctx context.Context, c probity.Case) error {
	tag, err := tx.exec(ctx, `UPDATE cases SET contract_id = $1, org_id = $2, origin = $3, decision_id = $4, decision_outcome = $5, state = $6, priority = $7,
		requested_by = $8, assignee = $9, outcome = $10, conditions = $11, decided_by = $12, decided_at = $13,
		first_by = $14, first_outcome = $15, first_conditions = $16, first_at = $17, opened_at = $18, due_at = $19, updated_at = $20 WHERE id = $21`,
		append(caseArgs(c), c.ID)...)
	if isUniqueViolation(err) {
		return probity.Errorf(probity.ECONFLICT, "contract %s already has an undecided case", c.ContractID)
	}
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return probity.Errorf(probity.ENOTFOUND, "case %d not found", c.ID)
	}
	return nil
}

// Comments and evidence.

func queryComments(ctx context.Context, q querier, caseID int64) ([]probity.CaseComment, error) {
	rows, err := q.Query(ctx, `SELECT id, case_id, author, text, at FROM case_comments WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.CaseComment
	for rows.Next() {
		var c probity.CaseComment
		var at string
		if err := rows.Scan(&c.ID, &c.CaseID, &c.Author, &c.Text, &at); err != nil {
			return nil, err
		}
		c.At = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
}

// CaseComments implements probity.ReviewStore.
func (db *DB) CaseComments(ctx context.Context, caseID int64) ([]probity.CaseComment, error) {
	return queryComments(ctx, db.pool, caseID)
}

// CaseEvidence implements probity.ReviewStore.
func (db *DB) CaseEvidence(ctx context.Context, caseID int64) ([]probity.CaseEvidence, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, case_id, kind, coalesce(finding_id, 0), url, title, added_by, at FROM case_evidence WHERE case_id = $1 ORDER BY id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.CaseEvidence
	for rows.Next() {
		var e probity.CaseEvidence
		var at string
		if err := rows.Scan(&e.ID, &e.CaseID, &e.Kind, &e.FindingID, &e.URL, &e.Title, &e.AddedBy, &at); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// AddCaseComment implements probity.ReviewTx.
func (tx *Tx) AddCaseComment(ctx context.Context, c probity.CaseComment) (probity.CaseComment, error) {
	if c.At.IsZero() {
		c.At = tx.db.Now()
	}
	var err error
	c.ID, err = tx.insertID(ctx, `INSERT INTO case_comments (case_id, author, text, at) VALUES ($1, $2, $3, $4) RETURNING id`, c.CaseID, c.Author, c.Text, formatTime(c.At))
	return c, err
}

// AddCaseEvidence implements probity.ReviewTx.
func (tx *Tx) AddCaseEvidence(ctx context.Context, e probity.CaseEvidence) (probity.CaseEvidence, error) {
	if e.At.IsZero() {
		e.At = tx.db.Now()
	}
	if e.Kind == probity.EvidenceFinding {
		if err := tx.exists(ctx, `SELECT EXISTS (SELECT 1 FROM findings WHERE id = $1)`, e.FindingID, "finding %d not found"); err != nil {
			return e, err
		}
	}
	var err error
	e.ID, err = tx.insertID(ctx, `INSERT INTO case_evidence (case_id, kind, finding_id, url, title, added_by, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		e.CaseID, e.Kind, nullInt(e.FindingID), e.URL, e.Title, e.AddedBy, formatTime(e.At))
	return e, err
}

// DecisionsForReview implements probity.ReviewTx.
func (tx *Tx) DecisionsForReview(ctx context.Context) ([]probity.Decision, error) {
	return queryDecisions(ctx, tx.tx, `SELECT `+decisionColumns+` FROM contract_latest_decision l
		JOIN decisions d ON d.id = l.decision_id
		JOIN contracts c ON c.id = l.contract_id
		WHERE c.status <> 'cancelled' AND (d.outcome IN ('review', 'deny')
			OR EXISTS (SELECT 1 FROM cases k WHERE k.contract_id = l.contract_id AND k.state <> 'decided'))
		ORDER BY l.contract_id`)
}

// Concerns.

const concernQuery = `SELECT c.id, coalesce(c.contract_id, ''), coalesce(c.org_id, 0), c.text, c.raised_by, c.raised_at, c.threshold, c.status, coalesce(c.case_id, 0),
	(SELECT count(*) FROM concern_signatures s WHERE s.concern_id = c.id), coalesce(k.state, ''), coalesce(k.outcome, ''),
	coalesce((SELECT s.anonymous FROM concern_signatures s WHERE s.concern_id = c.id AND s.signer = c.raised_by), false)
	FROM concerns c LEFT JOIN cases k ON k.id = c.case_id`

func queryConcerns(ctx context.Context, q querier, f probity.ConcernFilter, id int64) ([]probity.Concern, error) {
	query := concernQuery + ` WHERE true`
	var p params
	if id != 0 {
		query += ` AND c.id = ` + p.add(id)
	}
	if f.Status != "" {
		query += ` AND c.status = ` + p.add(f.Status)
	}
	if f.ContractID != "" {
		query += ` AND c.contract_id = ` + p.add(f.ContractID)
	}
	if f.OrgID != 0 {
		query += ` AND c.org_id = ` + p.add(f.OrgID)
	}
	if f.CaseID != 0 {
		query += ` AND c.case_id = ` + p.add(f.CaseID)
	}
	query += ` ORDER BY c.id`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := q.Query(ctx, query, p.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Concern
	for rows.Next() {
		var c probity.Concern
		var at string
		if err := rows.Scan(&c.ID, &c.ContractID, &c.OrgID, &c.Text, &c.RaisedBy, &at, &c.Threshold, &c.Status, &c.CaseID,
			&c.Signatures, &c.CaseState, &c.CaseOutcome, &c.RaisedAnonymously); err != nil {
			return nil, err
		}
		c.RaisedAt = parseTime(at)
		out = append(out, c)
	}
	return out, rows.Err()
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
	return oneConcern(ctx, db.pool, id)
}

// Concerns implements probity.ReviewStore.
func (db *DB) Concerns(ctx context.Context, f probity.ConcernFilter) ([]probity.Concern, error) {
	return queryConcerns(ctx, db.pool, f, 0)
}

// Concern implements probity.ReviewTx.
func (tx *Tx) Concern(ctx context.Context, id int64) (*probity.Concern, error) {
	return oneConcern(ctx, tx.tx, id)
}

// Concerns implements probity.ReviewTx.
func (tx *Tx) Concerns(ctx context.Context, f probity.ConcernFilter) ([]probity.Concern, error) {
	return queryConcerns(ctx, tx.tx, f, 0)
}

// CreateConcern implements probity.ReviewTx.
func (tx *Tx) CreateConcern(ctx context.Context, c probity.Concern) (probity.Concern, error) {
	if (c.ContractID == "") == (c.OrgID == 0) {
		return c, probity.Errorf(probity.EINVALID, "a concern is about a contract or an organization")
	}
	if c.ContractID != "" {
		if err := tx.exists(ctx, `SELECT EXISTS (SELECT 1 FROM contracts WHERE id = $1)`, c.ContractID, "contract %q not found"); err != nil {
			return c, err
		}
	} else if err := tx.orgExists(ctx, c.OrgID); err != nil {
		return c, err
	}
	if c.RaisedAt.IsZero() {
		c.RaisedAt = tx.db.Now()
	}
	var err error
	c.ID, err = tx.insertID(ctx, `INSERT INTO concerns (contract_id, org_id, text, raised_by, raised_at, threshold, status, case_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		nullString(c.ContractID), nullInt(c.OrgID), c.Text, c.RaisedBy, formatTime(c.RaisedAt), c.Threshold, c.Status, nullInt(c.CaseID))
	return c, err
}

// UpdateConcern implements probity.ReviewTx.
func (tx *Tx) UpdateConcern(ctx context.Context, c probity.Concern) error {
	tag, err := tx.exec(ctx, `UPDATE concerns SET status = $1, case_id = $2 WHERE id = $3`, c.Status, nullInt(c.CaseID), c.ID)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
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
	tag, err := tx.exec(ctx, `INSERT INTO concern_signatures (concern_id, signer, anonymous, signed_at) VALUES ($1, $2, $3, $4) ON CONFLICT (concern_id, signer) DO NOTHING`,
		s.ConcernID, s.Signer, s.Anonymous, formatTime(s.SignedAt))
	if err != nil {
		return s, err
	}
	if tag.RowsAffected() == 0 {
		return s, probity.Errorf(probity.ECONFLICT, "%s has already signed concern %d", s.Signer, s.ConcernID)
	}
	return s, nil
}

// Signatures implements probity.ReviewStore.
func (db *DB) Signatures(ctx context.Context, concernID int64) ([]probity.Signature, error) {
	rows, err := db.pool.Query(ctx, `SELECT concern_id, signer, anonymous, signed_at FROM concern_signatures WHERE concern_id = $1 ORDER BY signed_at, seq`, concernID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Signature
	for rows.Next() {
		var s probity.Signature
		var at string
		if err := rows.Scan(&s.ConcernID, &s.Signer, &s.Anonymous, &at); err != nil {
			return nil, err
		}
		s.SignedAt = parseTime(at)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		if _, err := db.Concern(ctx, concernID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
