package probity

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Decision outcomes.
const (
	OutcomeAllow  = "allow"
	OutcomeReview = "review"
	OutcomeDeny   = "deny"
)

// Outcomes returns the outcomes from least to most restrictive.
func Outcomes() []string { return []string{OutcomeAllow, OutcomeReview, OutcomeDeny} }

// Kinds of evidence a reason refers to.
const (
	RefFinding = "finding" // ID is a finding id
	RefHit     = "hit"     // ID is a screening hit id
	RefPath    = "path"    // ID is an exposure path id
)

// Ref points at one piece of evidence in a decision's input.
type Ref struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
}

// Reason is why a policy rule fired: the rule's id, the outcome it calls for
// (Effect: review or deny), a readable message, the severity of the evidence
// when it has one, and references to the findings, hits and paths involved.
type Reason struct {
	RuleID   string `json:"rule_id"`
	Effect   string `json:"effect,omitempty"`
	Message  string `json:"message"`
	Severity string `json:"severity,omitempty"`
	Refs     []Ref  `json:"refs,omitempty"`
}

// Decision is the outcome of a policy for one contract, with its reasons and
// what makes it reproducible: the hash of the policy version and of the
// decision input. Decisions are history and are never edited.
type Decision struct {
	ID         int64     `json:"id"`
	ContractID string    `json:"contract_id"`
	Outcome    string    `json:"outcome"`
	Reasons    []Reason  `json:"reasons"`
	PolicyHash string    `json:"policy_hash"`
	InputHash  string    `json:"input_hash"`
	DecidedAt  time.Time `json:"decided_at"`
	// PreviousOutcome is the outcome of the contract's decision before this
	// one ("" for its first), filled in by the store.
	PreviousOutcome string `json:"previous_outcome,omitempty"`
}

// Validate checks that the outcome is allow, review or deny and that every
// reason has a rule id and references of known kinds.
func (d *Decision) Validate() error {
	bad := func(field, format string, args ...any) error {
		return &InputError{File: "decision " + d.ContractID, Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	if !slices.Contains(Outcomes(), d.Outcome) {
		return bad("outcome", "%q is not allow, review or deny", d.Outcome)
	}
	for i, r := range d.Reasons {
		if r.RuleID == "" {
			return bad(fmt.Sprintf("reasons[%d].rule_id", i), "is required")
		}
		if r.Effect != "" && r.Effect != OutcomeReview && r.Effect != OutcomeDeny {
			return bad(fmt.Sprintf("reasons[%d].effect", i), "%q is not review or deny", r.Effect)
		}
		for j, ref := range r.Refs {
			if ref.Kind != RefFinding && ref.Kind != RefHit && ref.Kind != RefPath {
				return bad(fmt.Sprintf("reasons[%d].refs[%d].kind", i, j), "%q is not finding, hit or path", ref.Kind)
			}
			if ref.ID == "" {
				return bad(fmt.Sprintf("reasons[%d].refs[%d].id", i, j), "is required")
			}
		}
	}
	return nil
}

// PrepareRecord readies a decision for storing: it validates it, gives it
// an empty (not nil) reason list and the time now if it has none, and
// returns its reasons as JSON, the form in which stores compare a decision
// with the contract's previous one.
func (d *Decision) PrepareRecord(now time.Time) (reasons string, err error) {
	if err := d.Validate(); err != nil {
		return "", err
	}
	if d.Reasons == nil {
		d.Reasons = []Reason{}
	}
	if d.DecidedAt.IsZero() {
		d.DecidedAt = now
	}
	b, err := json.Marshal(d.Reasons)
	return string(b), err
}
