package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/probity/probity"
)

// OrgByIdentifier implements probity.Tx.
func (tx *Tx) OrgByIdentifier(ctx context.Context, id probity.Identifier) (int64, bool, error) {
	if l, err := tx.firstLoad(ctx); err != nil || l != nil {
		org, ok := l.ident(id)
		return org, ok, err
	}
	var orgID int64
	err := tx.queryRow(ctx, `SELECT org_id FROM org_identifiers WHERE scheme = ? AND ident = ?`, id.Scheme, id.ID).Scan(&orgID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return orgID, err == nil, tx.db.wrap(err)
}

// OrgsByNormName implements probity.Tx.
func (tx *Tx) OrgsByNormName(ctx context.Context, norm string) ([]int64, error) {
	if l, err := tx.firstLoad(ctx); err != nil || l != nil {
		return l.orgsNamed(norm), err
	}
	return queryIDs(ctx, tx, `SELECT DISTINCT org_id FROM org_names WHERE norm = ? ORDER BY org_id`, norm)
}

func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// OrgIdentifiers implements probity.Tx.
func (tx *Tx) OrgIdentifiers(ctx context.Context, orgID int64) ([]probity.Identifier, error) {
	return orgIdentifiers(ctx, tx, orgID)
}

func orgIdentifiers(ctx context.Context, q querier, orgID int64) ([]probity.Identifier, error) {
	rows, err := q.query(ctx, `SELECT scheme, ident FROM org_identifiers WHERE org_id = ? ORDER BY scheme, ident`, orgID)
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

// OrgKind implements probity.Tx.
func (tx *Tx) OrgKind(ctx context.Context, orgID int64) (probity.OrgKind, error) {
	var kind string
	err := tx.queryRow(ctx, `SELECT kind FROM organizations WHERE id = ?`, orgID).Scan(&kind)
	return probity.OrgKind(kind), notFound(err, "organization %d not found", orgID)
}

// CreateOrg implements probity.Tx.
func (tx *Tx) CreateOrg(ctx context.Context, name string, kind probity.OrgKind, country string) (int64, error) {
	if _, err := tx.firstLoad(ctx); err != nil {
		return 0, err
	}
	return tx.insertID(ctx, `INSERT INTO organizations (name, kind, country) VALUES (?, ?, ?) RETURNING id`, name, string(kind), country)
}

// AddOrgName implements probity.Tx.
func (tx *Tx) AddOrgName(ctx context.Context, orgID int64, name, norm, source string) error {
	if l, err := tx.firstLoad(ctx); err != nil {
		return err
	} else if l != nil {
		l.addName(norm, orgID)
	}
	return tx.put(ctx, `INSERT INTO org_names (org_id, name, norm, source) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, orgID, name, norm, source)
}

// AddOrgIdentifier implements probity.Tx. An identifier already held by
// another organization is left with it.
func (tx *Tx) AddOrgIdentifier(ctx context.Context, orgID int64, id probity.Identifier) error {
	if l, err := tx.firstLoad(ctx); err != nil {
		return err
	} else if l != nil {
		if _, held := l.idents[identKey(id)]; !held {
			l.idents[identKey(id)] = orgID
		}
	}
	return tx.put(ctx, `INSERT INTO org_identifiers (scheme, ident, org_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, id.Scheme, id.ID, orgID)
}

// AddOrgRole implements probity.Tx.
func (tx *Tx) AddOrgRole(ctx context.Context, orgID int64, role string) error {
	return tx.put(ctx, `INSERT INTO org_roles (org_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING`, orgID, role)
}

// AddMerge implements probity.Tx.
func (tx *Tx) AddMerge(ctx context.Context, orgID int64, m probity.MergeReason) error {
	at := m.At
	if at.IsZero() {
		at = tx.db.Now()
	}
	return tx.put(ctx, `INSERT INTO org_merges (org_id, rule, key, name, source, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		orgID, m.Rule, m.Key, m.Name, m.Source, at.UTC().Format(time.RFC3339))
}

// Organization implements probity.Store.
func (db *DB) Organization(ctx context.Context, id int64) (*probity.Organization, error) {
	var o probity.Organization
	var kind string
	err := db.queryRow(ctx, `SELECT id, name, kind, country FROM organizations WHERE id = ?`, id).Scan(&o.ID, &o.Name, &kind, &o.Country)
	if err != nil {
		return nil, db.wrap(notFound(err, "organization %d not found", id))
	}
	o.Kind = probity.OrgKind(kind)
	if o.Identifiers, err = orgIdentifiers(ctx, db, id); err != nil {
		return nil, err
	}
	if err := db.orgDetails(ctx, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

// orgDetails reads an organization's aliases, roles, merge reasons and
// the body it is part of.
func (db *DB) orgDetails(ctx context.Context, o *probity.Organization) error {
	err := eachRow(ctx, db, `SELECT name, source FROM org_names WHERE org_id = ? ORDER BY name, source`, []any{o.ID}, func(rows *sql.Rows) error {
		var a probity.Alias
		err := rows.Scan(&a.Name, &a.Source)
		o.Aliases = append(o.Aliases, a)
		return err
	})
	if err != nil {
		return err
	}
	err = eachRow(ctx, db, `SELECT role FROM org_roles WHERE org_id = ? ORDER BY role`, []any{o.ID}, func(rows *sql.Rows) error {
		var r string
		err := rows.Scan(&r)
		o.Roles = append(o.Roles, r)
		return err
	})
	if err != nil {
		return err
	}
	err = eachRow(ctx, db, `SELECT rule, key, name, source, at FROM org_merges WHERE org_id = ? ORDER BY at, rule, source, name`, []any{o.ID}, func(rows *sql.Rows) error {
		var m probity.MergeReason
		var at string
		err := rows.Scan(&m.Rule, &m.Key, &m.Name, &m.Source, &at)
		m.At, _ = time.Parse(time.RFC3339, at)
		o.Merges = append(o.Merges, m)
		return err
	})
	if err != nil {
		return err
	}
	var parent probity.OrgRef
	err = db.queryRow(ctx, `SELECT o.id, o.name FROM relationships r JOIN organizations o ON o.id = r.to_id
		WHERE r.from_id = ? AND r.kind = 'part_of' ORDER BY r.id LIMIT 1`, o.ID).Scan(&parent.ID, &parent.Name)
	if err == nil {
		o.PartOf = &parent
	} else if !errors.Is(err, sql.ErrNoRows) {
		return db.wrap(err)
	}
	return nil
}

// eachRow runs query and calls fn for each row.
func eachRow(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Organizations implements probity.Store: organizations with their
// identifiers (not their aliases or merge history; see Organization).
func (db *DB) Organizations(ctx context.Context, f probity.OrgFilter) ([]probity.Organization, error) {
	query := `SELECT id, name, kind, country FROM organizations`
	var args []any
	if f.Name != "" {
		pat := "%" + escapeLike(strings.ToLower(f.Name)) + "%"
		query += ` WHERE id IN (SELECT org_id FROM org_names WHERE lower(name) LIKE ? ESCAPE '\') OR lower(name) LIKE ? ESCAPE '\'`
		args = append(args, pat, pat)
	}
	query += ` ORDER BY id`
	if f.Limit > 0 {
		query += limit(f.Limit)
	}
	var out []probity.Organization
	err := eachRow(ctx, db, query, args, func(rows *sql.Rows) error {
		var o probity.Organization
		var kind string
		err := rows.Scan(&o.ID, &o.Name, &kind, &o.Country)
		o.Kind = probity.OrgKind(kind)
		out = append(out, o)
		return err
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	// Every identifier of the listed organizations in one query.
	index := make(map[int64]int, len(out))
	ids := make([]int64, len(out))
	for i, o := range out {
		index[o.ID] = i
		ids[i] = o.ID
	}
	list, err := db.d.ListArg(ids)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, db, `SELECT org_id, scheme, ident FROM org_identifiers WHERE `+db.d.InList("org_id")+` ORDER BY org_id, scheme, ident`, []any{list}, func(rows *sql.Rows) error {
		var id int64
		var x probity.Identifier
		if err := rows.Scan(&id, &x.Scheme, &x.ID); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			out[i].Identifiers = append(out[i].Identifiers, x)
		}
		return nil
	})
	return out, err
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
