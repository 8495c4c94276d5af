package probity

import (
	"context"
	"time"
)

// Kinds of pending change. Each says what work follows a change of the
// register, so that the work is not lost when the process stops before
// doing it.
const (
	// ChangeContract: a contract was written; decide it.
	ChangeContract = "contract"
	// ChangeOrganization: an organization was created or got a new name;
	// screen the register again (when lists are loaded).
	ChangeOrganization = "organization"
	// ChangeScreening: an organization's screening results changed; decide
	// the contracts whose exposure can reach it.
	ChangeScreening = "screening"
	// ChangeFinding: a finding was added or updated; decide the contracts
	// whose exposure can reach its organization.
	ChangeFinding = "finding"
	// ChangeList: a new list version was saved; screen the register again.
	ChangeList = "list"
	// ChangePolicy: a policy version was published; decide every contract.
	ChangePolicy = "policy"
	// ChangeRelationship: a relationship was added; decide the contracts
	// whose exposure can reach either end (or its contract).
	ChangeRelationship = "relationship"
)

// Change is one pending piece of work, recorded in the same transaction as
// the change that calls for it (a transactional outbox) and removed once
// the work is done.
type Change struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"`
	Ref        string    `json:"ref,omitempty"` // the changed object: finding, list version, policy version or relationship id
	OrgID      int64     `json:"org_id,omitempty"`
	OtherOrgID int64     `json:"other_org_id,omitempty"` // a relationship's other end
	ContractID string    `json:"contract_id,omitempty"`
	At         time.Time `json:"at"`
}

// ChangeLog is the outbox of pending changes and the change counter, which
// grows with every committed change to lists, screening results, findings,
// relationships, policy versions and the register.
type ChangeLog interface {
	// PendingChanges returns up to limit pending changes (all when limit
	// is 0), oldest first.
	PendingChanges(ctx context.Context, limit int) ([]Change, error)
	// CountPendingChanges counts the pending changes by kind.
	CountPendingChanges(ctx context.Context) (map[string]int, error)
	// CompleteChanges removes the pending changes with these ids; ids
	// already removed are ignored.
	CompleteChanges(ctx context.Context, ids []int64) error
	// ChangeCounter returns the change counter.
	ChangeCounter(ctx context.Context) (int64, error)
}
