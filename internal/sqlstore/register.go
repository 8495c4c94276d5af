package sqlstore

import (
	"context"

	"github.com/probity/probity"
)

// The register: what ingest writes through probity.Tx (releases,
// organizations, contracts, relationships) in one write transaction.

var (
	_ probity.Store    = (*DB)(nil)
	_ probity.Tx       = (*Tx)(nil)
	_ probity.ReviewTx = (*Tx)(nil)
)

// Update implements probity.Store: fn runs in one write transaction.
func (db *DB) Update(ctx context.Context, fn func(probity.Tx) error) error {
	return db.write(ctx, func(tx *Tx) error { return fn(tx) })
}

// UpdateReview implements probity.ReviewStore.
func (db *DB) UpdateReview(ctx context.Context, fn func(probity.ReviewTx) error) error {
	return db.write(ctx, func(tx *Tx) error { return fn(tx) })
}

// exists returns ENOTFOUND (notFound formatted with arg) unless query, a
// SELECT EXISTS with one parameter, holds.
func (tx *Tx) exists(ctx context.Context, query string, arg any, notFound string) error {
	var ok bool
	if err := tx.queryRow(ctx, query, arg).Scan(&ok); err != nil {
		return tx.db.wrap(err)
	}
	if !ok {
		return probity.Errorf(probity.ENOTFOUND, notFound, arg)
	}
	return nil
}

func (tx *Tx) orgExists(ctx context.Context, id int64) error {
	return tx.exists(ctx, `SELECT EXISTS (SELECT 1 FROM organizations WHERE id = ?)`, id, "organization %d not found")
}

func (tx *Tx) contractExists(ctx context.Context, id string) error {
	return tx.exists(ctx, `SELECT EXISTS (SELECT 1 FROM contracts WHERE id = ?)`, id, "contract %q not found")
}
