package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/demo"
	"github.com/probity/probity/lists"
	"github.com/probity/probity/match"
)

// demoWatchList reads the demo's OFAC SDN set (sdn.csv of 2024-05-03 with
// the aliases and addresses of early 2025; see demo/data/ATTRIBUTION.md).
func demoWatchList() (*lists.Load, error) {
	var files lists.OFACFiles
	for _, f := range []struct {
		name string
		dst  *lists.Source
	}{{demo.WatchListSDN, &files.SDN}, {demo.WatchListAlt, &files.Alt}, {demo.WatchListAdd, &files.Add}} {
		r, err := demo.Open(f.name)
		if err != nil {
			return nil, err
		}
		defer r.Close()
		*f.dst = lists.Source{Name: demo.DisplayName(f.name), R: r}
	}
	load, err := lists.ReadOFACSet(files)
	if err != nil {
		return nil, err
	}
	load.Rename(demo.ListName)
	return load, nil
}

// glomagEntries counts the entries under the Global Magnitsky programme.
func glomagEntries(l *lists.Load) int {
	n := 0
	for _, e := range l.Entries {
		if slices.Contains(e.Programs, "GLOMAG") {
			n++
		}
	}
	return n
}

// demoStore is what the demo's summary reads.
type demoStore interface {
	probity.RegisterStore
	probity.DecisionStore
	probity.ListStore
	probity.ReviewStore
}

// printDemoOutcomes prints the three outcomes side by side, with why a
// contract is to be reviewed, and the awards two files told that are
// one contract.
func (m *Main) printDemoOutcomes(ctx context.Context, store demoStore) error {
	all, err := store.Contracts(ctx, probity.ContractFilter{})
	if err != nil {
		return err
	}
	byID := make(map[string]*probity.Contract, len(all))
	for i := range all {
		byID[all[i].ID] = &all[i]
	}
	latest, err := store.Decisions(ctx, probity.DecisionFilter{LatestOnly: true})
	if err != nil {
		return err
	}
	count := map[string]int{}
	example := map[string]*probity.Decision{}
	var review []probity.Decision
	for i, d := range latest {
		count[d.Outcome]++
		if example[d.Outcome] == nil {
			example[d.Outcome] = &latest[i]
		}
		if d.Outcome == probity.OutcomeReview {
			review = append(review, d)
		}
	}
	w := m.Stdout
	fmt.Fprintf(w, "\nThe policy's decisions, side by side: allow %d, review %d, deny %d (of %d contracts)\n",
		count[probity.OutcomeAllow], count[probity.OutcomeReview], count[probity.OutcomeDeny], len(all))
	tw := newTable(w)
	fmt.Fprintln(tw, "DECISION\tCONTRACTS\tFOR EXAMPLE\tBUYER\tRULES")
	for _, o := range []string{probity.OutcomeAllow, probity.OutcomeReview, probity.OutcomeDeny} {
		d := example[o]
		if d == nil {
			fmt.Fprintf(tw, "%s\t0\t—\t—\t—\n", o)
			continue
		}
		buyer := "—"
		if c := byID[d.ContractID]; c != nil {
			buyer = clip(buyerName(c), 40)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", o, count[o], d.ContractID, buyer, orDash(ruleIDs(d.Reasons)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, d := range review {
		if err := m.explainReview(ctx, store, d, byID[d.ContractID]); err != nil {
			return err
		}
	}

	// Awards told by two files: one contract each.
	var merged []*probity.Contract
	for i := range all {
		c := &all[i]
		if c.Source == "usaspending" && len(c.SourceFiles) > 1 && slices.Contains(c.SourceFiles, "ice-awards-2018.csv") {
			merged = append(merged, c)
		}
	}
	if len(merged) > 0 {
		fmt.Fprintf(w, "\n%d awards are named both by the 2018 list (no unique award key) and by the transaction extract (with one): each is one contract, counted once in every total; its values are the list's award totals (they come before the extract's sums of obligations), the extract's are kept beside them. For example:\n", len(merged))
		for _, c := range merged[:min(len(merged), 3)] {
			fmt.Fprintf(w, "  %s (formerly usaspending:%s/%s): %s, %s\n", c.ID, agencyOf(c.ID), c.SourceReference, clip(c.Title, 50), formatValue(c.Value))
		}
		fmt.Fprintf(w, "See why with: probity contracts show usaspending:%s/%s\n", agencyOf(merged[0].ID), merged[0].SourceReference)
	}
	return nil
}

// agencyOf returns the awarding sub-agency code of a USAspending award key
// (CONT_AWD_<PIID>_<agency>_…).
func agencyOf(key string) string {
	parts := strings.Split(key, "_")
	if len(parts) < 4 {
		return ""
	}
	return parts[3]
}

// explainReview says why a contract is to be reviewed: the policy's
// reasons and, for a possible list match, what matched and how well.
func (m *Main) explainReview(ctx context.Context, store demoStore, d probity.Decision, c *probity.Contract) error {
	w := m.Stdout
	title, buyer := "", "—"
	if c != nil {
		title, buyer = c.Title, buyerName(c)
	}
	fmt.Fprintf(w, "\nTo review: %s, bought by %s: %s\n", d.ContractID, buyer, clip(title, 80))
	for _, r := range d.Reasons {
		if r.Effect != probity.OutcomeReview {
			continue
		}
		fmt.Fprintf(w, "  %s: %s\n", r.RuleID, r.Message)
	}
	orgs := []int64{}
	if c != nil && c.Buyer != nil {
		orgs = append(orgs, c.Buyer.ID)
	}
	if c != nil {
		for _, s := range c.Suppliers {
			orgs = append(orgs, s.ID)
		}
	}
	for _, id := range orgs {
		hits, err := store.Screenings(ctx, id)
		if err != nil {
			return err
		}
		for _, h := range hits {
			if !h.Match {
				continue
			}
			var e match.Explanation
			why := ""
			if json.Unmarshal(h.Explanation, &e) == nil {
				why = e.String()
			}
			fmt.Fprintf(w, "  possible match: %q ~ %q, %s entry %s (programmes %s), score %.2f: %s\n",
				h.OrgName, h.EntryName, h.List, h.SourceID, strings.Join(h.Programs, ", "), h.Score, why)
		}
	}
	fmt.Fprintln(w, "  A name match is not a finding: a reviewer confirms or dismisses it in the case.")
	cases, err := store.Cases(ctx, probity.CaseFilter{ContractID: d.ContractID})
	if err != nil {
		return err
	}
	for _, cs := range cases {
		fmt.Fprintf(w, "  Case %d is %s (probity cases show %d)\n", cs.ID, cs.State, cs.ID)
	}
	return nil
}
