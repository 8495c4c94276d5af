package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/pipeline"
)

// The stages after a change (screening, deciding the affected contracts,
// syncing the review cases) are package pipeline's. A command that changes
// something calls afterChange at its end; every command finishes the work
// an earlier one left pending when it opens the store (finishPending).

// pipelineOf returns the pipeline over the store.
func (m *Main) pipelineOf(store probity.Store) (*pipeline.Pipeline, error) {
	ps, ok := store.(pipeline.Store)
	if !ok {
		return nil, fmt.Errorf("internal error: the store %T keeps no outbox of pending changes", store)
	}
	return pipeline.New(ps), nil
}

// decideGC raises the garbage collector's target for a command that
// decides contracts (GOGC 400, unless the GOGC environment variable sets
// one): policy evaluation allocates many short-lived values, and
// collecting them took a quarter to a third of the CPU at the default of
// 100, while the live heap stays small (the graph and one chunk of
// decisions). It is a process-wide setting, so it is made here, for the
// rest of a command-line run, and not in a library.
func (m *Main) decideGC() {
	if m.Getenv("GOGC") == "" && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

// afterChange does the work the command's changes call for (and any left
// pending before) and says what it did.
func (m *Main) afterChange(ctx context.Context, store probity.Store) error {
	p, err := m.pipelineOf(store)
	if err != nil {
		return err
	}
	m.decideGC()
	res, err := p.Drain(ctx)
	if err != nil {
		return fmt.Errorf("%w (the work is kept pending: any later probity command finishes it; 'probity status' shows it)", err)
	}
	reportDrain(m.Stdout, res, true)
	return nil
}

// finishPending finishes, before a command runs, the work an earlier
// command left pending (it stopped, crashed or lost the database). It
// reports on stderr, so that a command's own output stays clean; if the
// work fails again, the command runs all the same and the work stays
// pending.
func (m *Main) finishPending(ctx context.Context, store probity.Store) {
	ps, ok := store.(pipeline.Store)
	if !ok {
		return
	}
	pending, err := ps.PendingChanges(ctx, 1)
	if err != nil || len(pending) == 0 {
		return
	}
	fmt.Fprintf(m.Stderr, "probity: finishing the work left pending since %s (%s)\n", pending[0].At.UTC().Format("2006-01-02 15:04:05Z"), pending[0].Kind)
	m.decideGC()
	res, err := pipeline.New(ps).Drain(ctx)
	if err != nil {
		fmt.Fprintf(m.Stderr, "probity: warning: the pending work failed, it stays pending: %v\n", err)
		return
	}
	reportDrain(m.Stderr, res, false)
}

// reportDrain says what a drain did. quiet about "nothing was affected"
// unless verbose.
func reportDrain(w io.Writer, res pipeline.Result, verbose bool) {
	if res.Screened != nil {
		fmt.Fprintf(w, "screened %d organizations: %d hits, %d organizations' hits changed\n", res.Screened.Organizations, res.Screened.Hits, len(res.Screened.Changed))
	}
	switch {
	case res.NoPolicy:
		if verbose {
			fmt.Fprintf(w, "no policy is published yet, so no contract was decided (probity policy publish DIR)\n")
		}
	case res.Decided.Decided == 0:
		if verbose && res.Handled() > 0 {
			fmt.Fprintf(w, "no contract is affected: no decision changes\n")
		}
	default:
		fmt.Fprintf(w, "after %s: re-decided %d contracts, %d decisions changed (%s)\n", describeChanges(res.Changes), res.Decided.Decided, res.Decided.Recorded, outcomeCounts(res.Decided.Outcomes))
	}
	if res.Cases.Opened+res.Cases.Updated > 0 {
		fmt.Fprintf(w, "review cases: %d opened, %d moved to the new decision\n", res.Cases.Opened, res.Cases.Updated)
	}
	if res.Left > 0 {
		fmt.Fprintf(w, "%d changes are still pending (other writers keep adding them): the next command finishes them\n", res.Left)
	}
	reportFailures(w, res.Decided.Failed)
}

// reportFailures names the contracts the policy could not decide (each
// keeps its previous decision; the others were decided).
func reportFailures(w io.Writer, failed []decide.Failure) {
	const shown = 10
	for i, f := range failed {
		if i == shown {
			fmt.Fprintf(w, "… and %d more contracts the policy could not decide\n", len(failed)-shown)
			break
		}
		fmt.Fprintf(w, "could not decide %s (its previous decision stays)\n", f)
	}
}

// describeChanges names the changes handled: "1 policy, 3 contracts".
func describeChanges(n map[string]int) string {
	var parts []string
	for _, k := range []string{probity.ChangePolicy, probity.ChangeList, probity.ChangeFinding, probity.ChangeRelationship,
		probity.ChangeScreening, probity.ChangeContract, probity.ChangeOrganization} {
		if n[k] > 0 {
			parts = append(parts, plural(n[k], changeNoun[k]))
		}
	}
	if len(parts) == 0 {
		return "no change"
	}
	return strings.Join(parts, ", ")
}

var changeNoun = map[string]string{
	probity.ChangePolicy: "policy version", probity.ChangeList: "list version", probity.ChangeFinding: "finding change",
	probity.ChangeRelationship: "relationship", probity.ChangeScreening: "screening change", probity.ChangeContract: "contract change",
	probity.ChangeOrganization: "organization change",
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
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
