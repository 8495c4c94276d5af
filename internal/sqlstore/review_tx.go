package sqlstore

import (
	"context"
	"database/sql"

	"github.com/probity/probity"
)

// What the review rules read inside their transaction: who signed a
// concern, and a contract's latest decision.

func querySignatures(ctx context.Context, q querier, d *Dialect, concernID int64) ([]probity.Signature, error) {
	var out []probity.Signature
	err := eachRow(ctx, q, `SELECT concern_id, signer, anonymous, signed_at FROM concern_signatures WHERE concern_id = ? ORDER BY signed_at, `+d.InsertOrder, []any{concernID}, func(rows *sql.Rows) error {
		var s probity.Signature
		var at string
		err := rows.Scan(&s.ConcernID, &s.Signer, &s.Anonymous, &at)
		s.SignedAt = parseTime(at)
		out = append(out, s)
		return err
	})
	return out, err
}

// Signatures implements probity.ReviewTx.
func (tx *Tx) Signatures(ctx context.Context, concernID int64) ([]probity.Signature, error) {
	return querySignatures(ctx, tx, tx.db.d, concernID)
}

// LatestDecision implements probity.ReviewTx: nil when the contract has
// no decision yet.
func (tx *Tx) LatestDecision(ctx context.Context, contractID string) (*probity.Decision, error) {
	list, err := queryDecisions(ctx, tx, `SELECT `+decisionColumns+` FROM contract_latest_decision l
		JOIN decisions d ON d.id = l.decision_id WHERE l.contract_id = ?`, contractID)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[0], nil
}
