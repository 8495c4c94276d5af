package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/probity/probity"
)

func reviewUpdate(t *testing.T, s probity.Store, fn func(tx probity.ReviewTx) error) {
	t.Helper()
	if err := s.UpdateReview(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func testReview(t *testing.T, s probity.Store) {
	ctx := context.Background()
	t0 := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	var org int64
	update(t, s, func(tx probity.Tx) error {
		var err error
		if org, err = tx.CreateOrg(ctx, "Agency", probity.KindGovernment, "US"); err != nil {
			return err
		}
		for _, id := range []string{"C1", "C2", "C3", "C4"} {
			status := probity.StatusActive
			if id == "C4" {
				status = probity.StatusCancelled
			}
			if err := tx.PutContract(ctx, probity.Contract{ID: id, Title: id, Status: status, Buyer: &probity.OrgRef{ID: org}, Suppliers: []probity.OrgRef{}, Source: "t"}); err != nil {
				return err
			}
		}
		return nil
	})
	var dec [4]probity.Decision
	for i, o := range []string{probity.OutcomeDeny, probity.OutcomeAllow, probity.OutcomeReview, probity.OutcomeDeny} {
		d := probity.Decision{ContractID: []string{"C1", "C2", "C3", "C4"}[i], Outcome: o, PolicyHash: "p", InputHash: "i", DecidedAt: t0}
		if o != probity.OutcomeAllow {
			d.Reasons = []probity.Reason{{RuleID: "r", Effect: o}}
		}
		var err error
		if dec[i], _, err = s.RecordDecision(ctx, d, json.RawMessage(`{}`)); err != nil {
			t.Fatal(err)
		}
	}

	// Cases: create, read back, one undecided case per contract.
	c1 := probity.Case{ContractID: "C1", Origin: probity.OriginDecision, DecisionID: dec[0].ID, DecisionOutcome: probity.OutcomeDeny,
		State: probity.CaseOpen, Priority: probity.PriorityNormal, RequestedBy: "alice", OpenedAt: t0, DueAt: t0.Add(14 * 24 * time.Hour), UpdatedAt: t0}
	orgCase := probity.Case{OrgID: org, Origin: probity.OriginConcern, State: probity.CaseOpen, Priority: probity.PriorityHigh,
		OpenedAt: t0, DueAt: t0.Add(72 * time.Hour), UpdatedAt: t0}
	reviewUpdate(t, s, func(tx probity.ReviewTx) error {
		var err error
		if c1, err = tx.CreateCase(ctx, c1); err != nil {
			return err
		}
		if orgCase, err = tx.CreateCase(ctx, orgCase); err != nil {
			return err
		}
		dup := c1
		if _, err := tx.CreateCase(ctx, dup); probity.ErrorCode(err) != probity.ECONFLICT {
			t.Errorf("second undecided case on C1: %v", err)
		}
		if _, err := tx.CreateCase(ctx, probity.Case{ContractID: "nope", Origin: probity.OriginRequest, State: probity.CaseOpen, Priority: probity.PriorityNormal, OpenedAt: t0, DueAt: t0, UpdatedAt: t0}); probity.ErrorCode(err) != probity.ENOTFOUND {
			t.Errorf("case on a missing contract: %v", err)
		}
		if _, err := tx.Case(ctx, 999); probity.ErrorCode(err) != probity.ENOTFOUND {
			t.Errorf("missing case in a transaction: %v", err)
		}
		got, err := tx.Case(ctx, c1.ID)
		if err != nil || !reflect.DeepEqual(*got, c1) {
			t.Errorf("Case in the transaction:\n got %+v\nwant %+v", got, c1)
		}
		return nil
	})
	if c1.ID == 0 || orgCase.ID == c1.ID {
		t.Fatalf("case ids %d %d", c1.ID, orgCase.ID)
	}
	got, err := s.Case(ctx, c1.ID)
	if err != nil || !reflect.DeepEqual(*got, c1) {
		t.Fatalf("Case round trip:\n got %+v (%v)\nwant %+v", got, err, c1)
	}
	if _, err := s.Case(ctx, 999); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("missing case: %v", err)
	}

	// Update every field, including the pending approval and decision time.
	decided := c1
	decided.State, decided.Assignee, decided.Outcome, decided.Conditions = probity.CaseDecided, "bob", probity.CaseApproveWithConditions, "audit"
	decided.DecidedBy, decided.DecidedAt, decided.UpdatedAt = "carol", t0.Add(time.Hour), t0.Add(time.Hour)
	decided.FirstApproval = &probity.Approval{By: "bob", Outcome: probity.CaseApprove, At: t0.Add(time.Minute)}
	reviewUpdate(t, s, func(tx probity.ReviewTx) error { return tx.UpdateCase(ctx, decided) })
	if got, _ := s.Case(ctx, c1.ID); !reflect.DeepEqual(*got, decided) {
		t.Fatalf("UpdateCase round trip:\n got %+v\nwant %+v", got, decided)
	}
	if err := s.UpdateReview(ctx, func(tx probity.ReviewTx) error { return tx.UpdateCase(ctx, probity.Case{ID: 999}) }); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("updating a missing case: %v", err)
	}
	// A decided case leaves room for a new undecided one.
	var c1b probity.Case
	reviewUpdate(t, s, func(tx probity.ReviewTx) error {
		var err error
		c1b = c1
		c1b.ID, c1b.DecisionID = 0, 0
		c1b, err = tx.CreateCase(ctx, c1b)
		return err
	})

	for _, tc := range []struct {
		f    probity.CaseFilter
		want []int64
	}{
		{probity.CaseFilter{}, []int64{c1.ID, orgCase.ID, c1b.ID}},
		{probity.CaseFilter{State: probity.CaseDecided}, []int64{c1.ID}},
		{probity.CaseFilter{ContractID: "C1"}, []int64{c1.ID, c1b.ID}},
		{probity.CaseFilter{Assignee: "bob"}, []int64{c1.ID}},
		{probity.CaseFilter{OverdueAt: t0.Add(4 * 24 * time.Hour)}, []int64{orgCase.ID}},
		{probity.CaseFilter{OverdueAt: t0.Add(15 * 24 * time.Hour)}, []int64{orgCase.ID, c1b.ID}},
		{probity.CaseFilter{Limit: 2}, []int64{c1.ID, orgCase.ID}},
	} {
		list, err := s.Cases(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, c := range list {
			ids = append(ids, c.ID)
		}
		if !slices.Equal(ids, tc.want) {
			t.Errorf("Cases(%+v) = %v, want %v", tc.f, ids, tc.want)
		}
	}

	// Comments and evidence, in the order added.
	finding, err := s.AddFinding(ctx, probity.Finding{OrgID: org, Category: probity.CatFamilySeparation, Status: probity.FindingCredible,
		Severity: probity.SeverityHigh, Summary: "s", Sources: []probity.Source{{Publisher: "P", Title: "T"}}})
	if err != nil {
		t.Fatal(err)
	}
	reviewUpdate(t, s, func(tx probity.ReviewTx) error {
		for _, text := range []string{"first", "second"} {
			if _, err := tx.AddCaseComment(ctx, probity.CaseComment{CaseID: c1b.ID, Author: "erin", Text: text, At: t0}); err != nil {
				return err
			}
		}
		if _, err := tx.AddCaseEvidence(ctx, probity.CaseEvidence{CaseID: c1b.ID, Kind: probity.EvidenceURL, URL: "https://example.org", Title: "Page", AddedBy: "bob", At: t0}); err != nil {
			return err
		}
		if _, err := tx.AddCaseEvidence(ctx, probity.CaseEvidence{CaseID: c1b.ID, Kind: probity.EvidenceFinding, FindingID: finding.ID, AddedBy: "bob", At: t0}); err != nil {
			return err
		}
		if _, err := tx.AddCaseEvidence(ctx, probity.CaseEvidence{CaseID: c1b.ID, Kind: probity.EvidenceFinding, FindingID: 999, AddedBy: "bob", At: t0}); probity.ErrorCode(err) != probity.ENOTFOUND {
			t.Errorf("evidence of a missing finding: %v", err)
		}
		return nil
	})
	comments, err := s.CaseComments(ctx, c1b.ID)
	if err != nil || len(comments) != 2 || comments[0].Text != "first" || comments[1].Author != "erin" || !comments[1].At.Equal(t0) {
		t.Errorf("CaseComments = %+v %v", comments, err)
	}
	ev, err := s.CaseEvidence(ctx, c1b.ID)
	if err != nil || len(ev) != 2 || ev[0].URL != "https://example.org" || ev[0].Title != "Page" || ev[1].FindingID != finding.ID || ev[1].Kind != probity.EvidenceFinding {
		t.Errorf("CaseEvidence = %+v %v", ev, err)
	}

	// The decisions to review: review and deny ones, allow ones with an
	// undecided case, never those of cancelled contracts.
	var forReview []probity.Decision
	reviewUpdate(t, s, func(tx probity.ReviewTx) error {
		var err error
		forReview, err = tx.DecisionsForReview(ctx)
		return err
	})
	var ids []string
	for _, d := range forReview {
		ids = append(ids, d.ContractID)
	}
	if !slices.Equal(ids, []string{"C1", "C3"}) || forReview[0].ID != dec[0].ID || len(forReview[1].Reasons) != 1 {
		t.Errorf("DecisionsForReview = %+v", forReview)
	}
	reviewUpdate(t, s, func(tx probity.ReviewTx) error {
		_, err := tx.CreateCase(ctx, probity.Case{ContractID: "C2", Origin: probity.OriginRequest, State: probity.CaseOpen, Priority: probity.PriorityNormal, OpenedAt: t0, DueAt: t0, UpdatedAt: t0})
		if err != nil {
			return err
		}
		forReview, err = tx.DecisionsForReview(ctx)
		return err
	})
	if len(forReview) != 3 || forReview[1].ContractID != "C2" {
		t.Errorf("DecisionsForReview with a case on an allowed contract = %+v", forReview)
	}

	// Concerns and signatures.
	var k1, k2 probity.Concern
	reviewUpdate(t, s, func(tx probity.ReviewTx) error {
		var err error
		if k1, err = tx.CreateConcern(ctx, probity.Concern{ContractID: "C3", Text: "worried", RaisedBy: "erin", RaisedAt: t0, Threshold: 2, Status: probity.ConcernOpen}); err != nil {
			return err
		}
		if k2, err = tx.CreateConcern(ctx, probity.Concern{OrgID: org, Text: "agency", RaisedBy: "erin", RaisedAt: t0, Threshold: 100, Status: probity.ConcernOpen}); err != nil {
			return err
		}
		for _, bad := range []probity.Concern{
			{ContractID: "nope", Text: "x", RaisedBy: "e", Threshold: 1, Status: probity.ConcernOpen},
			{OrgID: 999, Text: "x", RaisedBy: "e", Threshold: 1, Status: probity.ConcernOpen},
		} {
			if _, err := tx.CreateConcern(ctx, bad); probity.ErrorCode(err) != probity.ENOTFOUND {
				t.Errorf("concern about %s: %v", bad.Subject(), err)
			}
		}
		if _, err := tx.CreateConcern(ctx, probity.Concern{Text: "x", RaisedBy: "e", Threshold: 1, Status: probity.ConcernOpen}); probity.ErrorCode(err) != probity.EINVALID {
			t.Errorf("concern about nothing: %v", err)
		}
		for _, who := range []string{"erin", "frank"} {
			if _, err := tx.AddSignature(ctx, probity.Signature{ConcernID: k1.ID, Signer: who, Anonymous: who == "frank", SignedAt: t0}); err != nil {
				return err
			}
		}
		if _, err := tx.AddSignature(ctx, probity.Signature{ConcernID: k1.ID, Signer: "frank", SignedAt: t0}); probity.ErrorCode(err) != probity.ECONFLICT {
			t.Errorf("second signature of frank: %v", err)
		}
		if _, err := tx.AddSignature(ctx, probity.Signature{ConcernID: k2.ID, Signer: "erin", Anonymous: true, SignedAt: t0}); err != nil {
			return err
		}
		if _, err := tx.AddSignature(ctx, probity.Signature{ConcernID: k2.ID, Signer: "frank", SignedAt: t0}); err != nil {
			t.Errorf("frank signing another concern: %v", err)
		}
		k1.Status, k1.CaseID = probity.ConcernEscalated, c1.ID
		return tx.UpdateConcern(ctx, k1)
	})
	gotK, err := s.Concern(ctx, k1.ID)
	if err != nil || gotK.Signatures != 2 || gotK.Status != probity.ConcernEscalated || gotK.CaseID != c1.ID ||
		gotK.CaseState != probity.CaseDecided || gotK.CaseOutcome != probity.CaseApproveWithConditions || gotK.RaisedAnonymously || !gotK.RaisedAt.Equal(t0) || gotK.Text != "worried" {
		t.Errorf("Concern = %+v %v", gotK, err)
	}
	if got, _ := s.Concern(ctx, k2.ID); !got.RaisedAnonymously || got.Signatures != 2 {
		t.Errorf("concern raised by an anonymous signer = %+v", got)
	}
	if _, err := s.Concern(ctx, 999); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("missing concern: %v", err)
	}
	sigs, err := s.Signatures(ctx, k1.ID)
	if err != nil || len(sigs) != 2 || sigs[0].Signer != "erin" || sigs[0].Anonymous || sigs[1].Signer != "frank" || !sigs[1].Anonymous {
		t.Errorf("Signatures = %+v %v", sigs, err)
	}
	if _, err := s.Signatures(ctx, 999); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("signatures of a missing concern: %v", err)
	}
	for _, tc := range []struct {
		f    probity.ConcernFilter
		want []int64
	}{
		{probity.ConcernFilter{}, []int64{k1.ID, k2.ID}},
		{probity.ConcernFilter{Status: probity.ConcernOpen}, []int64{k2.ID}},
		{probity.ConcernFilter{ContractID: "C3"}, []int64{k1.ID}},
		{probity.ConcernFilter{OrgID: org}, []int64{k2.ID}},
		{probity.ConcernFilter{CaseID: c1.ID}, []int64{k1.ID}},
		{probity.ConcernFilter{Limit: 1}, []int64{k1.ID}},
	} {
		list, err := s.Concerns(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, c := range list {
			ids = append(ids, c.ID)
		}
		if !slices.Equal(ids, tc.want) {
			t.Errorf("Concerns(%+v) = %v, want %v", tc.f, ids, tc.want)
		}
	}

	// A failed review transaction keeps nothing, audit entries included.
	boom := errors.New("boom")
	err = s.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		if _, err := tx.AddCaseComment(ctx, probity.CaseComment{CaseID: c1b.ID, Author: "x", Text: "lost", At: t0}); err != nil {
			return err
		}
		if _, err := tx.AppendAudit(ctx, probity.AuditEntry{Actor: "x", Action: "case.comment", Object: "case:lost"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("UpdateReview returned %v", err)
	}
	if comments, _ := s.CaseComments(ctx, c1b.ID); len(comments) != 2 {
		t.Errorf("rolled back comment kept: %d comments", len(comments))
	}
	if entries, _ := s.Audit(ctx, probity.AuditFilter{Object: "case:lost"}); len(entries) != 0 {
		t.Errorf("rolled back audit entry kept")
	}
}
