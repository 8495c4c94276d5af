package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/probity/probity"
)

const relationshipColumns = `id, from_id, coalesce(to_id, 0), coalesce(contract_id, ''), kind, source, start_date, end_date`

func scanRelationship(row scanner) (probity.Relationship, error) {
	var r probity.Relationship
	err := row.Scan(&r.ID, &r.From, &r.To, &r.ContractID, &r.Kind, &r.Source, &r.Start, &r.End)
	return r, err
}

// Relationships implements probity.Store: every edge from or to orgID.
func (db *DB) Relationships(ctx context.Context, orgID int64) ([]probity.Relationship, error) {
	var out []probity.Relationship
	err := eachRow(ctx, db, `SELECT `+relationshipColumns+` FROM relationships WHERE from_id = ? OR to_id = ? ORDER BY id`, []any{orgID, orgID}, func(rows *sql.Rows) error {
		r, err := scanRelationship(rows)
		out = append(out, r)
		return err
	})
	return out, err
}

// ForEachRelationship implements probity.GraphStore.
func (db *DB) ForEachRelationship(ctx context.Context, fn func(probity.Relationship) error) error {
	return eachRow(ctx, db, `SELECT `+relationshipColumns+` FROM relationships ORDER BY id`, nil, func(rows *sql.Rows) error {
		r, err := scanRelationship(rows)
		if err != nil {
			return err
		}
		return fn(r)
	})
}

// PutRelationship implements probity.Tx.
func (tx *Tx) PutRelationship(ctx context.Context, r probity.Relationship) error {
	_, err := tx.putRelationship(ctx, r)
	return err
}

// putRelationship stores an edge unless it is already stored and reports
// whether it was new.
func (tx *Tx) putRelationship(ctx context.Context, r probity.Relationship) (bool, error) {
	n, err := tx.execN(ctx, `INSERT INTO relationships (from_id, to_id, contract_id, kind, source, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		r.From, nullInt(r.To), nullString(r.ContractID), r.Kind, r.Source, r.Start, r.End)
	return n > 0, err
}

// AddRelationship implements probity.GraphStore: an edge entered by
// hand, between organizations (and a contract) that must exist.
func (db *DB) AddRelationship(ctx context.Context, r probity.Relationship) (bool, error) {
	added := false
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.orgExists(ctx, r.From); err != nil {
			return err
		}
		if r.To != 0 {
			if err := tx.orgExists(ctx, r.To); err != nil {
				return err
			}
		}
		if r.ContractID != "" {
			if err := tx.contractExists(ctx, r.ContractID); err != nil {
				return err
			}
		}
		var err error
		if added, err = tx.putRelationship(ctx, r); err != nil || !added {
			return err
		}
		return tx.audit(ctx, authorOf(r.Source), "relationship.add", fmt.Sprintf("org:%d", r.From), nil, r)
	})
	return added, err
}
