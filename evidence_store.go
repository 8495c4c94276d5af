package probity

import (
	"context"
	"encoding/json"
	"time"
)

// FindingVersion is one state of a finding in its history: every change
// of a finding is kept.
type FindingVersion struct {
	Version   int       `json:"version"`
	Finding   Finding   `json:"finding"`
	ChangedAt time.Time `json:"changed_at"`
	Author    string    `json:"author"`
}

// FindingFilter narrows a finding listing; zero fields match everything.
type FindingFilter struct {
	OrgID  int64
	Status string
}

// PolicyVersion is one published version of the policy: its files (Rego
// modules, their tests and the Markdown text that is published), their
// content hash, who published it and when.
type PolicyVersion struct {
	ID          int64             `json:"id"`
	Hash        string            `json:"hash"`
	Author      string            `json:"author"`
	PublishedAt time.Time         `json:"published_at"`
	Files       map[string]string `json:"files"`
}

// DecisionFilter narrows a decision listing.
type DecisionFilter struct {
	ContractID string
	Outcome    string
	Since      time.Time // only decisions recorded after this time
	LatestOnly bool      // only the newest decision of each contract
	Limit      int
}

// PartyRow is one party of one contract, for building the exposure graph
// in one pass.
type PartyRow struct {
	ContractID string
	OrgID      int64
	Role       string // buyer, supplier, subcontractor
}

// EvidenceStore keeps findings (with their history), the published policy
// versions and the decisions taken under them.
type EvidenceStore interface {
	// AddFinding validates and stores a new finding as version 1 of its
	// history.
	AddFinding(ctx context.Context, f Finding) (Finding, error)
	// UpdateFinding stores a new version of an existing finding.
	UpdateFinding(ctx context.Context, f Finding) (Finding, error)
	Finding(ctx context.Context, id int64) (*Finding, error)
	Findings(ctx context.Context, f FindingFilter) ([]Finding, error)
	FindingHistory(ctx context.Context, id int64) ([]FindingVersion, error)

	// PublishPolicy stores a policy version unless one with the same hash
	// is already the current one; it returns the current version.
	PublishPolicy(ctx context.Context, v PolicyVersion) (PolicyVersion, error)
	// CurrentPolicy returns the newest published version (ENOTFOUND if none).
	CurrentPolicy(ctx context.Context) (*PolicyVersion, error)
	PolicyVersions(ctx context.Context) ([]PolicyVersion, error)

	// RecordDecision stores d, with the input it was computed from, unless
	// the contract's latest decision has the same outcome and reasons; it
	// reports whether d was recorded. Decisions are never edited.
	RecordDecision(ctx context.Context, d Decision, input json.RawMessage) (Decision, bool, error)
	// RecordDecisions records many decisions in one transaction, as
	// RecordDecision would one by one; recorded[i] says whether ds[i] was.
	RecordDecisions(ctx context.Context, ds []Decision, inputs []json.RawMessage) (recorded []bool, err error)
	Decision(ctx context.Context, id int64) (*Decision, json.RawMessage, error)
	Decisions(ctx context.Context, f DecisionFilter) ([]Decision, error)

	// ForEachParty calls fn for every party of every contract (buyers
	// included), and ForEachRelationship for every relationship, so that the
	// exposure graph is built with two queries.
	ForEachParty(ctx context.Context, fn func(PartyRow) error) error
	ForEachRelationship(ctx context.Context, fn func(Relationship) error) error
	// AddRelationship stores an edge added by hand; it reports whether the
	// edge was new.
	AddRelationship(ctx context.Context, r Relationship) (bool, error)
}
