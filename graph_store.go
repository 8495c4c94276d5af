package probity

import "context"

// PartyRow is one party of one contract, for building the exposure graph
// in one pass.
type PartyRow struct {
	ContractID string
	OrgID      int64
	Role       string // buyer, supplier, subcontractor
}

// GraphStore keeps the relationship graph: the parties of every contract
// and the relationships between organizations.
type GraphStore interface {
	// Relationships returns the relationships from or to one organization.
	Relationships(ctx context.Context, orgID int64) ([]Relationship, error)
	// ForEachParty calls fn for every party of every contract (buyers
	// included), and ForEachRelationship for every relationship, so that the
	// exposure graph is built with two queries.
	ForEachParty(ctx context.Context, fn func(PartyRow) error) error
	ForEachRelationship(ctx context.Context, fn func(Relationship) error) error
	// AddRelationship stores an edge added by hand; it reports whether the
	// edge was new.
	AddRelationship(ctx context.Context, r Relationship) (bool, error)
}
