package pipeline

import (
	"context"
	"time"
)

// Keep runs until ctx is done or stop is closed: every interval it drains
// the pending changes, if any, and then reloads the snapshot if the change
// counter moved. report, if not nil, hears what each tick did (only ticks
// that did something, or failed).
func (sn *Snapshots) Keep(ctx context.Context, every time.Duration, stop <-chan struct{}, report func(Result, Reloaded, error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-stop:
			return
		case <-t.C:
			res, rl, err := sn.Tick(ctx)
			if ctx.Err() != nil {
				return
			}
			if report != nil && (err != nil || rl.Any() || res.Handled() > 0) {
				report(res, rl, err)
			}
		}
	}
}

// Tick drains the pending changes, if any, then reloads the snapshot if
// the change counter moved: one step of Keep.
func (sn *Snapshots) Tick(ctx context.Context) (Result, Reloaded, error) {
	res := Result{Changes: map[string]int{}}
	pending, err := sn.p.store.PendingChanges(ctx, 1)
	if err != nil {
		return res, Reloaded{}, err
	}
	if len(pending) > 0 {
		if res, err = sn.p.Drain(ctx); err != nil {
			return res, Reloaded{}, err
		}
	}
	rl, err := sn.Reload(ctx, false)
	return res, rl, err
}
