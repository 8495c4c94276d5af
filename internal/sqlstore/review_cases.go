package sqlstore

import (
	"context"
	"database/sql"

	"github.com/probity/probity"
)

// Review cases: a contract or an organization under human review, with
// its comments and evidence.

const caseColumns = `id, coalesce(contract_id, ''), coalesce(org_id, 0), origin, coalesce(decision_id, 0), decision_outcome, state, priority,
	requested_by, assignee, outcome, conditions, decided_by, decided_at, first_by, first_outcome, first_conditions, first_at,
	opened_at, due_at, updated_at`

func scanCase(row scanner) (probity.Case, error) {
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

func queryCases(ctx context.Context, q querier, f probity.CaseFilter, id int64) ([]probity.Case, error) {
	query, args := `SELECT `+caseColumns+` FROM cases WHERE true`, []any{}
	add := func(cond string, v any) {
		query += ` AND ` + cond
		args = append(args, v)
	}
	if id != 0 {
		add(`id = ?`, id)
	}
	if f.State != "" {
		add(`state = ?`, f.State)
	}
	if f.ContractID != "" {
		add(`contract_id = ?`, f.ContractID)
	}
	if f.Assignee != "" {
		add(`assignee = ?`, f.Assignee)
	}
	if !f.OverdueAt.IsZero() {
		add(`state <> 'decided' AND due_at < ?`, formatTime(f.OverdueAt))
	}
	query += ` ORDER BY id`
	if f.Limit > 0 {
		query += limit(f.Limit)
	}
	var out []probity.Case
	err := eachRow(ctx, q, query, args, func(rows *sql.Rows) error {
		c, err := scanCase(rows)
		out = append(out, c)
		return err
	})
	return out, err
}

func oneCase(ctx context.Context, q querier, id int64) (*probity.Case, error) {
	list, err := queryCases(ctx, q, probity.CaseFilter{}, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "case %d not found", id)
	}
	return &list[0], nil
}

// Case implements probity.ReviewStore.
func (db *DB) Case(ctx context.Context, id int64) (*probity.Case, error) { return oneCase(ctx, db, id) }

// Cases implements probity.ReviewStore.
func (db *DB) Cases(ctx context.Context, f probity.CaseFilter) ([]probity.Case, error) {
	return queryCases(ctx, db, f, 0)
}

// Case implements probity.ReviewTx.
func (tx *Tx) Case(ctx context.Context, id int64) (*probity.Case, error) { return oneCase(ctx, tx, id) }

// Cases implements probity.ReviewTx.
func (tx *Tx) Cases(ctx context.Context, f probity.CaseFilter) ([]probity.Case, error) {
	return queryCases(ctx, tx, f, 0)
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

// CreateCase implements probity.ReviewTx: one undecided case per contract.
func (tx *Tx) CreateCase(ctx context.Context, c probity.Case) (probity.Case, error) {
	if c.ContractID != "" {
		var found bool
		var open sql.NullInt64
		err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM contracts WHERE id = ?), (SELECT min(id) FROM cases WHERE contract_id = ? AND state <> 'decided')`,
			c.ContractID, c.ContractID).Scan(&found, &open)
		if err != nil {
			return c, tx.db.wrap(err)
		}
		if !found {
			return c, probity.Errorf(probity.ENOTFOUND, "contract %q not found", c.ContractID)
		}
		if open.Valid {
			return c, probity.Errorf(probity.ECONFLICT, "contract %s already has an undecided case: %d", c.ContractID, open.Int64)
		}
	} else if err := tx.orgExists(ctx, c.OrgID); err != nil {
		return c, err
	}
	var err error
	c.ID, err = tx.insertID(ctx, `INSERT INTO cases (contract_id, org_id, origin, decision_id, decision_outcome, state, priority,
		requested_by, assignee, outcome, conditions, decided_by, decided_at, first_by, first_outcome, first_conditions, first_at,
		opened_at, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, caseArgs(c)...)
	return c, err
}

// UpdateCase implements probity.ReviewTx.
func (tx *Tx) UpdateCase(ctx context.Context, c probity.Case) error {
	n, err := tx.execN(ctx, `UPDATE cases SET contract_id = ?, org_id = ?, origin = ?, decision_id = ?, decision_outcome = ?, state = ?, priority = ?,
		requested_by = ?, assignee = ?, outcome = ?, conditions = ?, decided_by = ?, decided_at = ?,
		first_by = ?, first_outcome = ?, first_conditions = ?, first_at = ?, opened_at = ?, due_at = ?, updated_at = ? WHERE id = ?`,
		append(caseArgs(c), c.ID)...)
	if err != nil {
		if probity.ErrorCode(err) == probity.ECONFLICT {
			return probity.Errorf(probity.ECONFLICT, "contract %s already has an undecided case", c.ContractID)
		}
		return err
	}
	if n == 0 {
		return probity.Errorf(probity.ENOTFOUND, "case %d not found", c.ID)
	}
	return tx.logCase(ctx, c) // a decided case's outcome enters the transparency log
}

// CaseComments implements probity.ReviewStore.
func (db *DB) CaseComments(ctx context.Context, caseID int64) ([]probity.CaseComment, error) {
	var out []probity.CaseComment
	err := eachRow(ctx, db, `SELECT id, case_id, author, text, at FROM case_comments WHERE case_id = ? ORDER BY id`, []any{caseID}, func(rows *sql.Rows) error {
		var c probity.CaseComment
		var at string
		err := rows.Scan(&c.ID, &c.CaseID, &c.Author, &c.Text, &at)
		c.At = parseTime(at)
		out = append(out, c)
		return err
	})
	return out, err
}

// CaseEvidence implements probity.ReviewStore.
func (db *DB) CaseEvidence(ctx context.Context, caseID int64) ([]probity.CaseEvidence, error) {
	var out []probity.CaseEvidence
	err := eachRow(ctx, db, `SELECT id, case_id, kind, coalesce(finding_id, 0), url, title, added_by, at FROM case_evidence WHERE case_id = ? ORDER BY id`, []any{caseID}, func(rows *sql.Rows) error {
		var e probity.CaseEvidence
		var at string
		err := rows.Scan(&e.ID, &e.CaseID, &e.Kind, &e.FindingID, &e.URL, &e.Title, &e.AddedBy, &at)
		e.At = parseTime(at)
		out = append(out, e)
		return err
	})
	return out, err
}

// AddCaseComment implements probity.ReviewTx.
func (tx *Tx) AddCaseComment(ctx context.Context, c probity.CaseComment) (probity.CaseComment, error) {
	if c.At.IsZero() {
		c.At = tx.db.Now()
	}
	var err error
	c.ID, err = tx.insertID(ctx, `INSERT INTO case_comments (case_id, author, text, at) VALUES (?, ?, ?, ?) RETURNING id`, c.CaseID, c.Author, c.Text, formatTime(c.At))
	return c, err
}

// AddCaseEvidence implements probity.ReviewTx.
func (tx *Tx) AddCaseEvidence(ctx context.Context, e probity.CaseEvidence) (probity.CaseEvidence, error) {
	if e.At.IsZero() {
		e.At = tx.db.Now()
	}
	if e.Kind == probity.EvidenceFinding {
		if err := tx.exists(ctx, `SELECT EXISTS (SELECT 1 FROM findings WHERE id = ?)`, e.FindingID, "finding %d not found"); err != nil {
			return e, err
		}
	}
	var err error
	e.ID, err = tx.insertID(ctx, `INSERT INTO case_evidence (case_id, kind, finding_id, url, title, added_by, at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.CaseID, e.Kind, nullInt(e.FindingID), e.URL, e.Title, e.AddedBy, formatTime(e.At))
	return e, err
}

// DecisionsForReview implements probity.ReviewTx: the latest decision of
// every live contract that asks for review or has an undecided case.
func (tx *Tx) DecisionsForReview(ctx context.Context) ([]probity.Decision, error) {
	return queryDecisions(ctx, tx, `SELECT `+decisionColumns+` FROM contract_latest_decision l
		JOIN decisions d ON d.id = l.decision_id
		JOIN contracts c ON c.id = l.contract_id
		WHERE c.status <> 'cancelled' AND (d.outcome IN ('review', 'deny')
			OR EXISTS (SELECT 1 FROM cases k WHERE k.contract_id = l.contract_id AND k.state <> 'decided'))
		ORDER BY l.contract_id`)
}
