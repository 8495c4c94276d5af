package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/probity/probity"
)

// Fill puts rows in every table of a new store through its public
// methods — register, lists, screenings, findings and their history,
// policy versions, decisions, audit, users, tokens, sessions, review cases
// with comments and evidence, concerns and signatures — for tests that
// move or compare whole installs (probity copy).
func Fill(t testing.TB, s probity.Store) {
	t.Helper()
	ctx := context.Background()
	t0 := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var buyer, vendor int64
	must(s.Update(ctx, func(tx probity.Tx) error {
		var err error
		if _, err = tx.PutRelease(ctx, probity.Release{OCID: "ocds-1", ID: "a", Date: "2020-01-01T00:00:00Z", Version: "1.1", Raw: json.RawMessage(`{"ocid":"ocds-1"}`), Source: "f:1"}); err != nil {
			return err
		}
		if buyer, err = tx.CreateOrg(ctx, "Agency", probity.KindGovernment, "US"); err != nil {
			return err
		}
		if vendor, err = tx.CreateOrg(ctx, "Vendor LLC", probity.KindCompany, "US"); err != nil {
			return err
		}
		for _, err := range []error{
			tx.AddOrgName(ctx, vendor, "Vendor L.L.C.", "vendor", "f"),
			tx.AddOrgIdentifier(ctx, vendor, probity.Identifier{Scheme: "US-UEI", ID: "U1"}),
			tx.AddOrgRole(ctx, vendor, "supplier"),
			tx.AddMerge(ctx, vendor, probity.MergeReason{Rule: "new", Name: "Vendor LLC", Source: "f", At: t0}),
			tx.PutContract(ctx, probity.Contract{ID: "C1", Title: "Beds", Status: probity.StatusActive, Buyer: &probity.OrgRef{ID: buyer},
				Suppliers: []probity.OrgRef{{ID: vendor}}, Value: &probity.Value{Amount: 1.5, Currency: "USD"}, Source: "t", SourceFiles: []string{"f"}}),
			tx.PutRelationship(ctx, probity.Relationship{From: vendor, To: buyer, Kind: "part_of", Source: "t"}),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	}))
	v, err := s.SaveList(ctx, probity.ListVersion{List: "us_ofac_sdn", Hash: "h1"}, []probity.WatchlistEntry{{List: "us_ofac_sdn", SourceID: "7", Schema: "Organization", Name: "VENDOR"}})
	must(err)
	must(s.ReplaceScreenings(ctx, []int64{vendor}, []probity.ScreeningResult{{OrgID: vendor, List: "us_ofac_sdn", ListVersionID: v.ID, SourceID: "7",
		EntryName: "VENDOR", Score: 0.9, Match: true, MatcherVersion: "m1", Explanation: json.RawMessage(`{"why":"x"}`)}}))
	f, err := s.AddFinding(ctx, probity.Finding{OrgID: vendor, Category: probity.CatFamilySeparation, Status: probity.FindingCredible,
		Severity: probity.SeverityCritical, Author: "reviewer-1", Summary: "s", Sources: []probity.Source{{Publisher: "P", Title: "T", Date: "2018-06-19"}}})
	must(err)
	f.Summary = "s2"
	_, err = s.UpdateFinding(ctx, f)
	must(err)
	_, err = s.PublishPolicy(ctx, probity.PolicyVersion{Hash: "h1", Author: "admin", Files: map[string]string{"p.rego": "package p"}})
	must(err)
	d, _, err := s.RecordDecision(ctx, probity.Decision{ContractID: "C1", Outcome: probity.OutcomeDeny, PolicyHash: "h1", InputHash: "i",
		Reasons: []probity.Reason{{RuleID: "r", Effect: probity.OutcomeDeny}}, DecidedAt: t0}, json.RawMessage(`{"x":1}`))
	must(err)
	alice, err := s.CreateUser(ctx, probity.User{Name: "alice", Role: probity.RoleAdmin}, "root")
	must(err)
	_, err = s.CreateToken(ctx, probity.Token{UserID: alice.ID, Name: "laptop", Prefix: "prb_x"}, probity.HashSecret("secret"), "alice")
	must(err)
	must(s.CreateSession(ctx, probity.Session{ID: probity.HashSecret("cookie"), UserID: alice.ID, CSRF: "c", ExpiresAt: t0.Add(time.Hour)}, "alice"))
	must(s.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		c, err := tx.CreateCase(ctx, probity.Case{ContractID: "C1", Origin: probity.OriginDecision, DecisionID: d.ID, DecisionOutcome: d.Outcome,
			State: probity.CaseOpen, Priority: probity.PriorityNormal, OpenedAt: t0, DueAt: t0.Add(time.Hour), UpdatedAt: t0})
		if err != nil {
			return err
		}
		if _, err := tx.AddCaseComment(ctx, probity.CaseComment{CaseID: c.ID, Author: "alice", Text: "look", At: t0}); err != nil {
			return err
		}
		if _, err := tx.AddCaseEvidence(ctx, probity.CaseEvidence{CaseID: c.ID, Kind: probity.EvidenceFinding, FindingID: f.ID, AddedBy: "alice", At: t0}); err != nil {
			return err
		}
		k, err := tx.CreateConcern(ctx, probity.Concern{ContractID: "C1", Text: "worried", RaisedBy: "erin", RaisedAt: t0, Threshold: 2, Status: probity.ConcernOpen, CaseID: c.ID})
		if err != nil {
			return err
		}
		for _, who := range []string{"erin", "frank"} {
			if _, err := tx.AddSignature(ctx, probity.Signature{ConcernID: k.ID, Signer: who, Anonymous: who == "frank", SignedAt: t0}); err != nil {
				return err
			}
		}
		return nil
	}))
}

// Opened returns what opens a store for a test: it fails the test on an
// error and closes the store at the end of the test.
func Opened[S interface{ Close() error }](tb testing.TB) func(S, error) S {
	return func(s S, err error) S {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		return s
	}
}
