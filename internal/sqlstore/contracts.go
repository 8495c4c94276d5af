package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/probity/probity"
)

const contractColumns = `c.id, c.title, c.description, c.status, c.buyer_id, coalesce(b.name, ''), c.value_amount, c.value_currency,
	c.period_start, c.period_end, c.source, c.source_reference, c.source_files,
	c.obligated_amount, c.obligated_currency, c.potential_amount, c.potential_currency`

const contractFrom = ` FROM contracts c LEFT JOIN organizations b ON b.id = c.buyer_id`

func scanContract(row scanner) (*probity.Contract, error) {
	var c probity.Contract
	var buyerID sql.NullInt64
	var buyerName string
	var value, obligated, potential nullValue
	var files string
	if err := row.Scan(&c.ID, &c.Title, &c.Description, &c.Status, &buyerID, &buyerName, &value.amount, &value.currency,
		&c.Period.Start, &c.Period.End, &c.Source, &c.SourceReference, &files,
		&obligated.amount, &obligated.currency, &potential.amount, &potential.currency); err != nil {
		return nil, err
	}
	if buyerID.Valid {
		c.Buyer = &probity.OrgRef{ID: buyerID.Int64, Name: buyerName}
	}
	c.Value, c.Obligated, c.Potential = value.value(), obligated.value(), potential.value()
	if err := json.Unmarshal([]byte(files), &c.SourceFiles); err != nil {
		return nil, fmt.Errorf("contract %s: source_files: %w", c.ID, err)
	}
	return &c, nil
}

func loadContract(ctx context.Context, q querier, id string) (*probity.Contract, error) {
	c, err := scanContract(q.queryRow(ctx, `SELECT `+contractColumns+contractFrom+` WHERE c.id = ?`, id))
	if err != nil {
		return nil, notFound(err, "contract %q not found", id)
	}
	c.Suppliers = []probity.OrgRef{}
	err = eachRow(ctx, q, `SELECT p.role, o.id, o.name FROM contract_parties p JOIN organizations o ON o.id = p.org_id
		WHERE p.contract_id = ? ORDER BY p.role, p.ord`, []any{id}, func(rows *sql.Rows) error {
		var role string
		var ref probity.OrgRef
		err := rows.Scan(&role, &ref.ID, &ref.Name)
		addParty(c, role, ref)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func addParty(c *probity.Contract, role string, ref probity.OrgRef) {
	switch role {
	case "supplier":
		c.Suppliers = append(c.Suppliers, ref)
	case "subcontractor":
		c.Subcontractors = append(c.Subcontractors, ref)
	}
}

// Contract implements probity.Store.
func (db *DB) Contract(ctx context.Context, id string) (*probity.Contract, error) {
	return loadContract(ctx, db, id)
}

// Contract implements probity.Tx.
func (tx *Tx) Contract(ctx context.Context, id string) (*probity.Contract, error) {
	if l, err := tx.firstLoad(ctx); err != nil {
		return nil, err
	} else if l != nil && !l.contract[id] {
		return nil, probity.Errorf(probity.ENOTFOUND, "contract %q not found", id)
	}
	return loadContract(ctx, tx, id)
}

// partiesByID is the longest listing whose parties are read by passing
// its contract ids; a longer one selects them with the listing's filter.
const partiesByID = 5000

// Contracts implements probity.Store. The buyer filter matches the buyer's
// names and aliases and those of every body the buyer is part of, so that
// "Homeland Security" finds the contracts of its agencies.
func (db *DB) Contracts(ctx context.Context, f probity.ContractFilter) ([]probity.Contract, error) {
	var where []string
	var args []any
	with := ``
	if f.Buyer != "" {
		pat := "%" + escapeLike(strings.ToLower(f.Buyer)) + "%"
		with = `WITH RECURSIVE matched(id) AS (
			SELECT org_id FROM org_names WHERE lower(name) LIKE ? ESCAPE '\'
			UNION SELECT id FROM organizations WHERE lower(name) LIKE ? ESCAPE '\'
			UNION SELECT r.from_id FROM relationships r JOIN matched m ON r.to_id = m.id WHERE r.kind = 'part_of'
		) `
		args = append(args, pat, pat)
		where = append(where, `c.buyer_id IN (SELECT id FROM matched)`)
	}
	if f.Status != "" {
		where = append(where, `c.status = ?`)
		args = append(args, f.Status)
	}
	if f.After != "" {
		where = append(where, `c.id > ?`)
		args = append(args, f.After)
	}
	// tail selects the listed contracts from "contracts c": the listing
	// and, for long listings, the parties query share it.
	tail := ``
	if len(where) > 0 {
		tail += ` WHERE ` + strings.Join(where, ` AND `)
	}
	tail += ` ORDER BY c.id`
	if f.Limit > 0 {
		tail += limit(f.Limit)
	}
	var out []probity.Contract
	err := eachRow(ctx, db, with+`SELECT `+contractColumns+contractFrom+tail, args, func(rows *sql.Rows) error {
		c, err := scanContract(rows)
		if err == nil {
			out = append(out, *c)
		}
		return err
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	if len(out) <= partiesByID {
		ids := make([]string, len(out))
		for i, c := range out {
			ids[i] = c.ID
		}
		list, lerr := db.d.ListArg(ids)
		if lerr != nil {
			return nil, lerr
		}
		err = fillParties(ctx, db, out, `SELECT p.contract_id, p.role, o.id, o.name FROM contract_parties p
			JOIN organizations o ON o.id = p.org_id
			WHERE `+db.d.InList("p.contract_id")+` ORDER BY p.contract_id, p.role, p.ord`, list)
	} else {
		// A long listing: select its parties with the same filter rather
		// than send every id back.
		err = fillParties(ctx, db, out, with+`SELECT p.contract_id, p.role, o.id, o.name FROM contract_parties p
			JOIN organizations o ON o.id = p.org_id
			WHERE p.contract_id IN (SELECT c.id FROM contracts c`+tail+`) ORDER BY p.contract_id, p.role, p.ord`, args...)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// fillParties runs a query of (contract id, role, org id, org name) rows
// and adds each party to its contract in list. A row for a contract not
// in list (one written between the two queries) is skipped.
func fillParties(ctx context.Context, q querier, list []probity.Contract, query string, args ...any) error {
	index := make(map[string]int, len(list))
	for i := range list {
		index[list[i].ID] = i
		list[i].Suppliers = []probity.OrgRef{}
	}
	return eachRow(ctx, q, query, args, func(rows *sql.Rows) error {
		var id, role string
		var ref probity.OrgRef
		if err := rows.Scan(&id, &role, &ref.ID, &ref.Name); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			addParty(&list[i], role, ref)
		}
		return nil
	})
}

// PutContract implements probity.Tx.
func (tx *Tx) PutContract(ctx context.Context, c probity.Contract) error {
	return tx.putContract(ctx, c, false)
}

// InsertContract writes a contract known not to be stored yet: the same
// as PutContract without clearing parties that cannot exist (ingest knows
// which contracts are new, and skips that work).
func (tx *Tx) InsertContract(ctx context.Context, c probity.Contract) error {
	return tx.putContract(ctx, c, true)
}

func (tx *Tx) putContract(ctx context.Context, c probity.Contract, isNew bool) error {
	if l, err := tx.firstLoad(ctx); err != nil {
		return err
	} else if l != nil {
		l.contract[c.ID] = true
	}
	var buyer any
	if c.Buyer != nil && c.Buyer.ID != 0 {
		buyer = c.Buyer.ID
	}
	amount, currency := valueArgs(c.Value)
	obAmount, obCurrency := valueArgs(c.Obligated)
	poAmount, poCurrency := valueArgs(c.Potential)
	files := c.SourceFiles
	if files == nil {
		files = []string{}
	}
	filesJSON, err := jsonText(files)
	if err != nil {
		return err
	}
	err = tx.put(ctx, `INSERT INTO contracts (id, title, description, status, buyer_id, value_amount, value_currency, period_start, period_end, source, source_reference, source_files,
			obligated_amount, obligated_currency, potential_amount, potential_currency)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, status = excluded.status,
			buyer_id = excluded.buyer_id, value_amount = excluded.value_amount, value_currency = excluded.value_currency,
			period_start = excluded.period_start, period_end = excluded.period_end, source = excluded.source,
			source_reference = excluded.source_reference, source_files = excluded.source_files,
			obligated_amount = excluded.obligated_amount, obligated_currency = excluded.obligated_currency,
			potential_amount = excluded.potential_amount, potential_currency = excluded.potential_currency`,
		c.ID, c.Title, c.Description, c.Status, buyer, amount, currency, c.Period.Start, c.Period.End, c.Source, c.SourceReference, filesJSON,
		obAmount, obCurrency, poAmount, poCurrency)
	if err != nil {
		return err
	}
	if !isNew {
		if err := tx.put(ctx, `DELETE FROM contract_parties WHERE contract_id = ?`, c.ID); err != nil {
			return err
		}
	}
	// Every party in one statement (one round trip on PostgreSQL).
	var values []string
	var args []any
	for _, p := range []struct {
		role string
		refs []probity.OrgRef
	}{{"supplier", c.Suppliers}, {"subcontractor", c.Subcontractors}} {
		for i, r := range p.refs {
			values = append(values, `(?, ?, ?, ?)`)
			args = append(args, c.ID, p.role, r.ID, i)
		}
	}
	const chunk = 500 // rows a statement, well below either engine's parameter limit
	for len(values) > 0 {
		n := min(chunk, len(values))
		if err := tx.put(ctx, `INSERT INTO contract_parties (contract_id, role, org_id, ord) VALUES `+strings.Join(values[:n], ", ")+` ON CONFLICT DO NOTHING`, args[:4*n]...); err != nil {
			return err
		}
		values, args = values[n:], args[4*n:]
	}
	return tx.logContract(ctx, c) // the public summary enters the transparency log when new or changed
}

// ForEachParty implements probity.GraphStore: every (contract,
// organization, role) of the register, buyers included.
func (db *DB) ForEachParty(ctx context.Context, fn func(probity.PartyRow) error) error {
	return eachRow(ctx, db, `SELECT id, buyer_id, 'buyer' FROM contracts WHERE buyer_id IS NOT NULL
		UNION ALL SELECT contract_id, org_id, role FROM contract_parties`, nil, func(rows *sql.Rows) error {
		var p probity.PartyRow
		if err := rows.Scan(&p.ContractID, &p.OrgID, &p.Role); err != nil {
			return err
		}
		return fn(p)
	})
}

// nullValue scans an amount and currency that may both be NULL (unknown).
type nullValue struct {
	amount   sql.NullFloat64
	currency sql.NullString
}

func (v nullValue) value() *probity.Value {
	if !v.amount.Valid {
		return nil
	}
	return &probity.Value{Amount: v.amount.Float64, Currency: v.currency.String}
}

// valueArgs are the column values of a value: NULLs when it is unknown.
func valueArgs(v *probity.Value) (amount, currency any) {
	if v == nil {
		return nil, nil
	}
	return v.Amount, v.Currency
}
