package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/screen"
)

// snapshots keeps what the server computes from the store and swaps
// atomically when the store changes: the screening index (in the
// server's match.Screener), the list versions it was built from, and the
// decider with its policy engine.
type snapshots struct {
	server *Server
	mu     sync.Mutex // one reload at a time
	listsKey,
	evidenceKey string
	lists   atomic.Pointer[map[string]probity.ListVersion]
	decider atomic.Pointer[deciderSnap]
}

type deciderSnap struct {
	d            *decide.Decider
	engine       *policy.Engine
	confidential map[int64]bool // finding ids
	builtAt      time.Time
}

// listVersions returns the list versions the current index was built from.
func (sn *snapshots) listVersions() map[string]probity.ListVersion {
	if p := sn.lists.Load(); p != nil {
		return *p
	}
	return nil
}

// reload rebuilds what changed (everything when force) and reports
// whether anything was swapped.
func (sn *snapshots) reload(ctx context.Context, force bool) (bool, error) {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	s := sn.server
	changed := false
	versions, err := s.store.CurrentLists(ctx)
	if err != nil {
		return false, err
	}
	var keys []string
	for _, v := range versions {
		keys = append(keys, fmt.Sprintf("%s@%d", v.List, v.ID))
	}
	sort.Strings(keys)
	listsKey := strings.Join(keys, ",")
	if force || listsKey != sn.listsKey {
		start := time.Now()
		if len(versions) == 0 {
			s.screener.Swap(nil)
			empty := map[string]probity.ListVersion{}
			sn.lists.Store(&empty)
		} else {
			ix, err := screen.BuildIndex(ctx, s.store)
			if err != nil {
				return false, err
			}
			s.screener.Swap(ix.Index)
			sn.lists.Store(&ix.Versions)
			entries, _ := ix.Len()
			s.metrics.index.Set(float64(entries))
		}
		sn.listsKey = listsKey
		changed = true
		s.log.Info("screening index built", slog.String("lists", listsKey), slog.Duration("took", time.Since(start)))
	}
	evidenceKey, findings, err := sn.evidenceFingerprint(ctx)
	if err != nil {
		return changed, err
	}
	evidenceKey += "|" + listsKey
	if force || evidenceKey != sn.evidenceKey {
		start := time.Now()
		snap, err := sn.buildDecider(ctx, findings)
		if err != nil {
			return changed, err
		}
		sn.decider.Store(snap)
		sn.evidenceKey = evidenceKey
		changed = true
		s.log.Info("decider loaded", slog.Bool("policy", snap.d != nil), slog.Duration("took", time.Since(start)))
	}
	return changed, nil
}

// evidenceFingerprint hashes what decisions depend on besides the
// contracts: the current policy, the findings and the relationships.
func (sn *snapshots) evidenceFingerprint(ctx context.Context) (string, []probity.Finding, error) {
	s := sn.server
	h := sha256.New()
	if pv, err := s.store.CurrentPolicy(ctx); err == nil {
		fmt.Fprintf(h, "policy %d %s\n", pv.ID, pv.Hash)
	} else if probity.ErrorCode(err) != probity.ENOTFOUND {
		return "", nil, err
	}
	findings, err := s.store.Findings(ctx, probity.FindingFilter{})
	if err != nil {
		return "", nil, err
	}
	enc := json.NewEncoder(h)
	for _, f := range findings {
		if err := enc.Encode(f); err != nil {
			return "", nil, err
		}
	}
	err = s.store.ForEachRelationship(ctx, func(r probity.Relationship) error {
		fmt.Fprintf(h, "rel %d\n", r.ID)
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return hex.EncodeToString(h.Sum(nil)), findings, nil
}

func (sn *snapshots) buildDecider(ctx context.Context, findings []probity.Finding) (*deciderSnap, error) {
	s := sn.server
	snap := &deciderSnap{confidential: map[int64]bool{}, builtAt: s.cfg.Now()}
	for _, f := range findings {
		if f.Confidential {
			snap.confidential[f.ID] = true
		}
	}
	pv, err := s.store.CurrentPolicy(ctx)
	if probity.ErrorCode(err) == probity.ENOTFOUND {
		return snap, nil // no policy yet: /decide answers 404
	}
	if err != nil {
		return nil, err
	}
	b, err := policy.FromFiles(pv.Files)
	if err != nil {
		return nil, fmt.Errorf("published policy %d: %w", pv.ID, err)
	}
	engine, err := b.Prepare(ctx)
	if err != nil {
		return nil, fmt.Errorf("published policy %d: %w", pv.ID, err)
	}
	d, err := decide.NewWithEngine(ctx, s.store, engine, 0)
	if err != nil {
		return nil, err
	}
	snap.d, snap.engine = d, engine
	return snap, nil
}

// watch reloads every interval until ctx is done or stop is closed.
func (sn *snapshots) watch(ctx context.Context, every time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-stop:
			return
		case <-t.C:
			if _, err := sn.reload(ctx, false); err != nil && ctx.Err() == nil {
				sn.server.log.Error("reload", slog.String("error", err.Error()))
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
