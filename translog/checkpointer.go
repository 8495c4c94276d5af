package translog

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// DefaultCheckpointInterval is how often serve signs a checkpoint while
// entries arrive.
const DefaultCheckpointInterval = 2 * time.Second

// Checkpointer signs checkpoints of a growing log and stores them, so that
// every replica serves the newest. Replicas may all run one: a checkpoint
// is only stored when it is larger than the newest one, and two replicas
// signing the same size sign the same text.
type Checkpointer struct {
	Store    CheckpointStore
	Signer   *Signer
	Interval time.Duration // 0: DefaultCheckpointInterval
	Logger   *slog.Logger  // nil: slog.Default()
}

// Once signs and stores a checkpoint of the current tree when it is larger
// than the newest stored one (or none is stored). Before signing it checks
// that the current tree still contains the newest stored checkpoint's
// tree: a log must never sign two inconsistent checkpoints, so a store
// whose stored hashes were changed gets no new signature.
func (c *Checkpointer) Once(ctx context.Context) (cp Checkpoint, signed bool, err error) {
	cur, err := CurrentCheckpoint(ctx, c.Store, c.Signer.Origin())
	if err != nil {
		return cur, false, err
	}
	prevNote, err := c.Store.LogCheckpoint(ctx)
	if err != nil {
		return cur, false, fmt.Errorf("translog: newest checkpoint: %w", err)
	}
	if prevNote != nil {
		prev, err := OpenCheckpoint(prevNote, c.Signer.Origin(), c.Signer.VerifierKeys()...)
		if err != nil {
			return cur, false, fmt.Errorf("translog: the stored checkpoint does not verify with this log's key: %w", err)
		}
		if cur.Size <= prev.Size {
			if cur.Size == prev.Size && cur.Root != prev.Root {
				return cur, false, fmt.Errorf("translog: refusing to sign: the tree of size %d now has root %s, the signed checkpoint %s says otherwise (stored hashes were changed)", cur.Size, cur.Root, prev)
			}
			return prev, false, nil
		}
		old, err := tlog.TreeHash(prev.Size, hashReader(ctx, c.Store.LogHashes))
		if err != nil {
			return cur, false, err
		}
		if old != prev.Root {
			return cur, false, fmt.Errorf("translog: refusing to sign: the tree no longer contains the signed checkpoint %s (its first %d entries now hash to %s)", prev, prev.Size, old)
		}
	}
	msg, err := c.Signer.Sign(cur)
	if err != nil {
		return cur, false, err
	}
	if err := c.Store.LogSaveCheckpoint(ctx, cur.Size, msg); err != nil {
		return cur, false, fmt.Errorf("translog: store checkpoint: %w", err)
	}
	return cur, true, nil
}

// Run calls Once every Interval until ctx ends; errors are logged and
// retried at the next tick. It returns ctx's error.
func (c *Checkpointer) Run(ctx context.Context) error {
	interval := c.Interval
	if interval <= 0 {
		interval = DefaultCheckpointInterval
	}
	logger := c.Logger
	if logger == nil {
		logger = slog.Default()
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if cp, signed, err := c.Once(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			logger.Error("transparency log checkpoint", "err", err)
		} else if signed {
			logger.Debug("transparency log checkpoint signed", "size", cp.Size)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}
