package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Moving a whole install from one store to another (probity copy): every
// table but schema_migrations, row for row, ids included.

// copyChunk is how many rows go in one bulk load.
const copyChunk = 5000

// Tables lists the tables of the store (but schema_migrations), each after
// the tables its foreign keys refer to.
func (db *DB) Tables(ctx context.Context) ([]string, error) {
	parents := map[string][]string{}
	err := eachRow(ctx, db, db.d.TablesQuery, nil, func(rows *sql.Rows) error {
		var t, p string
		if err := rows.Scan(&t, &p); err != nil {
			return err
		}
		if p != "" && p != t {
			parents[t] = append(parents[t], p)
		} else if _, ok := parents[t]; !ok {
			parents[t] = nil
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	delete(parents, "schema_migrations")
	names := slices.Sorted(maps.Keys(parents))
	var out []string
	done := map[string]bool{}
	var visit func(t string, depth int) error
	visit = func(t string, depth int) error {
		if done[t] {
			return nil
		}
		if depth > len(names) {
			return fmt.Errorf("%s: foreign keys form a cycle through %s", db.d.Name, t)
		}
		for _, p := range parents[t] {
			if err := visit(p, depth+1); err != nil {
				return err
			}
		}
		done[t] = true
		out = append(out, t)
		return nil
	}
	for _, t := range names {
		if err := visit(t, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Counts returns the number of rows of every table.
func (db *DB) Counts(ctx context.Context) (map[string]int64, error) {
	tables, err := db.Tables(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(tables))
	for _, t := range tables {
		var n int64
		if err := db.queryRow(ctx, `SELECT count(*) FROM `+quoteIdent(t)).Scan(&n); err != nil {
			return nil, db.wrap(err)
		}
		out[t] = n
	}
	return out, nil
}

// columnTypes returns the declared type (lower case) of every column of
// table.
func (db *DB) columnTypes(ctx context.Context, table string) (map[string]string, error) {
	out := map[string]string{}
	err := eachRow(ctx, db, db.d.ColumnsQuery, []any{table}, func(rows *sql.Rows) error {
		var name, typ string
		err := rows.Scan(&name, &typ)
		out[name] = strings.ToLower(typ)
		return err
	})
	return out, err
}

// CopyTo copies every row of every table of db into dst, a new database
// (see newDatabaseTables), in one write transaction of dst: all or nothing.
// dst's triggers are off meanwhile, so that the copy is the source row for
// row. progress (may be nil) is told each table's rows as they are written.
func (db *DB) CopyTo(ctx context.Context, dst *DB, progress func(table string, rows int64)) error {
	tables, err := db.Tables(ctx)
	if err != nil {
		return err
	}
	dstTables, err := dst.Tables(ctx)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if !slices.Contains(dstTables, t) {
			return fmt.Errorf("%s has no table %s: is its schema older than %s's?", dst.d.Name, t, db.d.Name)
		}
	}
	if dst.d.DisableTriggers == "" {
		return fmt.Errorf("%s cannot be the destination of a copy: its triggers cannot be switched off", dst.d.Name)
	}
	return dst.write(ctx, func(tx *Tx) error {
		for _, t := range newDatabaseTables {
			var nonEmpty bool
			if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteIdent(t)+`)`).Scan(&nonEmpty); err != nil {
				return tx.db.wrap(err)
			}
			if nonEmpty {
				return fmt.Errorf("%s: table %s is not empty: copy only into a new database", dst.d.Name, t)
			}
		}
		// The rows are copied as they are: the triggers that note changes
		// (the pending-changes outbox) must not fire, and what the
		// migrations seeded (the change counter) makes way for the
		// source's rows.
		for _, t := range tables {
			if _, err := tx.exec(ctx, fmt.Sprintf(dst.d.DisableTriggers, quoteIdent(t))); err != nil {
				return err
			}
		}
		for i := len(tables) - 1; i >= 0; i-- {
			if _, err := tx.exec(ctx, `DELETE FROM `+quoteIdent(tables[i])); err != nil {
				return err
			}
		}
		for _, t := range tables {
			if err := db.copyTable(ctx, tx, t, progress); err != nil {
				return fmt.Errorf("copy %s: %w", t, err)
			}
		}
		if _, err := tx.exec(ctx, dst.d.AfterLoad); err != nil {
			return err
		}
		for _, t := range tables {
			if _, err := tx.exec(ctx, fmt.Sprintf(dst.d.EnableTriggers, quoteIdent(t))); err != nil {
				return err
			}
		}
		return nil
	})
}

// newDatabaseTables are empty in a new database (one the migrations
// created, nothing else wrote): the register and the audit log, which
// every change writes.
var newDatabaseTables = []string{"releases", "organizations", "contracts", "findings", "decisions", "users", "audit_log"}

// copyTable streams one table of db into the transaction of the
// destination, converting values to the destination's column types.
func (db *DB) copyTable(ctx context.Context, tx *Tx, table string, progress func(string, int64)) error {
	types, err := tx.db.columnTypes(ctx, table)
	if err != nil {
		return err
	}
	rows, err := db.query(ctx, `SELECT * FROM `+quoteIdent(table))
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	convert := make([]func(any) any, len(cols))
	for i, c := range cols {
		typ, ok := types[c]
		if !ok {
			return fmt.Errorf("%s has no column %s.%s", tx.db.d.Name, table, c)
		}
		convert[i] = converter(typ)
	}
	var batch [][]any
	var n int64
	flush := func() error {
		if err := tx.bulkInsert(ctx, table, cols, batch); err != nil {
			return err
		}
		n += int64(len(batch))
		batch = batch[:0]
		if progress != nil {
			progress(table, n)
		}
		return nil
	}
	for rows.Next() {
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, f := range convert {
			row[i] = f(row[i])
		}
		if batch = append(batch, row); len(batch) == copyChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

// converter returns the conversion of a value read from one engine to a
// column of type typ of the other: SQLite keeps booleans as integers and
// may hand text back as bytes.
func converter(typ string) func(any) any {
	switch {
	case strings.Contains(typ, "bool"):
		return func(v any) any {
			if n, ok := v.(int64); ok {
				return n != 0
			}
			return v
		}
	case strings.Contains(typ, "bytea") || strings.Contains(typ, "blob"):
		return func(v any) any {
			if s, ok := v.(string); ok {
				return []byte(s)
			}
			return v
		}
	case strings.Contains(typ, "text") || strings.Contains(typ, "char"):
		return func(v any) any {
			if b, ok := v.([]byte); ok {
				return string(b)
			}
			return v
		}
	}
	return func(v any) any { return v }
}

// quoteIdent quotes a table name read from the catalogue.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
