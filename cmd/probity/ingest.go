package main

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/input"
	"github.com/probity/probity/internal/progress"
	"github.com/probity/probity/postgres"
	"github.com/probity/probity/register"
)

func (m *Main) ingestOCDS(ctx context.Context, args []string) error {
	return m.ingest(ctx, "ocds", []string{".json", ".jsonl", ".ndjson"}, args)
}

func (m *Main) ingestUSAspending(ctx context.Context, args []string) error {
	return m.ingest(ctx, "usaspending", []string{".csv"}, args)
}

// ingest loads files of one kind of source, whose names end in exts when
// they are found in a folder.
func (m *Main) ingest(ctx context.Context, kind string, exts []string, args []string) error {
	fs := m.newFlagSet("ingest "+kind, "ingest "+kind+" [--skip-invalid] [--encoding NAME] [--batch N | --atomic] PATH...")
	skip := fs.Bool("skip-invalid", false, "commit the good records and report every bad one, instead of failing on the first")
	encoding := fs.String("encoding", "", "character encoding of the input if not UTF-8 (e.g. windows-1252, iso-8859-1)")
	quiet := fs.Bool("quiet", false, "no progress output")
	batch := fs.Int("batch", register.DefaultBatchRecords, "records per transaction at most (a transaction also ends after 2 s)")
	oneTx := fs.Bool("atomic", false, "write the whole ingest in one transaction, all or nothing (other writers wait until it ends); by default it commits every few seconds, and a bad record stops it with the batches before it kept")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("ingest %s: name at least one file, folder or '-'", kind)
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}

	var st register.Stats
	opts := register.Options{SkipInvalid: *skip, Skipped: func(e *probity.InputError) {
		fmt.Fprintf(m.Stderr, "skipped: %s\n", e)
	}}
	total := inputSize(fs.Args())
	var done, current atomic.Int64
	var cur atomic.Pointer[input.File]
	bytesDone := func() int64 {
		n := done.Load()
		if f := cur.Load(); f != nil {
			n += f.BytesRead()
		}
		current.Store(n)
		return n
	}
	var rep *progress.Reporter
	if !*quiet {
		rep = progress.Start(m.Stderr, "ingest "+kind, progress.Counters{Total: total, Bytes: bytesDone, Records: st.Records.Load}, m.Terminal(), 0)
	}
	run := func(tx probity.Tx, commit func(context.Context) error) error {
		opts.Commit, opts.BatchRecords = commit, *batch
		ing := register.NewIngest(tx, opts, &st)
		err := input.Walk(fs.Args(), input.Options{Encoding: *encoding, Stdin: m.Stdin, Exts: exts}, func(f *input.File) error {
			cur.Store(f)
			defer func() {
				cur.Store(nil)
				if f.Size > 0 {
					done.Add(f.Size)
				}
			}()
			src := register.Source{Name: f.Name, R: f.R}
			if kind == "ocds" {
				return ing.OCDS(ctx, src)
			}
			return ing.USAspending(ctx, src)
		})
		if err != nil {
			return err
		}
		return ing.Finish(ctx)
	}
	committed := 0
	if *oneTx {
		err = store.Update(ctx, func(tx probity.Tx) error { return run(tx, nil) })
	} else {
		committed, err = inBatches(ctx, store, m.batchPause(), run)
	}
	if rep != nil {
		rep.Stop()
	}
	if err != nil && committed == 0 {
		return fmt.Errorf("%w (nothing was written)", err)
	}
	if err != nil {
		// What the committed batches wrote is screened and decided all the
		// same: their pending changes were recorded with them.
		fmt.Fprintf(m.Stdout, "ingested, before the error: %s\n", st.String())
		if derr := m.afterChange(ctx, store); derr != nil {
			fmt.Fprintf(m.Stderr, "probity: %v\n", derr)
		}
		return fmt.Errorf("%w (the %d batches before it were committed, and nothing of the one that failed; running the same ingest again skips what is stored and goes on)", err, committed)
	}
	fmt.Fprintf(m.Stdout, "ingested %s\n", st.String())
	return m.afterChange(ctx, store)
}

// batchPause is how long an ingest leaves the database to other writers
// after each batch it commits: SQLite's busy handler retries every 100 ms
// at most, so a waiting writer gets in; PostgreSQL queues writers for its
// lock in order, so no pause is needed.
func (m *Main) batchPause() time.Duration {
	if postgres.IsDSN(m.Config.DB) {
		return 0
	}
	return 100 * time.Millisecond
}

// inputSize adds up the sizes of the named files and folders (-1 when
// stdin is among them), for the progress bar.
func inputSize(paths []string) int64 {
	var total int64
	for _, p := range paths {
		if p == "-" {
			return -1
		}
		st, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !st.IsDir() {
			total += st.Size()
			continue
		}
		_ = walkSizes(p, &total)
	}
	return total
}
