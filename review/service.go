package review

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/probity/probity"
)

// Defaults of the workflow.
const (
	DefaultThreshold = 100                 // signatures that escalate a concern
	DefaultDue       = 14 * 24 * time.Hour // time to decide a normal case
	HighPriorityDue  = 3 * 24 * time.Hour  // time to decide a high-priority case
	MaxTextLength    = 20000               // longest comment, concern or conditions text, in bytes
)

// Store is what the workflow reads and writes: the review tables, in
// whose transactions every rule runs, and the decisions that open cases.
type Store interface {
	probity.ReviewStore
	Decisions(ctx context.Context, f probity.DecisionFilter) ([]probity.Decision, error)
}

// Service runs the review workflow against a store.
type Service struct {
	Store Store
	// Now is the clock (time.Now unless a test injects one).
	Now func() time.Time
	// Threshold is the default number of signatures that escalates a new
	// concern (DefaultThreshold when 0).
	Threshold int
}

// New returns a service on store with the real clock and the default
// threshold.
func New(store Store) *Service {
	return &Service{Store: store, Now: time.Now, Threshold: DefaultThreshold}
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// DueAt is when a case of the priority opened at t is due.
func DueAt(t time.Time, priority string) time.Time {
	if priority == probity.PriorityHigh {
		return t.Add(HighPriorityDue)
	}
	return t.Add(DefaultDue)
}

func caseObject(id int64) string    { return "case:" + strconv.FormatInt(id, 10) }
func concernObject(id int64) string { return "concern:" + strconv.FormatInt(id, 10) }

// audit appends an entry inside the transaction; before and after are
// marshalled to JSON (nil stays absent).
func audit(ctx context.Context, tx probity.ReviewTx, at time.Time, actor, action, object string, before, after any) error {
	e := probity.AuditEntry{At: at, Actor: actor, Action: action, Object: object}
	var err error
	if before != nil {
		if e.Before, err = json.Marshal(before); err != nil {
			return err
		}
	}
	if after != nil {
		if e.After, err = json.Marshal(after); err != nil {
			return err
		}
	}
	_, err = tx.AppendAudit(ctx, e)
	return err
}

func checkText(field, s string) error {
	if s == "" {
		return probity.Errorf(probity.EINVALID, "%s is empty", field)
	}
	if len(s) > MaxTextLength {
		return probity.Errorf(probity.EINVALID, "%s is %d bytes long; at most %d", field, len(s), MaxTextLength)
	}
	return nil
}
