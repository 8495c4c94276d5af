package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/probity/probity"
)

// Contract sources and aliases (migration 011): each file's account of a
// USAspending award, and the former ids of merged contracts. Package
// register composes contracts from the accounts (award_merge.go); the
// store keeps them and moves a merged contract's history.

const contractSourceColumns = `match_key, award_key, file, layout, data, contract_id, rule, note`

func scanContractSource(rows *sql.Rows) (probity.ContractSource, error) {
	var s probity.ContractSource
	var data string
	if err := rows.Scan(&s.MatchKey, &s.AwardKey, &s.File, &s.Layout, &data, &s.ContractID, &s.Rule, &s.Note); err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(data), &s.Contract); err != nil {
		return s, fmt.Errorf("contract source %s %s %s: data: %w", s.MatchKey, s.AwardKey, s.File, err)
	}
	return s, nil
}

// PutContractSource stores one file's account of an award, replacing the
// one the same file gave before (package register's award merge).
func (tx *Tx) PutContractSource(ctx context.Context, s probity.ContractSource) error {
	data, err := jsonText(s.Contract)
	if err != nil {
		return err
	}
	return tx.put(ctx, `INSERT INTO contract_sources (`+contractSourceColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (match_key, award_key, file) DO UPDATE SET layout = excluded.layout, data = excluded.data,
			contract_id = excluded.contract_id, rule = excluded.rule, note = excluded.note`,
		s.MatchKey, s.AwardKey, s.File, s.Layout, data, s.ContractID, s.Rule, s.Note)
}

// ContractSourcesByMatchKey returns the stored accounts of the awards with
// the given match keys, in (match key, award key, file) order.
func (tx *Tx) ContractSourcesByMatchKey(ctx context.Context, keys []string) ([]probity.ContractSource, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	list, err := tx.db.d.ListArg(keys)
	if err != nil {
		return nil, err
	}
	var out []probity.ContractSource
	err = eachRow(ctx, tx, `SELECT `+contractSourceColumns+` FROM contract_sources WHERE `+tx.db.d.InList("match_key")+`
		ORDER BY match_key, award_key, file`, []any{list}, func(rows *sql.Rows) error {
		s, err := scanContractSource(rows)
		out = append(out, s)
		return err
	})
	return out, err
}

// ContractSources implements probity.ContractSourceStore, in (award key,
// file) order.
func (db *DB) ContractSources(ctx context.Context, id string) ([]probity.ContractSource, error) {
	var out []probity.ContractSource
	err := eachRow(ctx, db, `SELECT `+contractSourceColumns+` FROM contract_sources WHERE contract_id = ?
		ORDER BY award_key, file`, []any{id}, func(rows *sql.Rows) error {
		s, err := scanContractSource(rows)
		out = append(out, s)
		return err
	})
	return out, err
}

const contractAliasColumns = `alias, contract_id, rule, note, at`

func scanContractAlias(row scanner) (*probity.ContractAlias, error) {
	var a probity.ContractAlias
	err := row.Scan(&a.Alias, &a.ContractID, &a.Rule, &a.Note, &a.At)
	return &a, err
}

// ContractAlias implements probity.ContractSourceStore.
func (db *DB) ContractAlias(ctx context.Context, id string) (*probity.ContractAlias, error) {
	a, err := scanContractAlias(db.queryRow(ctx, `SELECT `+contractAliasColumns+` FROM contract_aliases WHERE alias = ?`, id))
	if err != nil {
		return nil, notFound(err, "%q is no former contract id", id)
	}
	return a, nil
}

// ContractAliases implements probity.ContractSourceStore.
func (db *DB) ContractAliases(ctx context.Context, id string) ([]probity.ContractAlias, error) {
	var out []probity.ContractAlias
	err := eachRow(ctx, db, `SELECT `+contractAliasColumns+` FROM contract_aliases WHERE contract_id = ? ORDER BY alias`, []any{id},
		func(rows *sql.Rows) error {
			a, err := scanContractAlias(rows)
			if err == nil {
				out = append(out, *a)
			}
			return err
		})
	return out, err
}

// DropContractAlias removes the alias id (it names a contract of its own
// again: a merge undone because the award became ambiguous).
func (tx *Tx) DropContractAlias(ctx context.Context, id string) error {
	return tx.put(ctx, `DELETE FROM contract_aliases WHERE alias = ?`, id)
}

// MergeContract makes the contract from part of the contract to, which
// must be stored: from's history (decisions, review cases, concerns,
// relationships naming it) moves to to, from's row and its pending
// re-decision are removed, and from is recorded as an alias of to (with
// the rule and its detail), so that a link to from keeps working. When
// from is not stored, only the alias is recorded. A contract has one
// undecided case at most: when both have one, they become one (see
// mergeUndecidedCases). Every move is audited.
func (tx *Tx) MergeContract(ctx context.Context, from, to, rule, note string) error {
	if from == to {
		return probity.Errorf(probity.EINVALID, "contract %q cannot be merged into itself", from)
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM contracts WHERE id = ?`, from).Scan(&n); err != nil {
		return tx.db.wrap(err)
	}
	if n > 0 {
		if err := tx.moveContractHistory(ctx, from, to); err != nil {
			return err
		}
		if l := tx.first; l != nil {
			delete(l.contract, from)
		}
		type merge struct {
			ID   string `json:"id"`
			Rule string `json:"rule,omitempty"`
			Note string `json:"note,omitempty"`
		}
		if err := tx.audit(ctx, "system", "contract.merge", "contract:"+to, merge{ID: from}, merge{ID: to, Rule: rule, Note: note}); err != nil {
			return err
		}
	}
	at := tx.db.Now().UTC().Format(time.RFC3339)
	return tx.put(ctx, `INSERT INTO contract_aliases (`+contractAliasColumns+`) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (alias) DO UPDATE SET rule = excluded.rule, note = excluded.note,
			at = CASE WHEN contract_aliases.contract_id = excluded.contract_id THEN contract_aliases.at ELSE excluded.at END,
			contract_id = excluded.contract_id`,
		from, to, rule, note, at)
}

func (tx *Tx) moveContractHistory(ctx context.Context, from, to string) error {
	if err := tx.mergeUndecidedCases(ctx, from, to); err != nil {
		return err
	}
	var latest int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM contract_latest_decision WHERE contract_id = ?`, to).Scan(&latest); err != nil {
		return tx.db.wrap(err)
	}
	// Each moved case and concern is audited, as every change to them is.
	type moved struct {
		ContractID string `json:"contract_id"`
	}
	for _, kind := range []string{"case", "concern"} {
		var ids []int64
		err := eachRow(ctx, tx, `SELECT id FROM `+kind+`s WHERE contract_id = ? ORDER BY id`, []any{from}, func(rows *sql.Rows) error {
			var id int64
			err := rows.Scan(&id)
			ids = append(ids, id)
			return err
		})
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := tx.audit(ctx, "system", kind+".move", fmt.Sprintf("%s:%d", kind, id), moved{from}, moved{to}); err != nil {
				return err
			}
		}
	}
	stmts := []Stmt{
		{`UPDATE decisions SET contract_id = ? WHERE contract_id = ?`, []any{to, from}},
		{`UPDATE cases SET contract_id = ? WHERE contract_id = ?`, []any{to, from}},
		{`UPDATE concerns SET contract_id = ? WHERE contract_id = ?`, []any{to, from}},
		// An edge already stored for to is kept once.
		{`UPDATE relationships SET contract_id = ? WHERE contract_id = ? AND NOT EXISTS (SELECT 1 FROM relationships r2
			WHERE r2.contract_id = ? AND r2.from_id = relationships.from_id AND r2.kind = relationships.kind
			AND coalesce(r2.to_id, 0) = coalesce(relationships.to_id, 0))`, []any{to, from, to}},
		{`DELETE FROM relationships WHERE contract_id = ?`, []any{from}},
		{`UPDATE contract_aliases SET contract_id = ? WHERE contract_id = ?`, []any{to, from}},
		{`UPDATE contract_sources SET contract_id = ? WHERE contract_id = ?`, []any{to, from}},
		// The contract is gone: nothing is left to decide for it.
		{`DELETE FROM pending_changes WHERE kind = 'contract' AND contract_id = ?`, []any{from}},
	}
	if latest == 0 {
		stmts = append(stmts, Stmt{`UPDATE contract_latest_decision SET contract_id = ? WHERE contract_id = ?`, []any{to, from}})
	} else {
		stmts = append(stmts, Stmt{`DELETE FROM contract_latest_decision WHERE contract_id = ?`, []any{from}})
	}
	stmts = append(stmts,
		Stmt{`DELETE FROM contract_parties WHERE contract_id = ?`, []any{from}},
		Stmt{`DELETE FROM contracts WHERE id = ?`, []any{from}})
	for _, s := range stmts {
		if _, err := tx.exec(ctx, s.Query, s.Args...); err != nil {
			return err
		}
	}
	return nil
}

// mergeUndecidedCases makes one case of the undecided cases of from and
// to, when both have one: the case further along (in review before open;
// else the older) stays, the other's comments, evidence and concerns move
// to it, a comment says so, and the other is removed (its history stays
// in the audit log, under case.merge).
func (tx *Tx) mergeUndecidedCases(ctx context.Context, from, to string) error {
	type undecided struct {
		id         int64
		contractID string
		state      string
		assignee   string
	}
	var open []undecided
	err := eachRow(ctx, tx, `SELECT id, contract_id, state, assignee FROM cases WHERE contract_id IN (?, ?) AND state <> 'decided' ORDER BY id`,
		[]any{from, to}, func(rows *sql.Rows) error {
			var u undecided
			err := rows.Scan(&u.id, &u.contractID, &u.state, &u.assignee)
			open = append(open, u)
			return err
		})
	if err != nil || len(open) < 2 {
		return err
	}
	keep, drop := open[0], open[1] // the older
	if drop.state == probity.CaseInReview && keep.state != probity.CaseInReview {
		keep, drop = drop, keep
	}
	text := fmt.Sprintf("Case %d (contract %s, %s) was merged into this one: contract %s is the same award as %s, and a contract has one undecided case. Its comments and evidence are here.",
		drop.id, drop.contractID, drop.state, from, to)
	now := formatTime(tx.db.Now())
	for _, st := range []Stmt{
		{`UPDATE case_comments SET case_id = ? WHERE case_id = ?`, []any{keep.id, drop.id}},
		{`UPDATE case_evidence SET case_id = ? WHERE case_id = ?`, []any{keep.id, drop.id}},
		{`UPDATE concerns SET case_id = ? WHERE case_id = ?`, []any{keep.id, drop.id}},
		{`INSERT INTO case_comments (case_id, author, text, at) VALUES (?, ?, ?, ?)`, []any{keep.id, "system", text, now}},
		{`DELETE FROM cases WHERE id = ?`, []any{drop.id}},
	} {
		if _, err := tx.exec(ctx, st.Query, st.Args...); err != nil {
			return err
		}
	}
	type merged struct {
		ContractID string `json:"contract_id"`
		State      string `json:"state,omitempty"`
		Assignee   string `json:"assignee,omitempty"`
		MergedInto int64  `json:"merged_into,omitempty"`
	}
	return tx.audit(ctx, "system", "case.merge", fmt.Sprintf("case:%d", drop.id),
		merged{ContractID: drop.contractID, State: drop.state, Assignee: drop.assignee}, merged{ContractID: to, MergedInto: keep.id})
}
