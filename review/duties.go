package review

import (
	"context"
	"fmt"

	"github.com/probity/probity"
)

// Separation of duties: who stands too close to a case to be assigned it
// or to decide it, and what a decision needs. The rules follow the
// contract and the people behind the case, not the way the case was
// opened, so that no route into review is a side door.

// requester is someone with a stake in a case's deal, and why.
type requester struct {
	name, why string
}

// requesters lists everyone with a stake in a case: whoever is recorded
// as requesting the deal, and the raiser and every signer of each concern
// that escalated to the case. Signers who chose to be anonymous to the
// public count too: anonymity hides a name from the public, not from the
// rules.
func requesters(ctx context.Context, tx probity.ReviewTx, c *probity.Case) ([]requester, error) {
	var out []requester
	if c.RequestedBy != "" {
		out = append(out, requester{c.RequestedBy, "requested this deal"})
	}
	concerns, err := tx.Concerns(ctx, probity.ConcernFilter{CaseID: c.ID})
	if err != nil {
		return nil, err
	}
	for _, k := range concerns {
		out = append(out, requester{k.RaisedBy, fmt.Sprintf("raised concern %d, which escalated to this case", k.ID)})
		sigs, err := tx.Signatures(ctx, k.ID)
		if err != nil {
			return nil, err
		}
		for _, s := range sigs {
			if s.Signer != k.RaisedBy {
				out = append(out, requester{s.Signer, fmt.Sprintf("signed concern %d, which escalated to this case", k.ID)})
			}
		}
	}
	return out, nil
}

// stake returns why name has a stake in the case, or "" if they have none.
func stake(ctx context.Context, tx probity.ReviewTx, c *probity.Case, name string) (string, error) {
	rs, err := requesters(ctx, tx, c)
	if err != nil {
		return "", err
	}
	for _, r := range rs {
		if r.name == name {
			return r.why, nil
		}
	}
	return "", nil
}

// overridesDeny reports whether approving the case overrides a deny: the
// contract's latest decision is deny (whatever opened the case), or, for
// a case without a contract decision, the decision the case recorded.
func overridesDeny(ctx context.Context, tx probity.ReviewTx, c *probity.Case) (bool, error) {
	if c.ContractID != "" {
		d, err := tx.LatestDecision(ctx, c.ContractID)
		if err != nil {
			return false, err
		}
		if d != nil {
			return d.Outcome == probity.OutcomeDeny, nil
		}
	}
	return c.DecisionOutcome == probity.OutcomeDeny, nil
}
