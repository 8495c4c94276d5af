package main

import (
	"context"
	"time"

	"github.com/probity/probity"
)

// Batched writes: a long ingest commits as it goes (register.Options.Commit)
// so that other writers (serve's requests, other commands) get the
// database between batches. The store offers one transaction per Update
// call; inBatches runs the ingest on its own goroutine over a Tx whose
// underlying transaction it replaces at each commit: the Update in
// progress returns (commits) and the next one begins.

// batchTx is the Tx the ingest writes through: the current transaction.
type batchTx struct{ probity.Tx }

// InsertContract forwards the store's fast path for new contracts.
func (b *batchTx) InsertContract(ctx context.Context, c probity.Contract) error {
	if ins, ok := b.Tx.(interface {
		InsertContract(context.Context, probity.Contract) error
	}); ok {
		return ins.InsertContract(ctx, c)
	}
	return b.Tx.PutContract(ctx, c)
}

// batchEvent is what the ingest goroutine tells the one holding the
// transactions: commit and go on (final false), or it finished with err.
type batchEvent struct {
	final bool
	err   error
}

// inBatches runs fn in write transactions. fn writes through tx and calls
// commit between records to commit what it wrote and go on in a new
// transaction; after each commit the writer pauses for pause, which lets a
// writer waiting for SQLite's lock in (its busy handler polls at most
// every 100 ms). It returns how many batches were committed (the last one
// included when fn succeeded) and fn's error or the store's.
func inBatches(ctx context.Context, store probity.Store, pause time.Duration, fn func(tx probity.Tx, commit func(context.Context) error) error) (committed int, err error) {
	tx := &batchTx{}
	events := make(chan batchEvent)
	resume := make(chan error)
	commit := func(ctx context.Context) error {
		events <- batchEvent{}
		return <-resume
	}
	started := false
	for {
		var ev batchEvent
		uerr := store.Update(ctx, func(t probity.Tx) error {
			tx.Tx = t
			if !started {
				started = true
				go func() {
					err := fn(tx, commit)
					events <- batchEvent{final: true, err: err}
				}()
			} else {
				resume <- nil // the new transaction is ready
			}
			ev = <-events
			if ev.final {
				return ev.err // commits the last batch unless fn failed
			}
			return nil // commit this batch
		})
		switch {
		case ev.final && uerr == nil:
			return committed + 1, nil
		case ev.final:
			return committed, uerr
		case uerr != nil && !started:
			return committed, uerr // could not begin the first transaction
		case uerr != nil:
			// The batch could not be committed (or the next begun): stop
			// the ingest, which is waiting in commit.
			resume <- uerr
			for e := range events {
				if e.final {
					break
				}
				resume <- uerr
			}
			return committed, uerr
		}
		committed++
		if pause > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(pause):
			}
		}
		if err := ctx.Err(); err != nil {
			resume <- err
			for e := range events {
				if e.final {
					break
				}
				resume <- err
			}
			return committed, err
		}
	}
}
