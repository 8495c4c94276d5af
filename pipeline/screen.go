package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/screen"
)

// screenRegister screens every organization of the register against the
// current lists and replaces the stored results of only those whose
// results changed: in the same transaction the store records each of them
// as a pending screening change, so the contracts they reach are decided
// even if the process stops right after. (screen.ScreenRegister replaces
// every organization's results, which would record every organization
// with a hit as changed.)
func (p *Pipeline) screenRegister(ctx context.Context, ix *screen.Index) (screen.Stats, error) {
	var st screen.Stats
	orgs, err := p.store.Organizations(ctx, probity.OrgFilter{})
	if err != nil {
		return st, err
	}
	prev, err := p.store.Screenings(ctx, 0)
	if err != nil {
		return st, err
	}
	before := map[int64][]probity.ScreeningResult{}
	for _, r := range prev {
		before[r.OrgID] = append(before[r.OrgID], r)
	}
	now := p.now().UTC().Truncate(time.Second)
	var changed []int64
	var results []probity.ScreeningResult
	for _, o := range orgs {
		hits, err := screen.ScreenOrg(ix, o, p.threshold)
		if err != nil {
			return st, fmt.Errorf("organization %d: %w", o.ID, err)
		}
		rs := make([]probity.ScreeningResult, 0, len(hits))
		for _, h := range hits {
			rs = append(rs, screen.Result(ix, o, h, now))
		}
		rs = bestPerEntry(rs)
		st.Hits += len(rs)
		if resultsKey(rs) != resultsKey(before[o.ID]) {
			changed = append(changed, o.ID)
			results = append(results, rs...)
		}
	}
	st.Organizations, st.Changed = len(orgs), changed
	if len(changed) == 0 {
		return st, nil
	}
	return st, p.store.ReplaceScreenings(ctx, changed, results)
}

// bestPerEntry keeps the best-scoring result per list entry, as the store
// keeps them.
func bestPerEntry(rs []probity.ScreeningResult) []probity.ScreeningResult {
	out := rs[:0]
	at := map[string]int{}
	for _, r := range rs {
		k := r.List + "\x00" + r.SourceID
		if i, ok := at[k]; ok {
			if r.Score > out[i].Score {
				out[i] = r
			}
			continue
		}
		at[k] = len(out)
		out = append(out, r)
	}
	return out
}

// resultsKey is what a decision or a reader of the results can see of an
// organization's hits: entry, list version, entry name and programs,
// score, verdict and matcher version (not when it was screened).
func resultsKey(rs []probity.ScreeningResult) string {
	keys := make([]string, len(rs))
	for i, r := range rs {
		keys[i] = fmt.Sprintf("%s\x00%d\x00%s\x00%s\x00%s\x00%.6f\x00%v\x00%s", r.List, r.ListVersionID, r.SourceID, r.EntryName,
			strings.Join(r.Programs, ","), r.Score, r.Match, r.MatcherVersion)
	}
	slices.Sort(keys)
	return strings.Join(keys, "\x01")
}
