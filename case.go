package probity

import (
	"strconv"
	"time"
)

// Case states.
const (
	CaseOpen     = "open"      // waiting for a reviewer
	CaseInReview = "in_review" // assigned, or an approval is pending
	CaseDecided  = "decided"   // has an outcome; never reopened
)

// Case outcomes.
const (
	CaseApprove               = "approve"
	CaseApproveWithConditions = "approve_with_conditions"
	CaseReject                = "reject"
	CaseCancelContract        = "cancel_contract"
)

// CaseOutcomes returns the outcomes a reviewer may decide.
func CaseOutcomes() []string {
	return []string{CaseApprove, CaseApproveWithConditions, CaseReject, CaseCancelContract}
}

// Case priorities.
const (
	PriorityNormal = "normal"
	PriorityHigh   = "high"
)

// What opened a case.
const (
	OriginDecision = "decision" // a review or deny decision
	OriginConcern  = "concern"  // an escalated employee concern
	OriginRequest  = "request"  // opened by hand ("cases open")
)

// Approval is the first reviewer's approval of a case whose decision is
// deny: overriding a deny takes a second, different reviewer.
type Approval struct {
	By         string    `json:"by"`
	Outcome    string    `json:"outcome"`
	Conditions string    `json:"conditions,omitempty"`
	At         time.Time `json:"at"`
}

// Case is the review of one contract (or, for a concern about an
// organization, of one organization): who requested the deal, who reviews
// it, the decision under review and what was decided.
type Case struct {
	ID         int64  `json:"id"`
	ContractID string `json:"contract_id,omitempty"`
	OrgID      int64  `json:"org_id,omitempty"` // when the case is about an organization
	Origin     string `json:"origin"`
	// DecisionID is the contract's latest decision while the case is open
	// (the one under review), and DecisionOutcome its outcome.
	DecisionID      int64     `json:"decision_id,omitempty"`
	DecisionOutcome string    `json:"decision_outcome,omitempty"`
	State           string    `json:"state"`
	Priority        string    `json:"priority"`
	RequestedBy     string    `json:"requested_by,omitempty"` // who asked for the deal, if known
	Assignee        string    `json:"assignee,omitempty"`
	Outcome         string    `json:"outcome,omitempty"`
	Conditions      string    `json:"conditions,omitempty"`
	DecidedBy       string    `json:"decided_by,omitempty"`
	DecidedAt       time.Time `json:"decided_at,omitzero"`
	FirstApproval   *Approval `json:"first_approval,omitempty"`
	OpenedAt        time.Time `json:"opened_at"`
	DueAt           time.Time `json:"due_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// Overdue reports whether the case is undecided past its due date.
func (c *Case) Overdue(now time.Time) bool {
	return c.State != CaseDecided && now.After(c.DueAt)
}

// Subject names what the case is about: "contract:ID" or "org:ID".
func (c *Case) Subject() string {
	if c.ContractID != "" {
		return "contract:" + c.ContractID
	}
	return "org:" + strconv.FormatInt(c.OrgID, 10)
}

// CaseFilter narrows a case listing; zero fields match everything.
type CaseFilter struct {
	State      string
	ContractID string
	Assignee   string
	// OverdueAt, when set, keeps only undecided cases due before it.
	OverdueAt time.Time
	Limit     int
}

// CaseComment is one comment on a case; "system" comments record what
// changed around it (a new decision on the contract, a concern joining).
type CaseComment struct {
	ID     int64     `json:"id"`
	CaseID int64     `json:"case_id"`
	Author string    `json:"author"`
	Text   string    `json:"text"`
	At     time.Time `json:"at"`
}

// Kinds of case evidence.
const (
	EvidenceFinding = "finding"
	EvidenceURL     = "url"
)

// CaseEvidence is evidence attached to a case: a finding of the evidence
// base, or a URL with a title.
type CaseEvidence struct {
	ID        int64     `json:"id"`
	CaseID    int64     `json:"case_id"`
	Kind      string    `json:"kind"`
	FindingID int64     `json:"finding_id,omitempty"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	AddedBy   string    `json:"added_by"`
	At        time.Time `json:"at"`
}
