package review

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
)

// concernState is the part of a concern an audit entry shows.
type concernState struct {
	Status      string `json:"status"`
	CaseID      int64  `json:"case_id,omitempty"`
	CaseOutcome string `json:"case_outcome,omitempty"`
	Signatures  int    `json:"signatures,omitempty"`
}

// RaiseConcern records an employee's concern about a contract (ContractID)
// or an organization (OrgID), with its Text and Threshold (0: the
// service's default). The raiser signs it first, anonymously to the public
// if anonymous is set; a threshold of 1 escalates at once.
func (s *Service) RaiseConcern(ctx context.Context, a Actor, c probity.Concern, anonymous bool) (probity.Concern, error) {
	if err := a.can(RoleEmployee, "raise a concern"); err != nil {
		return c, err
	}
	c.Text = strings.TrimSpace(c.Text)
	if err := checkText("the concern", c.Text); err != nil {
		return c, err
	}
	if (c.ContractID == "") == (c.OrgID == 0) {
		return c, probity.Errorf(probity.EINVALID, "a concern is about one contract or one organization")
	}
	c.ContractID = probity.CurrentContractID(ctx, s.Store, c.ContractID) // a merged award's former id
	if c.Threshold == 0 {
		c.Threshold = s.Threshold
	}
	if c.Threshold == 0 {
		c.Threshold = DefaultThreshold
	}
	if c.Threshold < 0 {
		return c, probity.Errorf(probity.EINVALID, "threshold %d: want a number of signatures, 1 or more", c.Threshold)
	}
	now := s.now()
	c.ID, c.RaisedBy, c.RaisedAt, c.Status, c.CaseID = 0, a.Name, now, probity.ConcernOpen, 0
	var out probity.Concern
	err := s.Store.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		k, err := tx.CreateConcern(ctx, c)
		if err != nil {
			return err
		}
		if err := audit(ctx, tx, now, a.audited(), "concern.raise", concernObject(k.ID), nil, k); err != nil {
			return err
		}
		out, err = sign(ctx, tx, now, a.Name, k.ID, anonymous)
		return err
	})
	return out, err
}

// SignConcern adds the actor's signature to a concern: one per person
// (ECONFLICT for a second), none once it is closed. The signature that
// reaches the threshold escalates the concern.
func (s *Service) SignConcern(ctx context.Context, a Actor, concernID int64, anonymous bool) (probity.Concern, error) {
	if err := a.can(RoleEmployee, "sign a concern"); err != nil {
		return probity.Concern{}, err
	}
	now := s.now()
	var out probity.Concern
	err := s.Store.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		var err error
		out, err = sign(ctx, tx, now, a.Name, concernID, anonymous)
		return err
	})
	return out, err
}

func sign(ctx context.Context, tx probity.ReviewTx, now time.Time, signer string, id int64, anonymous bool) (probity.Concern, error) {
	c, err := tx.Concern(ctx, id)
	if err != nil {
		return probity.Concern{}, err
	}
	if c.Status == probity.ConcernClosed {
		return *c, probity.Errorf(probity.ECONFLICT, "concern %d is closed: its case was decided (%s)", c.ID, c.CaseOutcome)
	}
	sig, err := tx.AddSignature(ctx, probity.Signature{ConcernID: id, Signer: signer, Anonymous: anonymous, SignedAt: now})
	if err != nil {
		return *c, err
	}
	if err := audit(ctx, tx, now, signer, "concern.sign", concernObject(id), nil, sig); err != nil {
		return *c, err
	}
	if c, err = tx.Concern(ctx, id); err != nil {
		return probity.Concern{}, err
	}
	if c.Status == probity.ConcernOpen && c.Signatures >= c.Threshold {
		if err := escalate(ctx, tx, now, c); err != nil {
			return *c, err
		}
		if c, err = tx.Concern(ctx, id); err != nil {
			return probity.Concern{}, err
		}
	}
	return *c, nil
}

// escalate turns a concern into a high-priority case, or, when its
// contract already has an undecided case, joins that case and raises its
// priority.
func escalate(ctx context.Context, tx probity.ReviewTx, now time.Time, c *probity.Concern) error {
	var k probity.Case
	var open *probity.Case
	if c.ContractID != "" {
		var err error
		if open, _, err = undecided(ctx, tx, c.ContractID); err != nil {
			return err
		}
	}
	if open != nil {
		k = *open
		before := stateOf(open)
		k.Priority, k.UpdatedAt = probity.PriorityHigh, now
		if due := DueAt(now, probity.PriorityHigh); due.Before(k.DueAt) {
			k.DueAt = due
		}
		if err := tx.UpdateCase(ctx, k); err != nil {
			return err
		}
		text := "Concern " + strconv.FormatInt(c.ID, 10) + " reached " + strconv.Itoa(c.Threshold) + " signatures and joins this case: " + clip(c.Text, 200)
		if _, err := tx.AddCaseComment(ctx, probity.CaseComment{CaseID: k.ID, Author: System, Text: text, At: now}); err != nil {
			return err
		}
		if err := audit(ctx, tx, now, System, "case.escalate", caseObject(k.ID), before, stateOf(&k)); err != nil {
			return err
		}
	} else {
		k = probity.Case{ContractID: c.ContractID, OrgID: c.OrgID, Origin: probity.OriginConcern, State: probity.CaseOpen,
			Priority: probity.PriorityHigh, OpenedAt: now, DueAt: DueAt(now, probity.PriorityHigh), UpdatedAt: now}
		var err error
		if k, err = tx.CreateCase(ctx, k); err != nil {
			return err
		}
		if err := audit(ctx, tx, now, System, "case.open", caseObject(k.ID), nil, k); err != nil {
			return err
		}
	}
	before := concernState{Status: c.Status, Signatures: c.Signatures}
	c.Status, c.CaseID = probity.ConcernEscalated, k.ID
	if err := tx.UpdateConcern(ctx, *c); err != nil {
		return err
	}
	return audit(ctx, tx, now, System, "concern.escalate", concernObject(c.ID), before, concernState{Status: c.Status, CaseID: k.ID, Signatures: c.Signatures})
}

// VisibleSignatures returns the signatures as the actor may see them:
// reviewers and admins see every name; anyone else sees "anonymous" in
// place of the names of anonymous signers (except their own).
func VisibleSignatures(a Actor, sigs []probity.Signature) []probity.Signature {
	out := make([]probity.Signature, len(sigs))
	for i, s := range sigs {
		if hidden(a, s.Signer, s.Anonymous) {
			s.Signer = "anonymous"
		}
		out[i] = s
	}
	return out
}

// VisibleConcern returns the concern as the actor may see it: the name
// of a raiser who signed anonymously is hidden as VisibleSignatures hides
// it.
func VisibleConcern(a Actor, c probity.Concern) probity.Concern {
	if hidden(a, c.RaisedBy, c.RaisedAnonymously) {
		c.RaisedBy = "anonymous"
	}
	return c
}

func hidden(a Actor, signer string, anonymous bool) bool {
	return anonymous && signer != a.Name && !probity.Role(a.Role).AtLeast(probity.RoleReviewer)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
