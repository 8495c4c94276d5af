package review_test

import (
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

// TestNoSideDoorThroughConcerns: a case opened by an escalated concern
// about a denied contract still takes two reviewers to approve (the rule
// follows the contract's latest decision, not what opened the case), and
// neither the raiser nor any signer of the concern — named or anonymous
// to the public — may be assigned the case or decide it.
func TestNoSideDoorThroughConcerns(t *testing.T) {
	f := newFixture(t, "C1")
	f.decide(t, "C1", probity.OutcomeDeny, "r1")
	// A reviewer raises the concern, another reviewer signs it
	// anonymously, an admin signs it by name: all three have a stake.
	raiser := review.Actor{Name: "rae", Role: review.RoleReviewer}
	quiet := review.Actor{Name: "quinn", Role: review.RoleReviewer}
	named := review.Actor{Name: "nadia", Role: review.RoleAdmin}
	c, err := f.svc.RaiseConcern(f.ctx, raiser, probity.Concern{ContractID: "C1", Text: "We should not build this", Threshold: 3}, false)
	if err != nil {
		t.Fatal(err)
	}
	if c, err = f.svc.SignConcern(f.ctx, quiet, c.ID, true); err != nil {
		t.Fatal(err)
	}
	if c, err = f.svc.SignConcern(f.ctx, named, c.ID, false); err != nil {
		t.Fatal(err)
	}
	if c.Status != probity.ConcernEscalated || c.CaseID == 0 {
		t.Fatalf("concern not escalated: %+v", c)
	}
	k, err := f.db.Case(f.ctx, c.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if k.Origin != probity.OriginConcern {
		t.Fatalf("case origin %q, want concern", k.Origin)
	}
	for _, who := range []review.Actor{raiser, quiet, named} {
		_, err := f.svc.Decide(f.ctx, who, k.ID, probity.CaseReject, "")
		wantCode(t, who.Name+" decides", err, probity.EFORBIDDEN)
		if err != nil && !strings.Contains(err.Error(), "concern") {
			t.Errorf("%s: the refusal does not say why: %v", who.Name, err)
		}
		_, err = f.svc.Assign(f.ctx, bob, k.ID, who.Name)
		wantCode(t, "assign to "+who.Name, err, probity.EFORBIDDEN)
	}
	// The deny still takes two reviewers without a stake.
	got, err := f.svc.Decide(f.ctx, bob, k.ID, probity.CaseApprove, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.State != probity.CaseInReview || got.FirstApproval == nil {
		t.Fatalf("one reviewer overrode a deny on a concern's case: %+v", got)
	}
	if got, err = f.svc.Decide(f.ctx, carol, k.ID, probity.CaseApprove, ""); err != nil || got.State != probity.CaseDecided {
		t.Fatalf("second reviewer: %+v, %v", got, err)
	}
}

// TestOverrideFollowsTheLatestDecision: a case opened while the contract
// was under review, whose contract is then denied, takes two reviewers to
// approve.
func TestOverrideFollowsTheLatestDecision(t *testing.T) {
	f := newFixture(t, "C1")
	f.decide(t, "C1", probity.OutcomeReview, "r1")
	k, err := f.svc.OpenCase(f.ctx, alice, "C1", "")
	if err != nil {
		t.Fatal(err)
	}
	f.decide(t, "C1", probity.OutcomeDeny, "r2")
	got, err := f.svc.Decide(f.ctx, bob, k.ID, probity.CaseApprove, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.State == probity.CaseDecided {
		t.Fatalf("one reviewer approved a contract whose latest decision is deny: %+v", got)
	}
}
