package review

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/probity/probity"
)

// SyncStats counts what SyncDecisions changed.
type SyncStats struct {
	Opened  int `json:"opened"`  // new cases
	Updated int `json:"updated"` // undecided cases whose contract has a newer decision
}

// SyncDecisions brings the cases in line with the decisions, as the
// system actor: it opens a case for every contract (not cancelled) whose
// latest decision is review or deny and that has no undecided case and no
// case about that decision; and when the latest decision of a contract
// with an undecided case is a newer one, the case moves to it and gets a
// comment saying what changed. Running it again changes nothing.
func SyncDecisions(ctx context.Context, store probity.ReviewStore, now time.Time) (SyncStats, error) {
	now = now.UTC()
	var st SyncStats
	err := store.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		st = SyncStats{}
		ds, err := tx.DecisionsForReview(ctx)
		if err != nil {
			return err
		}
		for i := range ds {
			opened, updated, err := syncOne(ctx, tx, now, &ds[i])
			if err != nil {
				return fmt.Errorf("contract %s: %w", ds[i].ContractID, err)
			}
			if opened {
				st.Opened++
			}
			if updated {
				st.Updated++
			}
		}
		return nil
	})
	return st, err
}

// SyncDecisions is the package function with the service's clock.
func (s *Service) SyncDecisions(ctx context.Context) (SyncStats, error) {
	return SyncDecisions(ctx, s.Store, s.now())
}

func syncOne(ctx context.Context, tx probity.ReviewTx, now time.Time, d *probity.Decision) (opened, updated bool, err error) {
	open, all, err := undecided(ctx, tx, d.ContractID)
	if err != nil {
		return false, false, err
	}
	if open != nil {
		if open.DecisionID == d.ID {
			return false, false, nil
		}
		before := struct {
			DecisionID      int64  `json:"decision_id,omitempty"`
			DecisionOutcome string `json:"decision_outcome,omitempty"`
		}{open.DecisionID, open.DecisionOutcome}
		c := *open
		c.DecisionID, c.DecisionOutcome, c.UpdatedAt = d.ID, d.Outcome, now
		if err := tx.UpdateCase(ctx, c); err != nil {
			return false, false, err
		}
		text := fmt.Sprintf("Decision %d on the contract: %s", d.ID, d.Outcome)
		if open.DecisionID != 0 {
			text += fmt.Sprintf(" (replaces decision %d: %s)", open.DecisionID, open.DecisionOutcome)
		}
		if rules := ruleIDs(d.Reasons); rules != "" {
			text += "; rules: " + rules
		}
		if _, err := tx.AddCaseComment(ctx, probity.CaseComment{CaseID: c.ID, Author: System, Text: text, At: now}); err != nil {
			return false, false, err
		}
		after := before
		after.DecisionID, after.DecisionOutcome = d.ID, d.Outcome
		return false, true, audit(ctx, tx, now, System, "case.decision", caseObject(c.ID), before, after)
	}
	if d.Outcome != probity.OutcomeReview && d.Outcome != probity.OutcomeDeny {
		return false, false, nil
	}
	for _, c := range all {
		if c.DecisionID == d.ID {
			return false, false, nil // this decision was reviewed already
		}
	}
	c := probity.Case{ContractID: d.ContractID, Origin: probity.OriginDecision, DecisionID: d.ID, DecisionOutcome: d.Outcome,
		State: probity.CaseOpen, Priority: probity.PriorityNormal, OpenedAt: now, DueAt: DueAt(now, probity.PriorityNormal), UpdatedAt: now}
	if c, err = tx.CreateCase(ctx, c); err != nil {
		return false, false, err
	}
	return true, false, audit(ctx, tx, now, System, "case.open", caseObject(c.ID), nil, c)
}

func ruleIDs(rs []probity.Reason) string {
	var ids []string
	for _, r := range rs {
		if !slices.Contains(ids, r.RuleID) {
			ids = append(ids, r.RuleID)
		}
	}
	return strings.Join(ids, " ")
}
