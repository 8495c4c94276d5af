package sqlstore

import (
	"context"
	"strconv"
	"strings"
)

// Dialect is what differs between the SQL engines behind DB. Everything
// else (the SQL text, upserts, RETURNING, the scans) is shared.
type Dialect struct {
	// Name names the store in errors ("sqlite", "postgres").
	Name string
	// Numbered placeholders: ? becomes $1, $2… (PostgreSQL).
	Numbered bool
	// WriteLock is run first in every write transaction, making it the
	// only writer ("" when the transaction's BEGIN already does: SQLite's
	// BEGIN IMMEDIATE).
	WriteLock string
	// PrepareInTx prepares each statement once per write transaction and
	// reuses it (SQLite, whose driver keeps no statement cache; pgx caches
	// prepared statements per connection by itself).
	PrepareInTx bool
	// Classify says what a driver error means (required).
	Classify func(error) ErrorKind
	// InList returns a condition that holds when col is one of the values
	// of a list bound as one parameter (ListArg makes that parameter).
	InList func(col string) string
	// ListArg turns a []int64 or []string into the one parameter InList
	// expects.
	ListArg func(list any) (any, error)
	// InsertOrder is the column that gives a table's insertion order where
	// it has no id of its own ("rowid" on SQLite, "seq" on PostgreSQL).
	InsertOrder string
	// TablesQuery lists (table, table its foreign key refers to or '')
	// pairs: every table of the schema at least once.
	TablesQuery string
	// ColumnsQuery lists (column, declared type) of the table given as
	// its one parameter.
	ColumnsQuery string
	// AfterLoad runs after rows were copied in with their ids (PostgreSQL:
	// move identity sequences past the copied ids).
	AfterLoad string
	// DisableTriggers and EnableTriggers switch a table's triggers off and
	// on inside a transaction (%s: the quoted table name); "" where the
	// engine cannot, which cannot then be the destination of a copy.
	DisableTriggers, EnableTriggers string
	// Pipeline sends several writes in one round trip, in order, inside
	// tx (nil: each write is a round trip of its own, which costs little
	// where the database is in the process: SQLite).
	Pipeline func(ctx context.Context, tx *Tx, stmts []Stmt) error
	// BulkFirstLoad: releases written into an empty releases table are
	// kept and bulk-loaded (BulkInsert) rather than inserted one by one.
	BulkFirstLoad bool
	// BulkInsert loads rows into table inside tx (nil: one prepared INSERT
	// a row). PostgreSQL uses COPY.
	BulkInsert func(ctx context.Context, tx *Tx, table string, columns []string, rows [][]any) error
}

// ErrorKind is what a driver error means to the store.
type ErrorKind int

// The kinds of driver errors the store maps to probity error codes.
const (
	ErrOther      ErrorKind = iota
	ErrUnique               // a unique or primary key constraint
	ErrForeignKey           // a foreign key constraint
	ErrBusy                 // another writer holds the database
	ErrBadText              // text the engine cannot store (PostgreSQL: NUL, bad UTF-8)
)

// Rebind rewrites the ? placeholders of query for the dialect; text inside
// quotes ('…', "…") and comments is left alone.
func (d *Dialect) Rebind(query string) string {
	if !d.Numbered || strings.IndexByte(query, '?') < 0 {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch c {
		case '\'', '"':
			j := i + 1
			for j < len(query) && query[j] != c {
				j++
			}
			if j < len(query) {
				j++
			}
			b.WriteString(query[i:j])
			i = j - 1
		case '-':
			if i+1 < len(query) && query[i+1] == '-' {
				j := strings.IndexByte(query[i:], '\n')
				if j < 0 {
					j = len(query) - i
				}
				b.WriteString(query[i : i+j])
				i += j - 1
			} else {
				b.WriteByte(c)
			}
		case '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// bulkInsertRows is the default BulkInsert: one prepared INSERT a row.
func bulkInsertRows(ctx context.Context, tx *Tx, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	q := `INSERT INTO ` + table + ` (` + strings.Join(columns, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(columns)-1) + `)`
	stmt, err := tx.tx.PrepareContext(ctx, tx.db.d.Rebind(q))
	if err != nil {
		return tx.db.wrap(err)
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			return tx.db.wrap(err)
		}
	}
	return nil
}
