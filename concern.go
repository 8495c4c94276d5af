package probity

import (
	"strconv"
	"time"
)

// Concern statuses.
const (
	ConcernOpen      = "open"
	ConcernEscalated = "escalated"
	ConcernClosed    = "closed" // its case was decided
)

// Concern is an employee's concern about a contract or an organization,
// signed by others; at Threshold signatures it escalates to a case.
type Concern struct {
	ID         int64  `json:"id"`
	ContractID string `json:"contract_id,omitempty"`
	OrgID      int64  `json:"org_id,omitempty"`
	Text       string `json:"text"`
	RaisedBy   string `json:"raised_by"`
	// RaisedAnonymously hides the raiser's name from the public (it is
	// the anonymity of the raiser's own signature).
	RaisedAnonymously bool      `json:"raised_anonymously,omitempty"`
	RaisedAt          time.Time `json:"raised_at"`
	Threshold         int       `json:"threshold"`
	Status            string    `json:"status"`
	CaseID            int64     `json:"case_id,omitempty"`
	// Filled in by the store on reads.
	Signatures  int    `json:"signatures"`
	CaseState   string `json:"case_state,omitempty"`
	CaseOutcome string `json:"case_outcome,omitempty"`
}

// Subject names what the concern is about: "contract:ID" or "org:ID".
func (c *Concern) Subject() string {
	if c.ContractID != "" {
		return "contract:" + c.ContractID
	}
	return "org:" + strconv.FormatInt(c.OrgID, 10)
}

// ConcernFilter narrows a concern listing; zero fields match everything.
type ConcernFilter struct {
	Status     string
	ContractID string
	OrgID      int64
	CaseID     int64
	Limit      int
}

// Signature is one person's signature of a concern. The signer's name is
// always stored; Anonymous hides it from the public.
type Signature struct {
	ConcernID int64     `json:"concern_id"`
	Signer    string    `json:"signer"`
	Anonymous bool      `json:"anonymous"`
	SignedAt  time.Time `json:"signed_at"`
}
