package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/review"
)

// redecide re-decides, after a change, the contracts that affected names
// (every contract when affected is nil), if a policy is in force, and says
// what happened. The decider's snapshot of the register is loaded once and
// serves both to find the affected contracts and to decide them.
func (m *Main) redecide(ctx context.Context, store probity.Store, why string, affected func(*decide.Decider) []string) error {
	d, err := decide.New(ctx, store, 0)
	if probity.ErrorCode(err) == probity.ENOTFOUND {
		fmt.Fprintf(m.Stdout, "no policy is published yet, so no contract was decided (probity policy publish DIR)\n")
		return nil
	}
	if err != nil {
		return err
	}
	var ids []string
	if affected != nil {
		if ids = affected(d); len(ids) == 0 {
			fmt.Fprintf(m.Stdout, "no contract is affected: no decision changes\n")
			return nil
		}
	}
	st, err := d.Decide(ctx, ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%s: re-decided %d contracts, %d decisions changed (%s)\n", why, st.Decided, st.Recorded, outcomeCounts(st.Outcomes))
	return m.syncCases(ctx, store, st.Recorded)
}

// syncCases opens review cases for contracts whose decision now asks for
// review or denies, after recorded new decisions.
func (m *Main) syncCases(ctx context.Context, store probity.Store, recorded int) error {
	if recorded == 0 {
		return nil
	}
	cs, err := review.SyncDecisions(ctx, store, time.Now())
	if err != nil {
		return err
	}
	if cs.Opened+cs.Updated > 0 {
		fmt.Fprintf(m.Stdout, "review cases: %d opened, %d moved to the new decision\n", cs.Opened, cs.Updated)
	}
	return nil
}

// redecideOrgs re-decides the contracts that findings or screening results
// on these organizations can reach.
func (m *Main) redecideOrgs(ctx context.Context, store probity.Store, why string, orgIDs ...int64) error {
	return m.redecide(ctx, store, why, func(d *decide.Decider) []string { return d.AffectedByOrgs(orgIDs...) })
}

func outcomeCounts(m map[string]int) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s %d", k, v))
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
