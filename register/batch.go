package register

import (
	"context"
	"time"
)

// Committing as it goes. A long ingest holding the one write transaction
// keeps every other writer waiting (SQLite has one writer at a time, and
// probity takes a writer lock on PostgreSQL too). With Options.Commit set,
// the ingest stops between records once a batch is due (BatchRecords
// records or BatchTime elapsed, whichever comes first), writes the
// contracts of what it has read so far (OCDS processes are compiled from
// every stored release, so a process spread over batches is compiled again
// when its later releases come), and calls Commit, which commits and
// carries on in a new transaction on the same probity.Tx value. Each batch
// is whole: its releases with their contracts and, in the same
// transaction, the pending changes that have them screened and decided.

// BatchDefaults are the batch bounds used when Options leaves them zero.
const (
	DefaultBatchRecords = 50000
	DefaultBatchTime    = 2 * time.Second
)

// batchState is what an ingest counts towards its next commit.
type batchState struct {
	records int
	started time.Time
}

// commitPoint is called between records: it commits when a batch is due.
func (in *Ingest) commitPoint(ctx context.Context) error {
	if in.opts.Commit == nil {
		return nil
	}
	b := &in.batch
	if b.started.IsZero() {
		b.started = time.Now()
	}
	b.records++
	maxRecords, maxTime := in.opts.BatchRecords, in.opts.BatchTime
	if maxRecords <= 0 {
		maxRecords = DefaultBatchRecords
	}
	if maxTime <= 0 {
		maxTime = DefaultBatchTime
	}
	if b.records < maxRecords && time.Since(b.started) < maxTime {
		return nil
	}
	if err := in.Finish(ctx); err != nil {
		return err
	}
	clear(in.touched)
	in.order = in.order[:0]
	*b = batchState{}
	return in.opts.Commit(ctx)
}
