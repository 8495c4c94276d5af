package sqlite

import (
	"context"
	"database/sql"
)

// ExecForTest runs raw SQL inside the transaction, for tests only.
func (tx *Tx) ExecForTest(ctx context.Context, q string) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, q)
}
