package probity

import (
	"context"
	"encoding/json"
	"time"
)

// DecisionFilter narrows a decision listing.
type DecisionFilter struct {
	ContractID string
	Outcome    string
	Since      time.Time // only decisions recorded after this time
	LatestOnly bool      // only the newest decision of each contract
	Limit      int
}

// DecisionStore keeps the decisions taken under the policy versions:
// history, never edited.
type DecisionStore interface {
	// RecordDecision stores d, with the input it was computed from, unless
	// the contract's latest decision has the same outcome and reasons; it
	// reports whether d was recorded. Decisions are never edited.
	RecordDecision(ctx context.Context, d Decision, input json.RawMessage) (Decision, bool, error)
	// RecordDecisions records many decisions in one transaction, as
	// RecordDecision would one by one; recorded[i] says whether ds[i] was.
	RecordDecisions(ctx context.Context, ds []Decision, inputs []json.RawMessage) (recorded []bool, err error)
	Decision(ctx context.Context, id int64) (*Decision, json.RawMessage, error)
	Decisions(ctx context.Context, f DecisionFilter) ([]Decision, error)
}
