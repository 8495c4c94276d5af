package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/probity/probity"
)

// Tx is a write transaction; it implements probity.Tx and
// probity.ReviewTx. pgx prepares and caches each statement per connection,
// so the statements of ingest are parsed once.
type Tx struct {
	tx pgx.Tx
	db *DB
}

var _ probity.Tx = (*Tx)(nil)

func (tx *Tx) exec(ctx context.Context, query string, args ...any) (pgconn.CommandTag, error) {
	tag, err := tx.tx.Exec(ctx, query, args...)
	if err != nil {
		return tag, wrapErr(err)
	}
	return tag, nil
}

// insertID runs an INSERT … RETURNING id and returns the id.
func (tx *Tx) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	if err := tx.tx.QueryRow(ctx, query, args...).Scan(&id); err != nil {
		return 0, wrapErr(err)
	}
	return id, nil
}

// PutRelease implements probity.Tx.
func (tx *Tx) PutRelease(ctx context.Context, r probity.Release) (bool, error) {
	tag, err := tx.exec(ctx, `INSERT INTO releases (ocid, release_id, date, version, source, data) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
		r.OCID, r.ID, r.Date, r.Version, r.Source, []byte(r.Raw))
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() > 0, nil
}

// ReleasesOf implements probity.Tx.
func (tx *Tx) ReleasesOf(ctx context.Context, ocid string) ([]probity.Release, error) {
	rows, err := tx.tx.Query(ctx, releasesQuery+` WHERE ocid = $1 ORDER BY seq`, ocid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Release
	err = scanReleases(rows, func(r probity.Release) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// OrgByIdentifier implements probity.Tx.
func (tx *Tx) OrgByIdentifier(ctx context.Context, id probity.Identifier) (int64, bool, error) {
	var orgID int64
	err := tx.tx.QueryRow(ctx, `SELECT org_id FROM org_identifiers WHERE scheme = $1 AND ident = $2`, id.Scheme, id.ID).Scan(&orgID)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	return orgID, err == nil, err
}

// OrgsByNormName implements probity.Tx.
func (tx *Tx) OrgsByNormName(ctx context.Context, norm string) ([]int64, error) {
	return queryIDs(ctx, tx.tx, `SELECT DISTINCT org_id FROM org_names WHERE norm = $1 ORDER BY org_id`, norm)
}

func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.Query(ctx, query, args...)
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
	return orgIdentifiers(ctx, tx.tx, orgID)
}

// OrgKind implements probity.Tx.
func (tx *Tx) OrgKind(ctx context.Context, orgID int64) (probity.OrgKind, error) {
	var kind string
	err := tx.tx.QueryRow(ctx, `SELECT kind FROM organizations WHERE id = $1`, orgID).Scan(&kind)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", probity.Errorf(probity.ENOTFOUND, "organization %d not found", orgID)
	}
	return probity.OrgKind(kind), err
}

// CreateOrg implements probity.Tx.
func (tx *Tx) CreateOrg(ctx context.Context, name string, kind probity.OrgKind, country string) (int64, error) {
	return tx.insertID(ctx, `INSERT INTO organizations (name, kind, country) VALUES ($1, $2, $3) RETURNING id`, name, string(kind), country)
}

// AddOrgName implements probity.Tx.
func (tx *Tx) AddOrgName(ctx context.Context, orgID int64, name, norm, source string) error {
	_, err := tx.exec(ctx, `INSERT INTO org_names (org_id, name, norm, source) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, orgID, name, norm, source)
	return err
}

// AddOrgIdentifier implements probity.Tx. An identifier already held by
// another organization is left with it.
func (tx *Tx) AddOrgIdentifier(ctx context.Context, orgID int64, id probity.Identifier) error {
	_, err := tx.exec(ctx, `INSERT INTO org_identifiers (scheme, ident, org_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, id.Scheme, id.ID, orgID)
	return err
}

// AddOrgRole implements probity.Tx.
func (tx *Tx) AddOrgRole(ctx context.Context, orgID int64, role string) error {
	_, err := tx.exec(ctx, `INSERT INTO org_roles (org_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING`, orgID, role)
	return err
}

// AddMerge implements probity.Tx.
func (tx *Tx) AddMerge(ctx context.Context, orgID int64, m probity.MergeReason) error {
	at := m.At
	if at.IsZero() {
		at = tx.db.Now()
	}
	_, err := tx.exec(ctx, `INSERT INTO org_merges (org_id, rule, key, name, source, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
		orgID, m.Rule, m.Key, m.Name, m.Source, at.UTC().Format(time.RFC3339))
	return err
}

// Contract implements probity.Tx.
func (tx *Tx) Contract(ctx context.Context, id string) (*probity.Contract, error) {
	return loadContract(ctx, tx.tx, id)
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
	var buyer any
	if c.Buyer != nil && c.Buyer.ID != 0 {
		buyer = c.Buyer.ID
	}
	var amount, currency any
	if c.Value != nil {
		amount, currency = c.Value.Amount, c.Value.Currency
	}
	files, _ := json.Marshal(nonNil(c.SourceFiles))
	// The contract and its parties go in one round trip.
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO contracts (id, title, description, status, buyer_id, value_amount, value_currency, period_start, period_end, source, source_reference, source_files)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, status = excluded.status,
			buyer_id = excluded.buyer_id, value_amount = excluded.value_amount, value_currency = excluded.value_currency,
			period_start = excluded.period_start, period_end = excluded.period_end, source = excluded.source,
			source_reference = excluded.source_reference, source_files = excluded.source_files`,
		c.ID, c.Title, c.Description, c.Status, buyer, amount, currency, c.Period.Start, c.Period.End, c.Source, c.SourceReference, string(files))
	if !isNew {
		b.Queue(`DELETE FROM contract_parties WHERE contract_id = $1`, c.ID)
	}
	for _, p := range []struct {
		role string
		refs []probity.OrgRef
	}{{"supplier", c.Suppliers}, {"subcontractor", c.Subcontractors}} {
		for i, r := range p.refs {
			b.Queue(`INSERT INTO contract_parties (contract_id, role, org_id, ord) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, c.ID, p.role, r.ID, i)
		}
	}
	if err := tx.tx.SendBatch(ctx, b).Close(); err != nil {
		return wrapErr(err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// PutRelationship implements probity.Tx.
func (tx *Tx) PutRelationship(ctx context.Context, r probity.Relationship) error {
	_, err := tx.putRelationship(ctx, r)
	return err
}

// putRelationship stores an edge unless it is already stored and reports
// whether it was new.
func (tx *Tx) putRelationship(ctx context.Context, r probity.Relationship) (bool, error) {
	var to, contract any
	if r.To != 0 {
		to = r.To
	}
	if r.ContractID != "" {
		contract = r.ContractID
	}
	tag, err := tx.exec(ctx, `INSERT INTO relationships (from_id, to_id, contract_id, kind, source, start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
		r.From, to, contract, r.Kind, r.Source, r.Start, r.End)
	if err != nil {
		return false, err
	}
	return tag.RowsAffected() > 0, nil
}
