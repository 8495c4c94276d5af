package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/probity/probity"
)

// querier is what *sql.DB and *sql.Tx share, so that reads are written once
// and used both inside and outside a write transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const contractColumns = `c.id, c.title, c.description, c.status, c.buyer_id, ifnull(b.name, ''), c.value_amount, c.value_currency,
	c.period_start, c.period_end, c.source, c.source_reference, c.source_files`

const contractFrom = ` FROM contracts c LEFT JOIN organizations b ON b.id = c.buyer_id`

func scanContract(row interface{ Scan(...any) error }) (*probity.Contract, error) {
	var c probity.Contract
	var buyerID sql.NullInt64
	var buyerName string
	var amount sql.NullFloat64
	var currency sql.NullString
	var files string
	if err := row.Scan(&c.ID, &c.Title, &c.Description, &c.Status, &buyerID, &buyerName, &amount, &currency,
		&c.Period.Start, &c.Period.End, &c.Source, &c.SourceReference, &files); err != nil {
		return nil, err
	}
	if buyerID.Valid {
		c.Buyer = &probity.OrgRef{ID: buyerID.Int64, Name: buyerName}
	}
	if amount.Valid {
		c.Value = &probity.Value{Amount: amount.Float64, Currency: currency.String}
	}
	if err := json.Unmarshal([]byte(files), &c.SourceFiles); err != nil {
		return nil, fmt.Errorf("sqlite: contract %s: source_files: %w", c.ID, err)
	}
	return &c, nil
}

func loadContract(ctx context.Context, q querier, id string) (*probity.Contract, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+contractColumns+contractFrom+` WHERE c.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, probity.Errorf(probity.ENOTFOUND, "contract %q not found", id)
	}
	c, err := scanContract(rows)
	rows.Close()
	if err != nil {
		return nil, err
	}
	if err := loadParties(ctx, q, c); err != nil {
		return nil, err
	}
	return c, nil
}

func loadParties(ctx context.Context, q querier, c *probity.Contract) error {
	rows, err := q.QueryContext(ctx, `SELECT p.role, o.id, o.name FROM contract_parties p JOIN organizations o ON o.id = p.org_id
		WHERE p.contract_id = ? ORDER BY p.role, p.ord`, c.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	c.Suppliers = []probity.OrgRef{}
	for rows.Next() {
		var role string
		var ref probity.OrgRef
		if err := rows.Scan(&role, &ref.ID, &ref.Name); err != nil {
			return err
		}
		switch role {
		case "supplier":
			c.Suppliers = append(c.Suppliers, ref)
		case "subcontractor":
			c.Subcontractors = append(c.Subcontractors, ref)
		}
	}
	return rows.Err()
}

// Contract implements probity.Store.
func (db *DB) Contract(ctx context.Context, id string) (*probity.Contract, error) {
	return loadContract(ctx, db.read, id)
}

// Contracts implements probity.Store. The buyer filter matches the buyer's
// names and aliases and those of every body the buyer is part of, so that
// "Homeland Security" finds the contracts of its agencies.
func (db *DB) Contracts(ctx context.Context, f probity.ContractFilter) ([]probity.Contract, error) {
	var where []string
	var args []any
	query := `SELECT ` + contractColumns + contractFrom
	if f.Buyer != "" {
		pat := "%" + escapeLike(strings.ToLower(f.Buyer)) + "%"
		query = `WITH RECURSIVE matched(id) AS (
			SELECT org_id FROM org_names WHERE lower(name) LIKE ? ESCAPE '\'
			UNION SELECT id FROM organizations WHERE lower(name) LIKE ? ESCAPE '\'
			UNION SELECT r.from_id FROM relationships r JOIN matched m ON r.to_id = m.id WHERE r.kind = 'part_of'
		) ` + query
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
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY c.id`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []probity.Contract
	for rows.Next() {
		c, err := scanContract(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, *c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := loadPartiesOf(ctx, db.read, out); err != nil {
		return nil, err
	}
	return out, nil
}

// loadPartiesOf fills in the suppliers and subcontractors of many
// contracts with one query per thousand contracts (not one per contract).
func loadPartiesOf(ctx context.Context, q querier, list []probity.Contract) error {
	index := make(map[string]int, len(list))
	for i := range list {
		index[list[i].ID] = i
		list[i].Suppliers = []probity.OrgRef{}
	}
	const chunk = 1000
	for start := 0; start < len(list); start += chunk {
		ids := make([]string, 0, chunk)
		for _, c := range list[start:min(start+chunk, len(list))] {
			ids = append(ids, c.ID)
		}
		arg, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, `SELECT p.contract_id, p.role, o.id, o.name FROM contract_parties p
			JOIN organizations o ON o.id = p.org_id
			WHERE p.contract_id IN (SELECT value FROM json_each(?)) ORDER BY p.contract_id, p.role, p.ord`, string(arg))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, role string
			var ref probity.OrgRef
			if err := rows.Scan(&id, &role, &ref.ID, &ref.Name); err != nil {
				rows.Close()
				return err
			}
			c := &list[index[id]]
			switch role {
			case "supplier":
				c.Suppliers = append(c.Suppliers, ref)
			case "subcontractor":
				c.Subcontractors = append(c.Subcontractors, ref)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// Organization implements probity.Store.
func (db *DB) Organization(ctx context.Context, id int64) (*probity.Organization, error) {
	var o probity.Organization
	var kind string
	err := db.read.QueryRowContext(ctx, `SELECT id, name, kind, country FROM organizations WHERE id = ?`, id).Scan(&o.ID, &o.Name, &kind, &o.Country)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, probity.Errorf(probity.ENOTFOUND, "organization %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	o.Kind = probity.OrgKind(kind)
	if o.Identifiers, err = orgIdentifiers(ctx, db.read, id); err != nil {
		return nil, err
	}
	if err := db.orgDetails(ctx, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

func (db *DB) orgDetails(ctx context.Context, o *probity.Organization) error {
	rows, err := db.read.QueryContext(ctx, `SELECT name, source FROM org_names WHERE org_id = ? ORDER BY name, source`, o.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a probity.Alias
		if err := rows.Scan(&a.Name, &a.Source); err != nil {
			rows.Close()
			return err
		}
		o.Aliases = append(o.Aliases, a)
	}
	rows.Close()
	rows, err = db.read.QueryContext(ctx, `SELECT role FROM org_roles WHERE org_id = ? ORDER BY role`, o.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return err
		}
		o.Roles = append(o.Roles, r)
	}
	rows.Close()
	rows, err = db.read.QueryContext(ctx, `SELECT rule, key, name, source, at FROM org_merges WHERE org_id = ? ORDER BY at, rule, source, name`, o.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var m probity.MergeReason
		var at string
		if err := rows.Scan(&m.Rule, &m.Key, &m.Name, &m.Source, &at); err != nil {
			rows.Close()
			return err
		}
		m.At, _ = time.Parse(time.RFC3339, at)
		o.Merges = append(o.Merges, m)
	}
	rows.Close()
	var parent probity.OrgRef
	err = db.read.QueryRowContext(ctx, `SELECT o.id, o.name FROM relationships r JOIN organizations o ON o.id = r.to_id
		WHERE r.from_id = ? AND r.kind = 'part_of' ORDER BY r.id LIMIT 1`, o.ID).Scan(&parent.ID, &parent.Name)
	if err == nil {
		o.PartOf = &parent
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}

func orgIdentifiers(ctx context.Context, q querier, orgID int64) ([]probity.Identifier, error) {
	rows, err := q.QueryContext(ctx, `SELECT scheme, ident FROM org_identifiers WHERE org_id = ? ORDER BY scheme, ident`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Identifier
	for rows.Next() {
		var id probity.Identifier
		if err := rows.Scan(&id.Scheme, &id.ID); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Organizations implements probity.Store: organizations with their
// identifiers (not their aliases or merge history; see Organization).
func (db *DB) Organizations(ctx context.Context, f probity.OrgFilter) ([]probity.Organization, error) {
	query := `SELECT id, name, kind, country FROM organizations`
	var args []any
	if f.Name != "" {
		query += ` WHERE id IN (SELECT org_id FROM org_names WHERE lower(name) LIKE ? ESCAPE '\') OR lower(name) LIKE ? ESCAPE '\'`
		pat := "%" + escapeLike(strings.ToLower(f.Name)) + "%"
		args = append(args, pat, pat)
	}
	query += ` ORDER BY id`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []probity.Organization
	for rows.Next() {
		var o probity.Organization
		var kind string
		if err := rows.Scan(&o.ID, &o.Name, &kind, &o.Country); err != nil {
			rows.Close()
			return nil, err
		}
		o.Kind = probity.OrgKind(kind)
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) <= 64 {
		for i := range out {
			if out[i].Identifiers, err = orgIdentifiers(ctx, db.read, out[i].ID); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	// Many organizations: read every identifier in one pass.
	index := make(map[int64]int, len(out))
	for i, o := range out {
		index[o.ID] = i
	}
	rows, err = db.read.QueryContext(ctx, `SELECT org_id, scheme, ident FROM org_identifiers ORDER BY org_id, scheme, ident`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var x probity.Identifier
		if err := rows.Scan(&id, &x.Scheme, &x.ID); err != nil {
			return nil, err
		}
		if i, ok := index[id]; ok {
			out[i].Identifiers = append(out[i].Identifiers, x)
		}
	}
	return out, rows.Err()
}

// Relationships implements probity.Store: every edge from or to orgID.
func (db *DB) Relationships(ctx context.Context, orgID int64) ([]probity.Relationship, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, from_id, ifnull(to_id, 0), ifnull(contract_id, ''), kind, source, start_date, end_date
		FROM relationships WHERE from_id = ? OR to_id = ? ORDER BY id`, orgID, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Relationship
	for rows.Next() {
		var r probity.Relationship
		if err := rows.Scan(&r.ID, &r.From, &r.To, &r.ContractID, &r.Kind, &r.Source, &r.Start, &r.End); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

const releasesQuery = `SELECT ocid, release_id, date, version, source, data FROM releases`

func scanReleases(rows *sql.Rows, fn func(probity.Release) error) error {
	for rows.Next() {
		var r probity.Release
		var data []byte
		if err := rows.Scan(&r.OCID, &r.ID, &r.Date, &r.Version, &r.Source, &data); err != nil {
			return err
		}
		r.Raw = data
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Releases implements probity.Store.
func (db *DB) Releases(ctx context.Context, ocid string, fn func(string, []probity.Release) error) error {
	query := releasesQuery + ` ORDER BY ocid, seq`
	var args []any
	if ocid != "" {
		query = releasesQuery + ` WHERE ocid = ? ORDER BY seq`
		args = append(args, ocid)
	}
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur string
	var batch []probity.Release
	err = scanReleases(rows, func(r probity.Release) error {
		if r.OCID != cur && len(batch) > 0 {
			if err := fn(cur, batch); err != nil {
				return err
			}
			batch = nil
		}
		cur = r.OCID
		batch = append(batch, r)
		return nil
	})
	if err != nil {
		return err
	}
	if len(batch) > 0 {
		return fn(cur, batch)
	}
	return nil
}
