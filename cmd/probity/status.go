package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/pipeline"
)

// statusReport is what "probity status" shows.
type statusReport struct {
	ChangeCounter int64          `json:"change_counter"`
	Pending       map[string]int `json:"pending"` // pending changes by kind
	OldestPending *time.Time     `json:"oldest_pending,omitempty"`
	Policy        string         `json:"policy,omitempty"` // the version in force: id and hash
	Lists         []string       `json:"lists"`            // list@version of the current lists
}

// runStatus shows the work pending after changes (an outbox: what a
// command or serve has yet to do: screen, decide, sync cases), the change
// counter, the policy in force and the current lists. It does not do the
// pending work; any other command does.
func (m *Main) runStatus(ctx context.Context, args []string) error {
	fs := m.newFlagSet("status", "status [--json]")
	asJSON := fs.Bool("json", false, "write JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("status: unexpected argument %q", fs.Arg(0))
	}
	m.keepPending = true
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	ps, ok := store.(pipeline.Store)
	if !ok {
		return fmt.Errorf("internal error: the store %T keeps no outbox of pending changes", store)
	}
	rep := statusReport{Lists: []string{}}
	if rep.ChangeCounter, err = ps.ChangeCounter(ctx); err != nil {
		return err
	}
	if rep.Pending, err = ps.CountPendingChanges(ctx); err != nil {
		return err
	}
	first, err := ps.PendingChanges(ctx, 1)
	if err != nil {
		return err
	}
	if len(first) == 1 {
		rep.OldestPending = &first[0].At
	}
	pv, err := store.CurrentPolicy(ctx)
	switch {
	case err == nil:
		rep.Policy = fmt.Sprintf("version %d (sha256 %s)", pv.ID, short(pv.Hash))
	case probity.ErrorCode(err) != probity.ENOTFOUND:
		return err
	}
	versions, err := store.CurrentLists(ctx)
	if err != nil {
		return err
	}
	for _, v := range versions {
		rep.Lists = append(rep.Lists, fmt.Sprintf("%s@%d", v.List, v.ID))
	}
	if *asJSON {
		return json.NewEncoder(m.Stdout).Encode(rep)
	}
	fmt.Fprintf(m.Stdout, "database: %s\n", m.Config.DB)
	fmt.Fprintf(m.Stdout, "change counter: %d\n", rep.ChangeCounter)
	fmt.Fprintf(m.Stdout, "policy in force: %s\n", orDash(rep.Policy))
	fmt.Fprintf(m.Stdout, "lists: %d", len(rep.Lists))
	for _, l := range rep.Lists {
		fmt.Fprintf(m.Stdout, " %s", l)
	}
	fmt.Fprintln(m.Stdout)
	if len(rep.Pending) == 0 {
		fmt.Fprintln(m.Stdout, "pending: nothing (every change has been screened, decided and its cases synced)")
		return nil
	}
	kinds := make([]string, 0, len(rep.Pending))
	total := 0
	for k, n := range rep.Pending {
		kinds = append(kinds, k)
		total += n
	}
	sort.Strings(kinds)
	fmt.Fprintf(m.Stdout, "pending: %d changes since %s; the next probity command (or serve) finishes them\n", total, rep.OldestPending.UTC().Format("2006-01-02 15:04:05Z"))
	tw := newTable(m.Stdout)
	fmt.Fprintln(tw, "  KIND\tPENDING\tWORK")
	for _, k := range kinds {
		fmt.Fprintf(tw, "  %s\t%d\t%s\n", k, rep.Pending[k], pendingWork[k])
	}
	return tw.Flush()
}

// pendingWork says what each kind of pending change calls for.
var pendingWork = map[string]string{
	probity.ChangeContract:     "decide the contract",
	probity.ChangeOrganization: "screen the register again (when lists are loaded)",
	probity.ChangeScreening:    "decide the contracts the organization's exposure reaches",
	probity.ChangeFinding:      "decide the contracts the organization's exposure reaches",
	probity.ChangeList:         "screen the register again",
	probity.ChangePolicy:       "decide every contract",
	probity.ChangeRelationship: "decide the contracts either end's exposure reaches",
}
