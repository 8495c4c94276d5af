package httpapi

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/pipeline"
	"github.com/probity/probity/policy"
)

// snapshots holds what the server answers from that is computed from the
// store: the screening index (swapped into the server's match.Screener),
// the list versions it was built from, and the decider with its policy
// engine. Package pipeline builds them, keyed by the store's change
// counter, and does the work pending after changes; this file applies its
// snapshots to the server.
type snapshots struct {
	server  *Server
	keep    *pipeline.Snapshots
	lists   atomic.Pointer[map[string]probity.ListVersion]
	decider atomic.Pointer[deciderSnap]
}

type deciderSnap struct {
	d            *decide.Decider
	engine       *policy.Engine
	confidential map[int64]bool // finding ids
	builtAt      time.Time
}

// start sets up the pipeline over the server's store, which must keep the
// outbox of pending changes (package pipeline's Store). New calls it
// through the first reload, before any request.
func (sn *snapshots) start() error {
	if sn.keep != nil {
		return nil
	}
	s := sn.server
	ps, ok := s.store.(pipeline.Store)
	if !ok {
		return fmt.Errorf("httpapi: the store %T keeps no outbox of pending changes", s.store)
	}
	sn.keep = pipeline.New(ps, pipeline.WithClock(s.cfg.Now)).Snapshots()
	return nil
}

// listVersions returns the list versions the current index was built from.
func (sn *snapshots) listVersions() map[string]probity.ListVersion {
	if p := sn.lists.Load(); p != nil {
		return *p
	}
	return nil
}

// reload rebuilds what changed since the last snapshot (everything when
// force) and reports whether anything was swapped.
func (sn *snapshots) reload(ctx context.Context, force bool) (bool, error) {
	if err := sn.start(); err != nil {
		return false, err
	}
	rl, err := sn.keep.Reload(ctx, force)
	if err != nil {
		return false, err
	}
	sn.apply(rl)
	return rl.Any(), nil
}

// apply swaps in the parts of the current snapshot that rl says are new.
func (sn *snapshots) apply(rl pipeline.Reloaded) {
	s := sn.server
	cur := sn.keep.Current()
	if rl.Index {
		versions := cur.ListVersions()
		if cur.Index == nil {
			s.screener.Swap(nil)
			s.metrics.index.Set(0)
		} else {
			s.screener.Swap(cur.Index.Index)
			entries, _ := cur.Index.Len()
			s.metrics.index.Set(float64(entries))
		}
		sn.lists.Store(&versions)
		s.log.Info("screening index built", slog.String("lists", cur.Lists), slog.Int64("change_counter", cur.Counter))
	}
	if rl.Decider {
		sn.decider.Store(&deciderSnap{d: cur.Decider, engine: cur.Engine(), confidential: cur.Confidential(), builtAt: cur.BuiltAt})
		s.log.Info("decider loaded", slog.Bool("policy", cur.Decider != nil), slog.Int64("change_counter", cur.Counter), slog.Duration("took", rl.Took))
	}
}

// pollEvery is how often serve looks at the change counter and the
// pending changes at most: one cheap query each.
const pollEvery = time.Second

// watch does, until ctx is done or stop is closed, the work pending after
// changes (by this server's requests or by any other process) and swaps
// in new snapshots when the change counter moves: every second, or every
// interval when that is shorter.
func (sn *snapshots) watch(ctx context.Context, every time.Duration, stop <-chan struct{}) {
	if err := sn.start(); err != nil {
		sn.server.log.Error("pending work after changes", slog.String("error", err.Error()))
		return
	}
	t := time.NewTicker(min(every, pollEvery))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-stop:
			return
		case <-t.C:
			res, rl, err := sn.keep.Tick(ctx)
			if ctx.Err() != nil {
				return
			}
			sn.apply(rl)
			if err != nil {
				sn.server.log.Error("pending work after changes", slog.String("error", err.Error()))
				continue
			}
			if res.Handled() > 0 {
				sn.server.log.Info("pending work done", slog.Any("changes", res.Changes), slog.Int("decided", res.Decided.Decided),
					slog.Int("decisions_changed", res.Decided.Recorded), slog.Int("cases_opened", res.Cases.Opened), slog.Int("cases_updated", res.Cases.Updated))
			}
		}
	}
}

// handleReload is POST /reload: rebuild the index and the decider now.
func (s *Server) handleReload(w http.ResponseWriter, r *http.Request) {
	changed, err := s.snap.reload(r.Context(), true)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, map[string]any{"reloaded": changed, "lists": s.snap.listVersions()})
}
