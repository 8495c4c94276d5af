package translog

import (
	"context"
	"fmt"
	"strconv"

	"github.com/probity/probity"
)

// AuditStore is what Audit reads: the published items as they stand in
// the store now, and each item's newest log entry.
type AuditStore interface {
	Decisions(ctx context.Context, f probity.DecisionFilter) ([]probity.Decision, error)
	PolicyVersions(ctx context.Context) ([]probity.PolicyVersion, error)
	Findings(ctx context.Context, f probity.FindingFilter) ([]probity.Finding, error)
	Cases(ctx context.Context, f probity.CaseFilter) ([]probity.Case, error)
	LogHeadOf(ctx context.Context, typ, id string) (Head, bool, error)
}

// Discrepancy is a published item whose stored row no longer matches
// what the log says was published.
type Discrepancy struct {
	Type, ID string
	Index    int64 // its newest entry; -1 if it has none
	Reason   string
}

func (d Discrepancy) String() string {
	if d.Index < 0 {
		return fmt.Sprintf("%s %s: %s", d.Type, d.ID, d.Reason)
	}
	return fmt.Sprintf("%s %s (log entry %d): %s", d.Type, d.ID, d.Index, d.Reason)
}

// Audit compares every published decision, policy version, finding and
// decided case, as the store holds it now, with its newest log entry: a
// row edited straight in the database (an outcome changed, a finding
// hidden) shows as a discrepancy, because publishing through the store
// would have appended a new entry. It is the server-side twin of
// probity verify, which checks the log itself from outside. Contracts are
// not audited: their summaries carry party names as the source gave them,
// which the register later resolves, so the stored row is not the
// published form.
func Audit(ctx context.Context, s AuditStore) (checked int, out []Discrepancy, err error) {
	check := func(it Item, published bool) error {
		checked++
		head, found, err := s.LogHeadOf(ctx, it.Type, it.ID)
		if err != nil {
			return err
		}
		_, digest, err := it.canonicalBody()
		if err != nil {
			return err
		}
		switch {
		case !found && published:
			out = append(out, Discrepancy{it.Type, it.ID, -1, "published but not in the log"})
		case found && head.Digest != digest:
			out = append(out, Discrepancy{it.Type, it.ID, head.Index, fmt.Sprintf("the stored item differs from version %d in the log (changed without being published again)", head.Version)})
		}
		return nil
	}
	ds, err := s.Decisions(ctx, probity.DecisionFilter{})
	if err != nil {
		return checked, out, err
	}
	for _, d := range ds {
		if err := check(DecisionItem(d), true); err != nil {
			return checked, out, err
		}
	}
	vs, err := s.PolicyVersions(ctx)
	if err != nil {
		return checked, out, err
	}
	for _, v := range vs {
		if err := check(PolicyItem(v), true); err != nil {
			return checked, out, err
		}
	}
	fs, err := s.Findings(ctx, probity.FindingFilter{})
	if err != nil {
		return checked, out, err
	}
	for _, f := range fs {
		_, logged, err := s.LogHeadOf(ctx, TypeFinding, strconv.FormatInt(f.ID, 10))
		if err != nil {
			return checked, out, err
		}
		if it, ok := FindingItem(f, logged); ok {
			if err := check(it, !f.Confidential); err != nil {
				return checked, out, err
			}
		}
	}
	cs, err := s.Cases(ctx, probity.CaseFilter{State: probity.CaseDecided})
	if err != nil {
		return checked, out, err
	}
	for _, c := range cs {
		if err := check(CaseOutcomeItem(c), c.Outcome != ""); err != nil {
			return checked, out, err
		}
	}
	return checked, out, nil
}
