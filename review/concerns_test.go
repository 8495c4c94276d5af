package review_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

func employee(i int) review.Actor {
	return review.Actor{Name: fmt.Sprintf("emp%03d", i), Role: review.RoleEmployee}
}

func TestConcernSignatures(t *testing.T) {
	f := newFixture(t, "C1")
	c, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{ContractID: "C1", Text: "This contract supports family separation."}, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.Threshold != review.DefaultThreshold || c.Signatures != 1 || c.Status != probity.ConcernOpen || c.RaisedBy != "erin" {
		t.Fatalf("raised = %+v", c)
	}
	if _, err := f.svc.SignConcern(f.ctx, bob, c.ID, false); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		do   func() error
		code string
	}{
		{"raiser signs again", func() error { _, err := f.svc.SignConcern(f.ctx, erin, c.ID, false); return err }, probity.ECONFLICT},
		{"signer signs again", func() error { _, err := f.svc.SignConcern(f.ctx, bob, c.ID, true); return err }, probity.ECONFLICT},
		{"public signs", func() error { _, err := f.svc.SignConcern(f.ctx, anon, c.ID, false); return err }, probity.EFORBIDDEN},
		{"public raises", func() error {
			_, err := f.svc.RaiseConcern(f.ctx, anon, probity.Concern{ContractID: "C1", Text: "x"}, false)
			return err
		}, probity.EFORBIDDEN},
		{"missing concern", func() error { _, err := f.svc.SignConcern(f.ctx, bob, 99, false); return err }, probity.ENOTFOUND},
		{"no subject", func() error { _, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{Text: "x"}, false); return err }, probity.EINVALID},
		{"two subjects", func() error {
			_, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{ContractID: "C1", OrgID: f.buyer, Text: "x"}, false)
			return err
		}, probity.EINVALID},
		{"missing contract", func() error {
			_, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{ContractID: "nope", Text: "x"}, false)
			return err
		}, probity.ENOTFOUND},
		{"missing organization", func() error {
			_, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{OrgID: 999, Text: "x"}, false)
			return err
		}, probity.ENOTFOUND},
		{"empty text", func() error {
			_, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{ContractID: "C1"}, false)
			return err
		}, probity.EINVALID},
		{"negative threshold", func() error {
			_, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{ContractID: "C1", Text: "x", Threshold: -1}, false)
			return err
		}, probity.EINVALID},
	} {
		wantCode(t, tc.name, tc.do(), tc.code)
	}
	got, _ := f.db.Concern(f.ctx, c.ID)
	if got.Signatures != 2 {
		t.Fatalf("signatures = %d, want 2", got.Signatures)
	}
	// The anonymous signer's name is stored, and hidden from the public.
	sigs, err := f.db.Signatures(f.ctx, c.ID)
	if err != nil || len(sigs) != 2 || sigs[0].Signer != "erin" || !sigs[0].Anonymous || sigs[1].Signer != "bob" || sigs[1].Anonymous {
		t.Fatalf("signatures = %+v %v", sigs, err)
	}
	for _, tc := range []struct {
		who   review.Actor
		first string
	}{{anon, "anonymous"}, {alice, "anonymous"}, {erin, "erin"}, {bob, "erin"}, {dave, "erin"}} {
		if v := review.VisibleSignatures(tc.who, sigs); v[0].Signer != tc.first || v[1].Signer != "bob" {
			t.Errorf("%s (%s) sees %q, %q", tc.who.Name, tc.who.Role, v[0].Signer, v[1].Signer)
		}
	}
	if sigs[0].Signer != "erin" {
		t.Error("VisibleSignatures changed its input")
	}
	if !got.RaisedAnonymously || got.RaisedBy != "erin" {
		t.Fatalf("raiser = %q anonymous=%v", got.RaisedBy, got.RaisedAnonymously)
	}
	for _, tc := range []struct {
		who  review.Actor
		want string
	}{{anon, "anonymous"}, {alice, "anonymous"}, {erin, "erin"}, {bob, "erin"}} {
		if v := review.VisibleConcern(tc.who, *got); v.RaisedBy != tc.want {
			t.Errorf("%s sees the raiser as %q, want %q", tc.who.Name, v.RaisedBy, tc.want)
		}
	}
}

func TestEscalationAtThreshold(t *testing.T) {
	for _, threshold := range []int{1, 2, 5} {
		t.Run(fmt.Sprint(threshold), func(t *testing.T) {
			f := newFixture(t, "C1")
			c, err := f.svc.RaiseConcern(f.ctx, employee(0), probity.Concern{ContractID: "C1", Text: "concern", Threshold: threshold}, false)
			if err != nil {
				t.Fatal(err)
			}
			for i := 1; i <= threshold+2; i++ {
				wantEscalated := i >= threshold
				if got := c.Status == probity.ConcernEscalated; got != wantEscalated {
					t.Fatalf("after %d signatures: status %s", i, c.Status)
				}
				if wantEscalated && c.CaseID == 0 {
					t.Fatalf("escalated without a case: %+v", c)
				}
				if c, err = f.svc.SignConcern(f.ctx, employee(i), c.ID, i%2 == 0); err != nil {
					t.Fatal(err)
				}
			}
			cases, _ := f.db.Cases(f.ctx, probity.CaseFilter{})
			if len(cases) != 1 || cases[0].Priority != probity.PriorityHigh || cases[0].Origin != probity.OriginConcern || cases[0].ID != c.CaseID {
				t.Fatalf("cases = %+v", cases)
			}
			if n := len(f.actions(t, fmt.Sprintf("concern:%d", c.ID))); n != 1+threshold+2+1+1 {
				t.Errorf("%d audit entries of the concern, want raise, %d signatures and one escalation", n, threshold+3)
			}
			esc, _ := f.db.Audit(f.ctx, probity.AuditFilter{Action: "concern.escalate"})
			if len(esc) != 1 {
				t.Errorf("escalated %d times", len(esc))
			}
			// The concern shows the case outcome, and closes with it.
			if _, err := f.svc.Decide(f.ctx, bob, c.CaseID, probity.CaseReject, ""); err != nil {
				t.Fatal(err)
			}
			got, _ := f.db.Concern(f.ctx, c.ID)
			if got.Status != probity.ConcernClosed || got.CaseOutcome != probity.CaseReject || got.CaseState != probity.CaseDecided {
				t.Errorf("concern after the case = %+v", got)
			}
			_, err = f.svc.SignConcern(f.ctx, employee(99), c.ID, false)
			wantCode(t, "signing a closed concern", err, probity.ECONFLICT)
		})
	}
}

func TestEscalationJoinsTheOpenCase(t *testing.T) {
	f := newFixture(t, "C1")
	f.decide(t, "C1", probity.OutcomeReview, "r")
	f.sync(t)
	open := f.caseOf(t, "C1")
	c, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{ContractID: "C1", Text: "joined", Threshold: 2}, false)
	if err != nil {
		t.Fatal(err)
	}
	f.now = t0.Add(24 * 3600e9)
	if c, err = f.svc.SignConcern(f.ctx, alice, c.ID, false); err != nil {
		t.Fatal(err)
	}
	if c.Status != probity.ConcernEscalated || c.CaseID != open.ID {
		t.Fatalf("concern = %+v, want escalated into case %d", c, open.ID)
	}
	got, _ := f.db.Case(f.ctx, open.ID)
	if got.Priority != probity.PriorityHigh || !got.DueAt.Equal(f.now.Add(review.HighPriorityDue)) {
		t.Errorf("joined case = %+v", got)
	}
	comments, _ := f.db.CaseComments(f.ctx, open.ID)
	if len(comments) != 1 || !strings.Contains(comments[0].Text, "joined") {
		t.Errorf("comments = %+v", comments)
	}
	if all, _ := f.db.Cases(f.ctx, probity.CaseFilter{}); len(all) != 1 {
		t.Errorf("%d cases, want the one joined", len(all))
	}
}
