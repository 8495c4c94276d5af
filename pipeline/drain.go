package pipeline

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/review"
	"github.com/probity/probity/screen"
)

// maxRounds bounds one Drain when other writers keep adding changes: what
// is left stays pending for the next Drain.
const maxRounds = 50

// Result says what one Drain (or Decide) did.
type Result struct {
	// Changes counts the pending changes handled, by kind.
	Changes map[string]int `json:"changes"`
	// Screened is set when the register was screened again.
	Screened *screen.Stats `json:"screened,omitempty"`
	// NoPolicy is set when decisions were due but no policy is published.
	NoPolicy bool `json:"no_policy,omitempty"`
	// All is set when every contract was decided (a new policy).
	All bool `json:"all,omitempty"`
	// Affected counts the contracts the changes called to decide.
	Affected int `json:"affected"`
	// Decided and PolicyHash: what was decided, under which policy.
	Decided    decide.Stats `json:"decided"`
	PolicyHash string       `json:"policy_hash,omitempty"`
	// Cases is what case sync changed.
	Cases review.SyncStats `json:"cases"`
	// Left counts the changes still pending when Drain gave up its rounds.
	Left int `json:"left,omitempty"`
}

// Handled is the number of pending changes handled.
func (r *Result) Handled() int {
	n := 0
	for _, v := range r.Changes {
		n += v
	}
	return n
}

func (r *Result) add(st decide.Stats) {
	r.Decided.Decided += st.Decided
	r.Decided.Recorded += st.Recorded
	r.Decided.Failed = append(r.Decided.Failed, st.Failed...)
	if r.Decided.Outcomes == nil {
		r.Decided.Outcomes = map[string]int{}
	}
	for k, v := range st.Outcomes {
		r.Decided.Outcomes[k] += v
	}
}

// Drain does the work the pending changes call for, in rounds, until none
// is pending: when lists or organizations changed, it screens the register
// again (the store records the organizations whose results changed as new
// pending changes); then, if a policy is in force, it decides the affected
// contracts (every contract after a new policy) and syncs the review
// cases; only then does it remove the changes it handled. Stopping at any
// point leaves them pending, and running it again does the same work.
func (p *Pipeline) Drain(ctx context.Context) (Result, error) {
	res := Result{Changes: map[string]int{}}
	for round := 0; ; round++ {
		pending, err := p.store.PendingChanges(ctx, 0)
		if err != nil {
			return res, err
		}
		if len(pending) == 0 {
			return res, nil
		}
		if round == maxRounds {
			res.Left = len(pending)
			return res, nil
		}
		if screening := screeningChanges(pending); len(screening) > 0 {
			if err := p.rescreen(ctx, &res); err != nil {
				return res, err
			}
			if err := p.complete(ctx, &res, screening); err != nil {
				return res, err
			}
			continue // the screening changes it recorded come next
		}
		if err := p.decidePending(ctx, &res, pending); err != nil {
			return res, err
		}
		if err := p.complete(ctx, &res, pending); err != nil {
			return res, err
		}
	}
}

// screeningChanges returns the changes that call for screening again.
func screeningChanges(cs []probity.Change) []probity.Change {
	var out []probity.Change
	for _, c := range cs {
		if c.Kind == probity.ChangeList || c.Kind == probity.ChangeOrganization {
			out = append(out, c)
		}
	}
	return out
}

func (p *Pipeline) rescreen(ctx context.Context, res *Result) error {
	lists, err := p.store.CurrentLists(ctx)
	if err != nil {
		return err
	}
	if len(lists) == 0 {
		return nil // nothing to screen against
	}
	ix, err := screen.BuildIndex(ctx, p.store)
	if err != nil {
		return err
	}
	st, err := p.screenRegister(ctx, ix)
	if err != nil {
		return fmt.Errorf("screening the register: %w", err)
	}
	res.Screened = &st
	return nil
}

func (p *Pipeline) complete(ctx context.Context, res *Result, cs []probity.Change) error {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	if err := p.store.CompleteChanges(ctx, ids); err != nil {
		return err
	}
	for _, c := range cs {
		res.Changes[c.Kind]++
	}
	return nil
}

// decidePending decides the contracts the changes affect.
func (p *Pipeline) decidePending(ctx context.Context, res *Result, pending []probity.Change) error {
	d, err := decide.New(ctx, p.store, p.maxDepth)
	if probity.ErrorCode(err) == probity.ENOTFOUND {
		res.NoPolicy = true // publishing a policy will decide every contract
		return nil
	}
	if err != nil {
		return err
	}
	ids, all := Affected(d, pending)
	if !all && len(ids) == 0 {
		return nil
	}
	if all {
		ids, res.All = nil, true
	}
	res.Affected += len(ids)
	st, err := d.Decide(ctx, ids)
	if err != nil {
		return err
	}
	if all {
		res.Affected += st.Decided
	}
	res.add(st)
	res.PolicyHash = d.PolicyHash()
	// Always sync, even when no decision changed: an earlier run may have
	// recorded decisions and stopped before syncing.
	cs, err := review.SyncDecisions(ctx, p.store, p.now())
	if err != nil {
		return fmt.Errorf("syncing review cases: %w", err)
	}
	res.Cases.Opened += cs.Opened
	res.Cases.Updated += cs.Updated
	return nil
}

// Affected returns, sorted, the contracts the changes call to decide over
// the decider's snapshot of the register; all is true when every contract
// is (a policy was published).
func Affected(d *decide.Decider, changes []probity.Change) (ids []string, all bool) {
	set := map[string]bool{}
	var orgs []int64
	for _, c := range changes {
		switch c.Kind {
		case probity.ChangePolicy:
			return nil, true
		case probity.ChangeContract:
			set[c.ContractID] = true
		case probity.ChangeScreening, probity.ChangeFinding:
			orgs = append(orgs, c.OrgID)
		case probity.ChangeRelationship:
			id, _ := strconv.ParseInt(c.Ref, 10, 64)
			for _, cid := range d.AffectedByRelationship(probity.Relationship{ID: id, From: c.OrgID, To: c.OtherOrgID, ContractID: c.ContractID}) {
				set[cid] = true
			}
		}
	}
	for _, cid := range d.AffectedByOrgs(orgs...) {
		set[cid] = true
	}
	delete(set, "")
	return slices.Sorted(maps.Keys(set)), false
}

// Decide decides the given contracts (every contract when ids is nil)
// under the policy in force and syncs the review cases, for "decide"
// itself. It returns ENOTFOUND when no policy is published.
func (p *Pipeline) Decide(ctx context.Context, ids []string) (Result, error) {
	res := Result{Changes: map[string]int{}, All: ids == nil, Affected: len(ids)}
	d, err := decide.New(ctx, p.store, p.maxDepth)
	if err != nil {
		return res, err
	}
	st, err := d.Decide(ctx, ids)
	if err != nil {
		return res, err
	}
	res.add(st)
	res.PolicyHash = d.PolicyHash()
	cs, err := review.SyncDecisions(ctx, p.store, p.now())
	if err != nil {
		return res, fmt.Errorf("syncing review cases: %w", err)
	}
	res.Cases = cs
	return res, nil
}
