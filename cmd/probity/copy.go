package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/postgres"
	"github.com/probity/probity/sqlite"
)

// runCopy moves an embedded install onto PostgreSQL: every table, row for
// row, in one transaction; then it checks that every table has as many
// rows on both sides and that the register fingerprint is the same.
func (m *Main) runCopy(ctx context.Context, args []string) error {
	flags := m.newFlagSet("copy", "copy --from PATH --to postgres://… [--quiet]")
	from := flags.String("from", "", "the SQLite database to copy (its schema is brought up to date, as by every command; its rows are only read)")
	to := flags.String("to", "", "the new PostgreSQL database to copy it into (a postgres:// URL)")
	quiet := flags.Bool("quiet", false, "no progress output")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *from == "" || *to == "" || flags.NArg() > 0 {
		return usagef("copy: want --from PATH --to postgres://…")
	}
	if !postgres.IsDSN(*to) {
		return usagef("copy: --to must be a postgres:// URL")
	}
	if _, err := os.Stat(*from); errors.Is(err, fs.ErrNotExist) {
		return probity.Errorf(probity.ENOTFOUND, "copy: %s: no such database", *from)
	}
	src, err := sqlite.Open(ctx, *from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := postgres.Open(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()

	start := time.Now()
	var progress func(string, int64)
	if !*quiet && m.Terminal() {
		progress = func(table string, n int64) { fmt.Fprintf(m.Stderr, "\rcopy: %-24s %10d rows", table, n) }
	}
	err = src.CopyTo(ctx, dst.DB, progress)
	if progress != nil {
		fmt.Fprintln(m.Stderr)
	}
	if err != nil {
		return fmt.Errorf("copy: nothing was written: %w", err)
	}

	// Check: the same rows in every table, the same register.
	want, err := src.Counts(ctx)
	if err != nil {
		return err
	}
	got, err := dst.Counts(ctx)
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(want))
	for t := range want {
		tables = append(tables, t)
	}
	slices.Sort(tables)
	var rows int64
	tw := newTable(m.Stdout)
	fmt.Fprintln(tw, "TABLE\tSQLITE\tPOSTGRESQL")
	for _, t := range tables {
		fmt.Fprintf(tw, "%s\t%d\t%d\n", t, want[t], got[t])
		rows += want[t]
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, t := range tables {
		if got[t] != want[t] {
			return probity.Errorf(probity.EINTERNAL, "copy: table %s has %d rows in PostgreSQL but %d in SQLite", t, got[t], want[t])
		}
	}
	srcFP, contracts, err := src.Fingerprint(ctx)
	if err != nil {
		return err
	}
	dstFP, _, err := dst.Fingerprint(ctx)
	if err != nil {
		return err
	}
	if srcFP != dstFP {
		return probity.Errorf(probity.EINTERNAL, "copy: the register fingerprints differ: SQLite %s, PostgreSQL %s", srcFP, dstFP)
	}
	fmt.Fprintf(m.Stdout, "copied %d rows of %d tables (%d contracts) in %s; every table's count and the register fingerprint (sha256:%s) are equal on both sides\n",
		rows, len(tables), contracts, time.Since(start).Round(time.Millisecond), srcFP)
	return nil
}
