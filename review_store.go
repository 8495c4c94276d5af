package probity

import "context"

// ReviewStore keeps review cases (with their comments and evidence) and
// employee concerns (with their signatures). The rules of the workflow —
// who may do what, separation of duties, escalation — live in package
// review, which runs them inside UpdateReview so that a check and the
// change it allows are one transaction.
type ReviewStore interface {
	// UpdateReview runs fn in one write transaction. If fn returns an
	// error, nothing it wrote is kept.
	UpdateReview(ctx context.Context, fn func(ReviewTx) error) error

	Case(ctx context.Context, id int64) (*Case, error) // ENOTFOUND if absent
	// Cases lists cases in id order.
	Cases(ctx context.Context, f CaseFilter) ([]Case, error)
	CaseComments(ctx context.Context, caseID int64) ([]CaseComment, error)
	CaseEvidence(ctx context.Context, caseID int64) ([]CaseEvidence, error)

	Concern(ctx context.Context, id int64) (*Concern, error) // ENOTFOUND if absent
	// Concerns lists concerns in id order.
	Concerns(ctx context.Context, f ConcernFilter) ([]Concern, error)
	// Signatures lists a concern's signatures in the order they were made.
	Signatures(ctx context.Context, concernID int64) ([]Signature, error)
}

// ReviewTx is a write transaction over the review tables, with the rest of
// the register (to change a contract's status) and the audit log (every
// change is audited in the transaction that makes it).
type ReviewTx interface {
	Tx
	AppendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error)

	Case(ctx context.Context, id int64) (*Case, error)
	Cases(ctx context.Context, f CaseFilter) ([]Case, error)
	// CreateCase stores a new case and returns it with its id. A contract
	// has at most one undecided case: a second is ECONFLICT.
	CreateCase(ctx context.Context, c Case) (Case, error)
	// UpdateCase stores every field of an existing case.
	UpdateCase(ctx context.Context, c Case) error
	AddCaseComment(ctx context.Context, c CaseComment) (CaseComment, error)
	// AddCaseEvidence stores evidence; a finding that does not exist is
	// ENOTFOUND.
	AddCaseEvidence(ctx context.Context, e CaseEvidence) (CaseEvidence, error)
	// DecisionsForReview returns the latest decision of every contract
	// that is not cancelled and whose latest decision is review or deny or
	// which has an undecided case, in contract id order.
	DecisionsForReview(ctx context.Context) ([]Decision, error)

	Concern(ctx context.Context, id int64) (*Concern, error)
	Concerns(ctx context.Context, f ConcernFilter) ([]Concern, error)
	// CreateConcern stores a new concern (ENOTFOUND if its contract or
	// organization does not exist).
	CreateConcern(ctx context.Context, c Concern) (Concern, error)
	// UpdateConcern stores the status and case of an existing concern.
	UpdateConcern(ctx context.Context, c Concern) error
	// AddSignature stores a signature: one per signer and concern, a
	// second is ECONFLICT.
	AddSignature(ctx context.Context, s Signature) (Signature, error)
	// Signatures lists a concern's signatures in the order they were made.
	Signatures(ctx context.Context, concernID int64) ([]Signature, error)
	// LatestDecision returns a contract's latest decision, nil if it has
	// none.
	LatestDecision(ctx context.Context, contractID string) (*Decision, error)
}
