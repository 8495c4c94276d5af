package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/probity/probity"
)

const contractColumns = `c.id, c.title, c.description, c.status, c.buyer_id, coalesce(b.name, ''), c.value_amount, c.value_currency,
	c.period_start, c.period_end, c.source, c.source_reference, c.source_files`

const contractFrom = ` FROM contracts c LEFT JOIN organizations b ON b.id = c.buyer_id`

func scanContract(row pgx.Row) (*probity.Contract, error) {
	var c probity.Contract
	var buyerID *int64
	var buyerName string
	var amount *float64
	var currency *string
	var files string
	if err := row.Scan(&c.ID, &c.Title, &c.Description, &c.Status, &buyerID, &buyerName, &amount, &currency,
		&c.Period.Start, &c.Period.End, &c.Source, &c.SourceReference, &files); err != nil {
		return nil, err
	}
	if buyerID != nil {
		c.Buyer = &probity.OrgRef{ID: *buyerID, Name: buyerName}
	}
	if amount != nil {
		c.Value = &probity.Value{Amount: *amount}
		if currency != nil {
			c.Value.Currency = *currency
		}
	}
	if err := json.Unmarshal([]byte(files), &c.SourceFiles); err != nil {
		return nil, fmt.Errorf("postgres: contract %s: source_files: %w", c.ID, err)
	}
	return &c, nil
}

func loadContract(ctx context.Context, q querier, id string) (*probity.Contract, error) {
	c, err := scanContract(q.QueryRow(ctx, `SELECT `+contractColumns+contractFrom+` WHERE c.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, probity.Errorf(probity.ENOTFOUND, "contract %q not found", id)
	}
	if err != nil {
		return nil, err
	}
	if err := loadParties(ctx, q, c); err != nil {
		return nil, err
	}
	return c, nil
}

func loadParties(ctx context.Context, q querier, c *probity.Contract) error {
	rows, err := q.Query(ctx, `SELECT p.role, o.id, o.name FROM contract_parties p JOIN organizations o ON o.id = p.org_id
		WHERE p.contract_id = $1 ORDER BY p.role, p.ord`, c.ID)
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
		addParty(c, role, ref)
	}
	return rows.Err()
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
	return loadContract(ctx, db.pool, id)
}

// Contracts implements probity.Store. The buyer filter matches the buyer's
// names and aliases and those of every body the buyer is part of, so that
// "Homeland Security" finds the contracts of its agencies.
func (db *DB) Contracts(ctx context.Context, f probity.ContractFilter) ([]probity.Contract, error) {
	var where []string
	var p params
	var with string
	if f.Buyer != "" {
		pat := p.add("%" + escapeLike(strings.ToLower(f.Buyer)) + "%")
		with = `WITH RECURSIVE matched(id) AS (
			SELECT org_id FROM org_names WHERE lower(name) LIKE ` + pat + ` ESCAPE '\'
			UNION SELECT id FROM organizations WHERE lower(name) LIKE ` + pat + ` ESCAPE '\'
			UNION SELECT r.from_id FROM relationships r JOIN matched m ON r.to_id = m.id WHERE r.kind = 'part_of'
		) `
		where = append(where, `c.buyer_id IN (SELECT id FROM matched)`)
	}
	if f.Status != "" {
		where = append(where, `c.status = `+p.add(f.Status))
	}
	if f.After != "" {
		where = append(where, `c.id > `+p.add(f.After))
	}
	// tail selects the listed contracts from "contracts c": the listing
	// query and, for long listings, the parties query share it.
	tail := ``
	if len(where) > 0 {
		tail += ` WHERE ` + strings.Join(where, ` AND `)
	}
	tail += ` ORDER BY c.id`
	if f.Limit > 0 {
		tail += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := db.pool.Query(ctx, with+`SELECT `+contractColumns+contractFrom+tail, p.args...)
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
	if len(out) <= partiesByID {
		err = loadPartiesOf(ctx, db.pool, out)
	} else {
		// A long listing: select its parties with the same filter rather
		// than send every id back (three times faster for 100,000).
		err = fillParties(ctx, db.pool, out, with+`SELECT p.contract_id, p.role, o.id, o.name FROM contract_parties p
			JOIN organizations o ON o.id = p.org_id
			WHERE p.contract_id IN (SELECT c.id FROM contracts c`+tail+`) ORDER BY p.contract_id, p.role, p.ord`, p.args...)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// partiesByID is the longest listing whose parties are read by passing
// its contract ids.
const partiesByID = 5000

// loadPartiesOf fills in the suppliers and subcontractors of contracts
// with one query (not one per contract); the ids go as one text[]
// parameter.
func loadPartiesOf(ctx context.Context, q querier, list []probity.Contract) error {
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	return fillParties(ctx, q, list, `SELECT p.contract_id, p.role, o.id, o.name FROM contract_parties p
		JOIN organizations o ON o.id = p.org_id
		WHERE p.contract_id = ANY($1) ORDER BY p.contract_id, p.role, p.ord`, ids)
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
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, role string
		var ref probity.OrgRef
		if err := rows.Scan(&id, &role, &ref.ID, &ref.Name); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			addParty(&list[i], role, ref)
		}
	}
	return rows.Err()
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// Organization implements probity.Store.
func (db *DB) Organization(ctx context.Context, id int64) (*probity.Organization, error) {
	var o probity.Organization
	var kind string
	err := db.pool.QueryRow(ctx, `SELECT id, name, kind, country FROM organizations WHERE id = $1`, id).Scan(&o.ID, &o.Name, &kind, &o.Country)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, probity.Errorf(probity.ENOTFOUND, "organization %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	o.Kind = probity.OrgKind(kind)
	if o.Identifiers, err = orgIdentifiers(ctx, db.pool, id); err != nil {
		return nil, err
	}
	if err := db.orgDetails(ctx, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

func (db *DB) orgDetails(ctx context.Context, o *probity.Organization) error {
	rows, err := db.pool.Query(ctx, `SELECT name, source FROM org_names WHERE org_id = $1 ORDER BY name, source`, o.ID)
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
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.pool.Query(ctx, `SELECT role FROM org_roles WHERE org_id = $1 ORDER BY role`, o.ID)
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
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = db.pool.Query(ctx, `SELECT rule, key, name, source, at FROM org_merges WHERE org_id = $1 ORDER BY at, rule, source, name`, o.ID)
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
	if err := rows.Err(); err != nil {
		return err
	}
	var parent probity.OrgRef
	err = db.pool.QueryRow(ctx, `SELECT o.id, o.name FROM relationships r JOIN organizations o ON o.id = r.to_id
		WHERE r.from_id = $1 AND r.kind = 'part_of' ORDER BY r.id LIMIT 1`, o.ID).Scan(&parent.ID, &parent.Name)
	if err == nil {
		o.PartOf = &parent
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	return nil
}

func orgIdentifiers(ctx context.Context, q querier, orgID int64) ([]probity.Identifier, error) {
	rows, err := q.Query(ctx, `SELECT scheme, ident FROM org_identifiers WHERE org_id = $1 ORDER BY scheme, ident`, orgID)
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
	var p params
	if f.Name != "" {
		pat := p.add("%" + escapeLike(strings.ToLower(f.Name)) + "%")
		query += ` WHERE id IN (SELECT org_id FROM org_names WHERE lower(name) LIKE ` + pat + ` ESCAPE '\') OR lower(name) LIKE ` + pat + ` ESCAPE '\'`
	}
	query += ` ORDER BY id`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := db.pool.Query(ctx, query, p.args...)
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
	if len(out) == 0 {
		return out, nil
	}
	// Every identifier of the listed organizations in one query.
	index := make(map[int64]int, len(out))
	ids := make([]int64, len(out))
	for i, o := range out {
		index[o.ID] = i
		ids[i] = o.ID
	}
	rows, err = db.pool.Query(ctx, `SELECT org_id, scheme, ident FROM org_identifiers WHERE org_id = ANY($1) ORDER BY org_id, scheme, ident`, ids)
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

const relationshipColumns = `id, from_id, coalesce(to_id, 0), coalesce(contract_id, ''), kind, source, start_date, end_date`

func scanRelationship(row pgx.Row) (probity.Relationship, error) {
	var r probity.Relationship
	err := row.Scan(&r.ID, &r.From, &r.To, &r.ContractID, &r.Kind, &r.Source, &r.Start, &r.End)
	return r, err
}

// Relationships implements probity.Store: every edge from or to orgID.
func (db *DB) Relationships(ctx context.Context, orgID int64) ([]probity.Relationship, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+relationshipColumns+` FROM relationships WHERE from_id = $1 OR to_id = $1 ORDER BY id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Relationship
	for rows.Next() {
		r, err := scanRelationship(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

const releasesQuery = `SELECT ocid, release_id, date, version, source, data FROM releases`

func scanReleases(rows pgx.Rows, fn func(probity.Release) error) error {
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
		query = releasesQuery + ` WHERE ocid = $1 ORDER BY seq`
		args = append(args, ocid)
	}
	rows, err := db.pool.Query(ctx, query, args...)
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
