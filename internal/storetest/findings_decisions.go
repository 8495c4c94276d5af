package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/probity/probity"
)

func testFindings(t *testing.T, s probity.Store) {
	ctx := context.Background()
	var org int64
	update(t, s, func(tx probity.Tx) error {
		var err error
		org, err = tx.CreateOrg(ctx, "Immigration and Customs Enforcement", probity.KindGovernment, "US")
		return err
	})
	f := probity.Finding{OrgID: org, Category: probity.CatFamilySeparation, Status: probity.FindingCredible, Severity: probity.SeverityCritical,
		LegalBasis: []probity.LegalBasis{{Instrument: "CRC", Article: "9"}}, Sources: []probity.Source{{Publisher: "The Seattle Times", Title: "Open letter", Date: "2018-06-19"}},
		Author: "reviewer-1", Summary: "Children separated from parents."}
	bad := f
	bad.Sources = nil
	if _, err := s.AddFinding(ctx, bad); probity.ErrorCode(err) != probity.EINVALID {
		t.Fatalf("finding without a source: %v", err)
	}
	ghost := f
	ghost.OrgID = 9999
	if _, err := s.AddFinding(ctx, ghost); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Fatalf("finding on a missing organization: %v", err)
	}
	added, err := s.AddFinding(ctx, f)
	if err != nil || added.ID == 0 {
		t.Fatalf("AddFinding = %+v, %v", added, err)
	}
	upd := added
	upd.Status = probity.FindingSubstantiated
	upd.Author = "reviewer-2"
	if _, err := s.UpdateFinding(ctx, upd); err != nil {
		t.Fatal(err)
	}
	got, err := s.Finding(ctx, added.ID)
	if err != nil || got.Status != probity.FindingSubstantiated {
		t.Fatalf("Finding = %+v, %v", got, err)
	}
	hist, err := s.FindingHistory(ctx, added.ID)
	if err != nil || len(hist) != 2 || hist[0].Finding.Status != probity.FindingCredible || hist[1].Author != "reviewer-2" {
		t.Fatalf("FindingHistory = %+v, %v", hist, err)
	}
	if list, _ := s.Findings(ctx, probity.FindingFilter{OrgID: org, Status: probity.FindingSubstantiated}); len(list) != 1 {
		t.Fatalf("Findings by org and status: %+v", list)
	}
	if list, _ := s.Findings(ctx, probity.FindingFilter{Status: probity.FindingAlleged}); len(list) != 0 {
		t.Fatalf("Findings(alleged): %+v", list)
	}
	missing := upd
	missing.ID = 12345
	if _, err := s.UpdateFinding(ctx, missing); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Fatalf("update of a missing finding: %v", err)
	}
}

func testPolicyAndDecisions(t *testing.T, s probity.Store) {
	ctx := context.Background()
	if _, err := s.CurrentPolicy(ctx); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Fatalf("CurrentPolicy before publishing: %v", err)
	}
	v1, err := s.PublishPolicy(ctx, probity.PolicyVersion{Hash: "h1", Author: "admin", Files: map[string]string{"p.rego": "package p"}})
	if err != nil || v1.ID == 0 {
		t.Fatalf("PublishPolicy = %+v, %v", v1, err)
	}
	again, _ := s.PublishPolicy(ctx, probity.PolicyVersion{Hash: "h1", Author: "other", Files: map[string]string{"p.rego": "package p"}})
	if again.ID != v1.ID {
		t.Errorf("publishing the same policy again made version %d", again.ID)
	}
	v2, _ := s.PublishPolicy(ctx, probity.PolicyVersion{Hash: "h2", Author: "admin", Files: map[string]string{"p.rego": "package p2"}})
	cur, err := s.CurrentPolicy(ctx)
	if err != nil || cur.ID != v2.ID || cur.Files["p.rego"] != "package p2" {
		t.Fatalf("CurrentPolicy = %+v, %v", cur, err)
	}
	if all, _ := s.PolicyVersions(ctx); len(all) != 2 {
		t.Fatalf("PolicyVersions: %d", len(all))
	}

	update(t, s, func(tx probity.Tx) error {
		for _, id := range []string{"c1", "c2"} {
			if err := tx.PutContract(ctx, probity.Contract{ID: id, Title: id, Status: "active", Suppliers: []probity.OrgRef{}, Source: "test"}); err != nil {
				return err
			}
		}
		return nil
	})
	t0 := time.Now().Add(-time.Second)
	review := probity.Decision{ContractID: "c1", Outcome: probity.OutcomeReview, PolicyHash: "h2", InputHash: "i1",
		Reasons: []probity.Reason{{RuleID: "R1", Effect: "review", Message: "alleged finding", Refs: []probity.Ref{{Kind: probity.RefFinding, ID: "1"}}}}}
	d1, rec, err := s.RecordDecision(ctx, review, json.RawMessage(`{"contract":{"id":"c1"}}`))
	if err != nil || !rec || d1.ID == 0 || d1.PreviousOutcome != "" {
		t.Fatalf("first decision: %+v %v %v", d1, rec, err)
	}
	// The same outcome and reasons again: nothing recorded.
	if _, rec, err := s.RecordDecision(ctx, review, json.RawMessage(`{}`)); err != nil || rec {
		t.Fatalf("repeated decision recorded: %v %v", rec, err)
	}
	deny := review
	deny.Outcome = probity.OutcomeDeny
	recs, err := s.RecordDecisions(ctx, []probity.Decision{deny, {ContractID: "c2", Outcome: probity.OutcomeAllow, PolicyHash: "h2", InputHash: "i2"}},
		[]json.RawMessage{json.RawMessage(`{}`), json.RawMessage(`{}`)})
	if err != nil || !recs[0] || !recs[1] {
		t.Fatalf("RecordDecisions: %v %v", recs, err)
	}
	if _, _, err := s.RecordDecision(ctx, probity.Decision{ContractID: "c1", Outcome: "maybe"}, nil); probity.ErrorCode(err) != probity.EINVALID {
		t.Fatalf("bad outcome recorded: %v", err)
	}
	hist, _ := s.Decisions(ctx, probity.DecisionFilter{ContractID: "c1"})
	if len(hist) != 2 || hist[1].Outcome != probity.OutcomeDeny || hist[1].PreviousOutcome != probity.OutcomeReview {
		t.Fatalf("history of c1: %+v", hist)
	}
	latest, _ := s.Decisions(ctx, probity.DecisionFilter{LatestOnly: true})
	if len(latest) != 2 {
		t.Fatalf("latest decisions: %+v", latest)
	}
	if since, _ := s.Decisions(ctx, probity.DecisionFilter{Since: t0}); len(since) != 3 {
		t.Fatalf("decisions since: %d", len(since))
	}
	if since, _ := s.Decisions(ctx, probity.DecisionFilter{Since: time.Now().Add(time.Hour)}); len(since) != 0 {
		t.Fatalf("decisions in the future: %d", len(since))
	}
	got, input, err := s.Decision(ctx, d1.ID)
	if err != nil || string(input) != `{"contract":{"id":"c1"}}` || got.Reasons[0].Refs[0].ID != "1" {
		t.Fatalf("Decision = %+v %s %v", got, input, err)
	}
}

func testGraphRows(t *testing.T, s probity.Store) {
	ctx := context.Background()
	var a, b, c int64
	update(t, s, func(tx probity.Tx) error {
		a, _ = tx.CreateOrg(ctx, "Agency", probity.KindGovernment, "")
		b, _ = tx.CreateOrg(ctx, "Reseller", probity.KindCompany, "")
		c, _ = tx.CreateOrg(ctx, "Vendor", probity.KindCompany, "")
		return tx.PutContract(ctx, probity.Contract{ID: "k1", Title: "k", Status: "active", Buyer: &probity.OrgRef{ID: a},
			Suppliers: []probity.OrgRef{{ID: b}}, Subcontractors: []probity.OrgRef{{ID: c}}, Source: "test"})
	})
	added, err := s.AddRelationship(ctx, probity.Relationship{From: b, To: c, Kind: probity.RelResellerFor, Source: "manual"})
	if err != nil || !added {
		t.Fatalf("AddRelationship: %v %v", added, err)
	}
	if added, _ := s.AddRelationship(ctx, probity.Relationship{From: b, To: c, Kind: probity.RelResellerFor, Source: "manual"}); added {
		t.Error("the same relationship was added twice")
	}
	if _, err := s.AddRelationship(ctx, probity.Relationship{From: b, To: 999, Kind: probity.RelSupports}); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("relationship to a missing organization: %v", err)
	}
	roles := map[string]int64{}
	s.ForEachParty(ctx, func(p probity.PartyRow) error {
		roles[p.Role] = p.OrgID
		return nil
	})
	if roles["buyer"] != a || roles["supplier"] != b || roles["subcontractor"] != c {
		t.Errorf("ForEachParty: %v", roles)
	}
	n := 0
	s.ForEachRelationship(ctx, func(r probity.Relationship) error {
		n++
		return nil
	})
	if n != 1 {
		t.Errorf("ForEachRelationship: %d edges", n)
	}
}
