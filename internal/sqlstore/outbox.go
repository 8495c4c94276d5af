package sqlstore

import (
	"context"

	"github.com/probity/probity"
)

// The outbox of pending changes and the change counter (migration 007):
// triggers record a pending change in the same transaction as every change
// to the register, lists, screening results, findings, relationships and
// policy versions, and bump the counter; package pipeline reads the
// changes, does the work they call for, and removes them here.

var _ probity.ChangeLog = (*DB)(nil)

// PendingChanges implements probity.ChangeLog.
func (db *DB) PendingChanges(ctx context.Context, limit int) ([]probity.Change, error) {
	q := `SELECT id, kind, ref, org_id, other_org_id, contract_id, at FROM pending_changes ORDER BY id`
	var args []any
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Change
	for rows.Next() {
		var c probity.Change
		var at string
		if err := rows.Scan(&c.ID, &c.Kind, &c.Ref, &c.OrgID, &c.OtherOrgID, &c.ContractID, &at); err != nil {
			return nil, db.wrap(err)
		}
		c.At = parseTime(at)
		out = append(out, c)
	}
	return out, db.wrap(rows.Err())
}

// CountPendingChanges implements probity.ChangeLog.
func (db *DB) CountPendingChanges(ctx context.Context) (map[string]int, error) {
	rows, err := db.query(ctx, `SELECT kind, count(*) FROM pending_changes GROUP BY kind`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var kind string
		var n int
		if err := rows.Scan(&kind, &n); err != nil {
			return nil, db.wrap(err)
		}
		out[kind] = n
	}
	return out, db.wrap(rows.Err())
}

// CompleteChanges implements probity.ChangeLog. It deletes by id, never by
// range: on PostgreSQL ids are not given out in commit order, so a change
// with a smaller id may commit after a drain read the ones around it.
func (db *DB) CompleteChanges(ctx context.Context, ids []int64) error {
	const chunk = 10000
	for start := 0; start < len(ids); start += chunk {
		list, err := db.d.ListArg(ids[start:min(start+chunk, len(ids))])
		if err != nil {
			return err
		}
		err = db.write(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `DELETE FROM pending_changes WHERE `+db.d.InList("id"), list)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// ChangeCounter implements probity.ChangeLog.
func (db *DB) ChangeCounter(ctx context.Context) (int64, error) {
	var n int64
	if err := db.queryRow(ctx, `SELECT n FROM change_counter WHERE id = 1`).Scan(&n); err != nil {
		return 0, db.wrap(err)
	}
	return n, nil
}
