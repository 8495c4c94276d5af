package postgres

import (
	"context"

	"github.com/jackc/pgx/v5/pgconn"
)

// ExecForTest runs raw SQL inside the transaction, for tests only.
func (tx *Tx) ExecForTest(ctx context.Context, q string) (pgconn.CommandTag, error) {
	return tx.tx.Exec(ctx, q)
}
