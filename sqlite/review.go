package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/probity/probity"
)

var _ probity.ReviewTx = (*Tx)(nil)

// UpdateReview implements probity.ReviewStore.
func (db *DB) UpdateReview(ctx context.Context, fn func(probity.ReviewTx) error) error {
	return db.Update(ctx, func(ptx probity.Tx) error { return fn(ptx.(*Tx)) })
}

func optReviewTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

func parseOptReviewTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return parseTime(s)
}

func rvNullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func rvNullInt(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

// Cases.

const caseColumns = `id, ifnull(contract_id, ''), ifnull(org_id, 0), origin, ifnull(decision_id, 0), decision_outcome, state, priority,
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
	c.DecidedAt = parseOptReviewTime(decidedAt)
	c.OpenedAt, c.DueAt, c.UpdatedAt = parseTime(openedAt), parseTime(dueAt), parseTime(updatedAt)
	if firstBy != "" {
		c.FirstApproval = &probity.Approval{By: firstBy, Outcome: firstOutcome, Conditions: firstConditions, At: parseOptReviewTime(firstAt)}
	}
	return c, nil
}

func caseWhere(f probity.CaseFilter) (string, []any) {
	where, args := ` WHERE 1 = 1`, []any{}
	if f.State != "" {
		where += ` AND state = ?`
		args = append(args, f.State)
	}
	if f.ContractID != "" {
		where += ` AND contract_id = ?`
		args = append(args, f.ContractID)
	}
	if f.Assignee != "" {
		where += ` AND assignee = ?`
		args = append(args, f.Assignee)
	}
	if !f.OverdueAt.IsZero() {
		where += ` AND state <> 'decided' AND due_at < ?`
		args = append(args, formatTime(f.OverdueAt))
	}
	where += ` ORDER BY id`
	if f.Limit > 0 {
		where += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	return where, args
}

func queryCases(ctx context.Context, q querier, where string, args ...any) ([]probity.Case, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+caseColumns+` FROM cases`+where, args...)
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
	list, err := queryCases(ctx, q, ` WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "case %d not found", id)
	}
	return &list[0], nil
}

// Case implements probity.ReviewStore.
func (db *DB) Case(ctx context.Context, id int64) (*probity.Case, error) {
	return oneCase(ctx, db.read, id)
}

// Cases implements probity.ReviewStore.
func (db *DB) Cases(ctx context.Context, f probity.CaseFilter) ([]probity.Case, error) {
	where, args := caseWhere(f)
	return queryCases(ctx, db.read, where, args...)
}

// Case implements probity.ReviewTx.
func (tx *Tx) Case(ctx context.Context, id int64) (*probity.Case, error) {
	return oneCase(ctx, prepared{tx}, id)
}

// Cases implements probity.ReviewTx.
func (tx *Tx) Cases(ctx context.Context, f probity.CaseFilter) ([]probity.Case, error) {
	where, args := caseWhere(f)
	return queryCases(ctx, prepared{tx}, where, args...)
}

func caseArgs(c probity.Case) []any {
	var first probity.Approval
	if c.FirstApproval != nil {
		first = *c.FirstApproval
	}
	return []any{rvNullString(c.ContractID), rvNullInt(c.OrgID), c.Origin, rvNullInt(c.DecisionID), c.DecisionOutcome, c.State, c.Priority,
		c.RequestedBy, c.Assignee, c.Outcome, c.Conditions, c.DecidedBy, optReviewTime(c.DecidedAt),
		first.By, first.Outcome, first.Conditions, optReviewTime(first.At),
		formatTime(c.OpenedAt), formatTime(c.DueAt), formatTime(c.UpdatedAt)}
}

// CreateCase implements probity.ReviewTx.
func (tx *Tx) CreateCase(ctx context.Context, c probity.Case) (probity.Case, error) {
	if c.ContractID != "" {
		var n int
		var open sql.NullInt64
		s, err := tx.stmt(ctx, `SELECT (SELECT count(*) FROM contracts WHERE id = ?1), (SELECT min(id) FROM cases WHERE contract_id = ?1 AND state <> 'decided')`)
		if err != nil {
			return c, err
		}
		if err := s.QueryRowContext(ctx, c.ContractID).Scan(&n, &open); err != nil {
			return c, err
		}
		if n == 0 {
			return c, probity.Errorf(probity.ENOTFOUND, "contract %q not found", c.ContractID)
		}
		if open.Valid {
			return c, probity.Errorf(probity.ECONFLICT, "contract %s already has an undecided case: %d", c.ContractID, open.Int64)
		}
	} else if err := tx.orgExists(ctx, c.OrgID); err != nil {
		return c, err
	}
	res, err := tx.exec(ctx, `INSERT INTO cases (contract_id, org_id, origin, decision_id, decision_outcome, state, priority,
		requested_by, assignee, outcome, conditions, decided_by, decided_at, first_by, first_outcome, first_conditions, first_at,
		opened_at, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, caseArgs(c)...)
	if err != nil {
		return c, err
	}
	c.ID, err = res.LastInsertId()
	return c, err
}

// UpdateCase implements probity.ReviewTx.
func (tx *Tx) UpdateCase(ctx context.Context, c probity.Case) error {
	res, err := tx.exec(ctx, `UPDATE cases SET contract_id = ?, org_id = ?, origin = ?, decision_id = ?, decision_outcome = ?, state = ?, priority = ?,
		requested_by = ?, assignee = ?, outcome = ?, conditions = ?, decided_by = ?, decided_at = ?,
		first_by = ?, first_outcome = ?, first_conditions = ?, first_at = ?, opened_at = ?, due_at = ?, updated_at = ? WHERE id = ?`,
		append(caseArgs(c), c.ID)...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = probity.Errorf(probity.ENOTFOUND, "case %d not found", c.ID)
		}
		return err
	}
	return nil
}

// Comments and evidence.

func queryComments(ctx context.Context, q querier, caseID int64) ([]probity.CaseComment, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, case_id, author, text, at FROM case_comments WHERE case_id = ? ORDER BY id`, caseID)
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
	return queryComments(ctx, db.read, caseID)
}

// CaseEvidence implements probity.ReviewStore.
func (db *DB) CaseEvidence(ctx context.Context, caseID int64) ([]probity.CaseEvidence, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, case_id, kind, ifnull(finding_id, 0), url, title, added_by, at FROM case_evidence WHERE case_id = ? ORDER BY id`, caseID)
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
	res, err := tx.exec(ctx, `INSERT INTO case_comments (case_id, author, text, at) VALUES (?, ?, ?, ?)`, c.CaseID, c.Author, c.Text, formatTime(c.At))
	if err != nil {
		return c, err
	}
	c.ID, err = res.LastInsertId()
	return c, err
}

// AddCaseEvidence implements probity.ReviewTx.
func (tx *Tx) AddCaseEvidence(ctx context.Context, e probity.CaseEvidence) (probity.CaseEvidence, error) {
	if e.At.IsZero() {
		e.At = tx.db.Now()
	}
	if e.Kind == probity.EvidenceFinding {
		var n int
		if err := tx.tx.QueryRowContext(ctx, `SELECT count(*) FROM findings WHERE id = ?`, e.FindingID).Scan(&n); err != nil {
			return e, err
		}
		if n == 0 {
			return e, probity.Errorf(probity.ENOTFOUND, "finding %d not found", e.FindingID)
		}
	}
	res, err := tx.exec(ctx, `INSERT INTO case_evidence (case_id, kind, finding_id, url, title, added_by, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.CaseID, e.Kind, rvNullInt(e.FindingID), e.URL, e.Title, e.AddedBy, formatTime(e.At))
	if err != nil {
		return e, err
	}
	e.ID, err = res.LastInsertId()
	return e, err
}

// DecisionsForReview implements probity.ReviewTx.
func (tx *Tx) DecisionsForReview(ctx context.Context) ([]probity.Decision, error) {
	rows, err := prepared{tx}.QueryContext(ctx, `SELECT `+decisionColumns+` FROM contract_latest_decision l
		JOIN decisions d ON d.id = l.decision_id
		JOIN contracts c ON c.id = l.contract_id
		WHERE c.status <> 'cancelled' AND (d.outcome IN ('review', 'deny')
			OR EXISTS (SELECT 1 FROM cases k WHERE k.contract_id = l.contract_id AND k.state <> 'decided'))
		ORDER BY l.contract_id`)
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

// Concerns.

const concernQuery = `SELECT c.id, ifnull(c.contract_id, ''), ifnull(c.org_id, 0), c.text, c.raised_by, c.raised_at, c.threshold, c.status, ifnull(c.case_id, 0),
	(SELECT count(*) FROM concern_signatures s WHERE s.concern_id = c.id), ifnull(k.state, ''), ifnull(k.outcome, ''),
	ifnull((SELECT s.anonymous FROM concern_signatures s WHERE s.concern_id = c.id AND s.signer = c.raised_by), 0)
	FROM concerns c LEFT JOIN cases k ON k.id = c.case_id`

func queryConcerns(ctx context.Context, q querier, f probity.ConcernFilter, id int64) ([]probity.Concern, error) {
	query, args := concernQuery+` WHERE 1 = 1`, []any{}
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
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := q.QueryContext(ctx, query, args...)
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
	return oneConcern(ctx, db.read, id)
}

// Concerns implements probity.ReviewStore.
func (db *DB) Concerns(ctx context.Context, f probity.ConcernFilter) ([]probity.Concern, error) {
	return queryConcerns(ctx, db.read, f, 0)
}

// Concern implements probity.ReviewTx.
func (tx *Tx) Concern(ctx context.Context, id int64) (*probity.Concern, error) {
	return oneConcern(ctx, prepared{tx}, id)
}

// Concerns implements probity.ReviewTx.
func (tx *Tx) Concerns(ctx context.Context, f probity.ConcernFilter) ([]probity.Concern, error) {
	return queryConcerns(ctx, prepared{tx}, f, 0)
}

// CreateConcern implements probity.ReviewTx.
func (tx *Tx) CreateConcern(ctx context.Context, c probity.Concern) (probity.Concern, error) {
	if (c.ContractID == "") == (c.OrgID == 0) {
		return c, probity.Errorf(probity.EINVALID, "a concern is about a contract or an organization")
	}
	if c.ContractID != "" {
		if _, err := tx.Contract(ctx, c.ContractID); err != nil {
			return c, err
		}
	} else if err := tx.orgExists(ctx, c.OrgID); err != nil {
		return c, err
	}
	if c.RaisedAt.IsZero() {
		c.RaisedAt = tx.db.Now()
	}
	res, err := tx.exec(ctx, `INSERT INTO concerns (contract_id, org_id, text, raised_by, raised_at, threshold, status, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		rvNullString(c.ContractID), rvNullInt(c.OrgID), c.Text, c.RaisedBy, formatTime(c.RaisedAt), c.Threshold, c.Status, rvNullInt(c.CaseID))
	if err != nil {
		return c, err
	}
	c.ID, err = res.LastInsertId()
	return c, err
}

// UpdateConcern implements probity.ReviewTx.
func (tx *Tx) UpdateConcern(ctx context.Context, c probity.Concern) error {
	res, err := tx.exec(ctx, `UPDATE concerns SET status = ?, case_id = ? WHERE id = ?`, c.Status, rvNullInt(c.CaseID), c.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = probity.Errorf(probity.ENOTFOUND, "concern %d not found", c.ID)
		}
		return err
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
	res, err := tx.exec(ctx, `INSERT INTO concern_signatures (concern_id, signer, anonymous, signed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		s.ConcernID, s.Signer, s.Anonymous, formatTime(s.SignedAt))
	if err != nil {
		return s, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return s, err
	} else if n == 0 {
		return s, probity.Errorf(probity.ECONFLICT, "%s has already signed concern %d", s.Signer, s.ConcernID)
	}
	return s, nil
}

// Signatures implements probity.ReviewStore.
func (db *DB) Signatures(ctx context.Context, concernID int64) ([]probity.Signature, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT concern_id, signer, anonymous, signed_at FROM concern_signatures WHERE concern_id = ? ORDER BY signed_at, rowid`, concernID)
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
