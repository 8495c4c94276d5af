package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/policy"
)

func (m *Main) runDecide(ctx context.Context, args []string) error {
	fs := m.newFlagSet("decide", "decide [--all | --contract ID]")
	all := fs.Bool("all", false, "decide every contract")
	var contracts multi
	fs.Var(&contracts, "contract", "decide this contract (repeatable)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *all == (len(contracts) > 0) || fs.NArg() > 0 {
		return usagef("decide: want --all or --contract ID")
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	p, err := m.pipelineOf(store)
	if err != nil {
		return err
	}
	for i := range contracts {
		contracts[i] = probity.CurrentContractID(ctx, store, contracts[i])
	}
	var ids []string
	if !*all {
		ids = contracts
	}
	m.decideGC()
	res, err := p.Decide(ctx, ids)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "decided %d contracts under policy %s: %d decisions changed (%s)\n", res.Decided.Decided, short(res.PolicyHash), res.Decided.Recorded, outcomeCounts(res.Decided.Outcomes))
	if res.Cases.Opened+res.Cases.Updated > 0 {
		fmt.Fprintf(m.Stdout, "review cases: %d opened, %d moved to the new decision\n", res.Cases.Opened, res.Cases.Updated)
	}
	if n := len(res.Decided.Failed); n > 0 {
		reportFailures(m.Stderr, res.Decided.Failed)
		return fmt.Errorf("the policy in force could not decide %d contracts (the others are decided)", n)
	}
	if len(contracts) == 1 {
		list, err := store.Decisions(ctx, probity.DecisionFilter{ContractID: contracts[0], LatestOnly: true})
		if err != nil {
			return err
		}
		if len(list) == 1 {
			fmt.Fprintln(m.Stdout)
			return m.explainDecision(ctx, store, &list[0])
		}
	}
	return nil
}

// parseSince reads an RFC 3339 time, a date, or a duration back from now
// ("24h").
func parseSince(s string, now time.Time) (time.Time, error) {
	if d, err := time.ParseDuration(s); err == nil {
		return now.Add(-d), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time (RFC 3339, YYYY-MM-DD, or a duration such as 24h)", s)
}

func (m *Main) decisionsList(ctx context.Context, args []string) error {
	return m.listDecisions(ctx, args, false)
}

func (m *Main) decisionsChanged(ctx context.Context, args []string) error {
	return m.listDecisions(ctx, args, true)
}

// listDecisions lists decisions; changed keeps those that differ from the
// one before them.
func (m *Main) listDecisions(ctx context.Context, args []string, changed bool) error {
	name, usage := "decisions list", "decisions list [--json] [--outcome O] [--contract ID] [--history]"
	if changed {
		name, usage = "decisions changed", "decisions changed --since TIME [--json] [--outcome O]"
	}
	fs := m.newFlagSet(name, usage)
	asJSON := fs.Bool("json", false, "write JSON Lines")
	var f probity.DecisionFilter
	fs.StringVar(&f.Outcome, "outcome", "", "only allow, review or deny")
	fs.StringVar(&f.ContractID, "contract", "", "only this contract")
	history := fs.Bool("history", false, "every decision, not only each contract's latest")
	since := fs.String("since", "", "decisions recorded after TIME (RFC 3339, YYYY-MM-DD or a duration such as 24h)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if changed && *since == "" {
		return usagef("decisions changed: --since is required")
	}
	if *since != "" {
		t, err := parseSince(*since, time.Now())
		if err != nil {
			return usagef("%s: --since: %v", name, err)
		}
		f.Since = t
	}
	f.LatestOnly = !*history && !changed && f.ContractID == ""
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	f.ContractID = probity.CurrentContractID(ctx, store, f.ContractID)
	list, err := store.Decisions(ctx, f)
	if err != nil {
		return err
	}
	return writeList(m, *asJSON, list, "ID\tCONTRACT\tOUTCOME\tWAS\tDECIDED\tRULES", "decisions", func(d *probity.Decision) string {
		return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s", d.ID, d.ContractID, d.Outcome, orDash(d.PreviousOutcome), d.DecidedAt.UTC().Format("2006-01-02 15:04:05Z"), ruleIDs(d.Reasons))
	})
}

func ruleIDs(rs []probity.Reason) string {
	seen := map[string]bool{}
	var ids []string
	for _, r := range rs {
		if !seen[r.RuleID] {
			seen[r.RuleID] = true
			ids = append(ids, r.RuleID)
		}
	}
	return strings.Join(ids, " ")
}

func (m *Main) decisionsShow(ctx context.Context, args []string) error {
	fs := m.newFlagSet("decisions show", "decisions show [--json] ID   (a decision id, or a contract id for its latest decision)")
	asJSON := fs.Bool("json", false, "write the decision and its recorded input as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("decisions show: want one decision or contract ID")
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	var d *probity.Decision
	var input json.RawMessage
	if id, err := strconv.ParseInt(fs.Arg(0), 10, 64); err == nil {
		d, input, err = store.Decision(ctx, id)
		if err != nil && probity.ErrorCode(err) != probity.ENOTFOUND {
			return err
		}
	}
	if d == nil {
		list, err := store.Decisions(ctx, probity.DecisionFilter{ContractID: probity.CurrentContractID(ctx, store, fs.Arg(0)), LatestOnly: true})
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return probity.Errorf(probity.ENOTFOUND, "no decision %q, and no decision on a contract %q", fs.Arg(0), fs.Arg(0))
		}
		if d, input, err = store.Decision(ctx, list[0].ID); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(m.Stdout, struct {
			*probity.Decision
			Input json.RawMessage `json:"input"`
		}{d, input})
	}
	return m.explainDecision(ctx, store, d)
}

// explainDecision prints a decision so that a reviewer can check it: the
// outcome, each reason with the findings, hits and paths it rests on, and
// how to reproduce it.
func (m *Main) explainDecision(ctx context.Context, store interface {
	probity.DecisionStore
	probity.RegisterStore
}, d *probity.Decision) error {
	_, raw, err := store.Decision(ctx, d.ID)
	if err != nil {
		return err
	}
	var in policy.Input
	_ = json.Unmarshal(raw, &in)
	orgName := func(id int64) string {
		for _, p := range in.Parties {
			if p.OrgID == id {
				return p.Name
			}
		}
		if o, err := store.Organization(ctx, id); err == nil {
			return o.Name
		}
		return fmt.Sprintf("org %d", id)
	}
	w := m.Stdout
	fmt.Fprintf(w, "Decision %d on contract %s: %s\n", d.ID, d.ContractID, strings.ToUpper(d.Outcome))
	if in.Contract.Title != "" {
		fmt.Fprintf(w, "  %s\n", in.Contract.Title)
	}
	if d.PreviousOutcome != "" {
		fmt.Fprintf(w, "  (was %s)\n", d.PreviousOutcome)
	}
	fmt.Fprintln(w, "\nParties")
	for _, p := range in.Parties {
		fmt.Fprintf(w, "  %-14s %s (org %d)\n", strings.Join(p.Roles, ","), p.Name, p.OrgID)
	}
	if len(d.Reasons) == 0 {
		fmt.Fprintln(w, "\nNo rule of the policy objects: allowed.")
	} else {
		fmt.Fprintln(w, "\nReasons")
	}
	for _, r := range d.Reasons {
		fmt.Fprintf(w, "  [%s] %s: %s\n", r.Effect, r.RuleID, r.Message)
		for _, ref := range r.Refs {
			fmt.Fprintf(w, "      %s\n", describeRef(ref, in, orgName))
		}
	}
	fmt.Fprintf(w, "\nDecided %s under policy %s; input sha256 %s.\n", d.DecidedAt.UTC().Format("2006-01-02 15:04:05Z"), d.PolicyHash, d.InputHash)
	fmt.Fprintf(w, "Reproduce: probity decisions show --json %d gives the recorded input; the policy version with that hash gives the same outcome.\n", d.ID)
	return nil
}

func describeRef(ref probity.Ref, in policy.Input, orgName func(int64) string) string {
	switch ref.Kind {
	case probity.RefFinding:
		for _, f := range in.Findings {
			if strconv.FormatInt(f.ID, 10) == ref.ID {
				return fmt.Sprintf("finding %d on %s: %s, %s, %s (%s) — probity findings show %d", f.ID, orgName(f.OrgID), f.Category, f.Status, f.Severity, legalBases(f.LegalBasis), f.ID)
			}
		}
	case probity.RefHit:
		for _, h := range in.Screening {
			if h.ID == ref.ID {
				return fmt.Sprintf("screening hit: %s is %.2f like %s:%s %q [%s]", orgName(h.OrgID), h.Score, h.List, h.SourceID, h.Name, strings.Join(h.Programs, " "))
			}
		}
	case probity.RefPath:
		for _, p := range in.Exposure {
			if p.ID == ref.ID {
				var b strings.Builder
				b.WriteString("path: contract")
				for i, n := range p.Nodes {
					if i == 0 {
						fmt.Fprintf(&b, " → %s (%s)", orgName(n), strings.Join(p.Roles, ","))
						continue
					}
					fmt.Fprintf(&b, " →%s→ %s", p.Kinds[i-1], orgName(n))
				}
				return b.String()
			}
		}
	}
	return ref.Kind + " " + ref.ID
}
