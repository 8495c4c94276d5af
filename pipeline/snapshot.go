package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/screen"
)

// Snapshot is what the pipeline computed from the store at one value of
// its change counter: the screening index over the current lists and the
// decider with the policy in force. It is read-only once built.
type Snapshot struct {
	Counter int64     // the change counter it was built at
	BuiltAt time.Time // when
	// Index is the screening index, nil when no list is loaded; Lists
	// names the list versions it holds (list@id, sorted).
	Index *screen.Index
	Lists string
	// Decider is nil when no policy is published; PolicyID is then 0.
	Decider  *decide.Decider
	PolicyID int64
}

// Engine returns the policy engine of the decider (nil without policy).
func (s *Snapshot) Engine() *policy.Engine {
	if s == nil || s.Decider == nil {
		return nil
	}
	return s.Decider.Engine()
}

// Confidential returns the ids of the confidential findings.
func (s *Snapshot) Confidential() map[int64]bool {
	if s == nil || s.Decider == nil {
		return nil
	}
	return s.Decider.Confidential()
}

// ListVersions returns the list versions the index was built from.
func (s *Snapshot) ListVersions() map[string]probity.ListVersion {
	if s == nil || s.Index == nil {
		return map[string]probity.ListVersion{}
	}
	return s.Index.Versions
}

// Snapshots keeps the current snapshot and rebuilds it when the store's
// change counter moves.
type Snapshots struct {
	p   *Pipeline
	mu  sync.Mutex // one rebuild at a time
	cur atomic.Pointer[Snapshot]
}

// Snapshots returns an empty keeper of snapshots; call Reload to build
// the first.
func (p *Pipeline) Snapshots() *Snapshots { return &Snapshots{p: p} }

// Current returns the current snapshot (nil before the first Reload).
func (sn *Snapshots) Current() *Snapshot { return sn.cur.Load() }

// Reloaded says what a Reload swapped in.
type Reloaded struct {
	Index   bool          // a new screening index
	Decider bool          // a new decider
	Took    time.Duration // how long the rebuild took
}

// Any reports whether anything was swapped.
func (r Reloaded) Any() bool { return r.Index || r.Decider }

// Reload rebuilds the snapshot when the change counter moved since the
// current one was built (always when force): the index only when the list
// versions changed, the policy engine only when the policy did, and the
// decider's view of the register always. The counter is read before
// anything else, so a change committed during the rebuild moves it again
// and the next Reload sees it.
func (sn *Snapshots) Reload(ctx context.Context, force bool) (Reloaded, error) {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	start := time.Now()
	var r Reloaded
	store := sn.p.store
	counter, err := store.ChangeCounter(ctx)
	if err != nil {
		return r, err
	}
	prev := sn.cur.Load()
	if prev != nil && !force && prev.Counter == counter {
		return r, nil
	}
	next := &Snapshot{Counter: counter, BuiltAt: sn.p.now()}
	versions, err := store.CurrentLists(ctx)
	if err != nil {
		return r, err
	}
	next.Lists = listsKey(versions)
	switch {
	case prev != nil && !force && prev.Lists == next.Lists:
		next.Index = prev.Index
	case len(versions) > 0:
		if next.Index, err = screen.BuildIndex(ctx, store); err != nil {
			return r, err
		}
		r.Index = true
	default:
		r.Index = prev == nil || prev.Index != nil
	}
	pv, err := store.CurrentPolicy(ctx)
	switch {
	case probity.ErrorCode(err) == probity.ENOTFOUND:
		// no policy yet: the decider stays nil
	case err != nil:
		return r, err
	default:
		var engine *policy.Engine
		if prev != nil && !force && prev.PolicyID == pv.ID && prev.Decider != nil {
			engine = prev.Decider.Engine()
		} else if engine, err = prepare(ctx, pv); err != nil {
			return r, err
		}
		if next.Decider, err = decide.NewWithEngine(ctx, store, engine, sn.p.maxDepth); err != nil {
			return r, err
		}
		next.PolicyID = pv.ID
	}
	r.Decider = true
	sn.cur.Store(next)
	r.Took = time.Since(start)
	return r, nil
}

// prepare compiles a published policy version.
func prepare(ctx context.Context, pv *probity.PolicyVersion) (*policy.Engine, error) {
	b, err := policy.FromFiles(pv.Files)
	if err != nil {
		return nil, fmt.Errorf("published policy %d: %w", pv.ID, err)
	}
	engine, err := b.Prepare(ctx)
	if err != nil {
		return nil, fmt.Errorf("published policy %d: %w", pv.ID, err)
	}
	return engine, nil
}

func listsKey(versions []probity.ListVersion) string {
	keys := make([]string, len(versions))
	for i, v := range versions {
		keys[i] = fmt.Sprintf("%s@%d", v.List, v.ID)
	}
	slices.Sort(keys)
	return strings.Join(keys, ",")
}
