package review_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

func TestPermissionsAndSeparationOfDuties(t *testing.T) {
	f := newFixture(t, "C1")
	f.decide(t, "C1", probity.OutcomeReview, "r1")
	c, err := f.svc.OpenCase(f.ctx, alice, "C1", "")
	if err != nil {
		t.Fatal(err)
	}
	if c.RequestedBy != "alice" || c.DecisionOutcome != probity.OutcomeReview || c.State != probity.CaseOpen {
		t.Fatalf("opened case = %+v", c)
	}
	tests := []struct {
		name    string
		do      func() error
		code    string
		message string // part of the error message
	}{
		{"employee opens for someone else", func() error { _, err := f.svc.OpenCase(f.ctx, erin, "C1", "alice"); return err }, probity.EFORBIDDEN, "may only ask"},
		{"public comments", func() error { _, err := f.svc.Comment(f.ctx, anon, c.ID, "hi"); return err }, probity.EFORBIDDEN, "only employee or above"},
		{"no name", func() error {
			_, err := f.svc.Comment(f.ctx, review.Actor{Role: review.RoleAdmin}, c.ID, "hi")
			return err
		}, probity.EUNAUTHORIZED, ""},
		{"unknown role", func() error {
			_, err := f.svc.Comment(f.ctx, review.Actor{Name: "x", Role: "boss"}, c.ID, "hi")
			return err
		}, probity.EINVALID, "boss"},
		{"empty comment", func() error { _, err := f.svc.Comment(f.ctx, erin, c.ID, "  "); return err }, probity.EINVALID, "empty"},
		{"comment on a missing case", func() error { _, err := f.svc.Comment(f.ctx, erin, 999, "x"); return err }, probity.ENOTFOUND, ""},
		{"employee assigns", func() error { _, err := f.svc.Assign(f.ctx, erin, c.ID, "bob"); return err }, probity.EFORBIDDEN, "assign"},
		{"requester assigned", func() error { _, err := f.svc.Assign(f.ctx, bob, c.ID, "alice"); return err }, probity.EFORBIDDEN, "alice requested this deal and cannot be assigned its case"},
		{"employee decides", func() error { _, err := f.svc.Decide(f.ctx, erin, c.ID, probity.CaseReject, ""); return err }, probity.EFORBIDDEN, "decide"},
		{"employee attaches", func() error {
			_, err := f.svc.Attach(f.ctx, erin, c.ID, probity.CaseEvidence{URL: "https://example.org", Title: "t"})
			return err
		}, probity.EFORBIDDEN, "attach"},
		{"requester decides even as a reviewer", func() error {
			_, err := f.svc.Decide(f.ctx, review.Actor{Name: "alice", Role: review.RoleReviewer}, c.ID, probity.CaseApprove, "")
			return err
		}, probity.EFORBIDDEN, "alice requested this deal and cannot decide its case"},
		{"requester changed", func() error { _, err := f.svc.OpenCase(f.ctx, bob, "C1", "erin"); return err }, probity.ECONFLICT, "already records alice"},
		{"missing contract", func() error { _, err := f.svc.OpenCase(f.ctx, bob, "nope", ""); return err }, probity.ENOTFOUND, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			wantCode(t, tc.name, err, tc.code)
			if err != nil && !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not say %q", err, tc.message)
			}
		})
	}
	// Nothing forbidden changed the case.
	got, _ := f.db.Case(f.ctx, c.ID)
	if got.Assignee != "" || got.State != probity.CaseOpen || got.Outcome != "" {
		t.Fatalf("refused actions changed the case: %+v", got)
	}
	// What is allowed works, and each step is audited.
	if got, err := f.svc.Assign(f.ctx, bob, c.ID, "carol"); err != nil || got.State != probity.CaseInReview || got.Assignee != "carol" {
		t.Fatalf("assign = %+v, %v", got, err)
	}
	if _, err := f.svc.Comment(f.ctx, erin, c.ID, "We build their case system."); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Attach(f.ctx, carol, c.ID, probity.CaseEvidence{URL: "https://example.org/report", Title: "Report"}); err != nil {
		t.Fatal(err)
	}
	if got, err := f.svc.Decide(f.ctx, carol, c.ID, probity.CaseReject, ""); err != nil || got.State != probity.CaseDecided || got.DecidedBy != "carol" {
		t.Fatalf("decide = %+v, %v", got, err)
	}
	_, err = f.svc.Decide(f.ctx, bob, c.ID, probity.CaseApprove, "")
	wantCode(t, "deciding twice", err, probity.ECONFLICT)
	_, err = f.svc.Assign(f.ctx, bob, c.ID, "bob")
	wantCode(t, "assigning a decided case", err, probity.ECONFLICT)
	want := []string{"case.open", "case.assign", "case.comment", "case.attach", "case.decide"}
	if got := f.actions(t, "case:1"); !slices.Equal(got, want) {
		t.Errorf("audit of case 1 = %v, want %v", got, want)
	}
	entries, _ := f.db.Audit(f.ctx, probity.AuditFilter{Action: "case.assign"})
	if len(entries) != 1 || entries[0].Actor != "bob" || !strings.Contains(string(entries[0].Before), `"state":"open"`) || !strings.Contains(string(entries[0].After), `"assignee":"carol"`) {
		t.Errorf("assign audit entry = %+v", entries)
	}
}

func TestDenyOverrideTakesTwoReviewers(t *testing.T) {
	type step struct {
		who        review.Actor
		outcome    string
		conditions string
		code       string // expected error code, "" for none
		state      string // case state after the step
	}
	tests := []struct {
		name           string
		decision       string
		steps          []step
		wantOutcome    string
		wantConditions string
	}{
		{"review: one reviewer approves", probity.OutcomeReview, []step{
			{who: bob, outcome: probity.CaseApprove, state: probity.CaseDecided},
		}, probity.CaseApprove, ""},
		{"deny: two reviewers approve", probity.OutcomeDeny, []step{
			{who: bob, outcome: probity.CaseApprove, state: probity.CaseInReview},
			{who: bob, outcome: probity.CaseApprove, code: probity.EFORBIDDEN, state: probity.CaseInReview},
			{who: alice, outcome: probity.CaseApprove, code: probity.EFORBIDDEN, state: probity.CaseInReview},
			{who: dave, outcome: probity.CaseApprove, state: probity.CaseDecided},
		}, probity.CaseApprove, ""},
		{"deny: conditions of both approvals kept", probity.OutcomeDeny, []step{
			{who: bob, outcome: probity.CaseApproveWithConditions, conditions: "no biometric modules", state: probity.CaseInReview},
			{who: carol, outcome: probity.CaseApprove, state: probity.CaseDecided},
		}, probity.CaseApproveWithConditions, "no biometric modules"},
		{"deny: one reviewer upholds it", probity.OutcomeDeny, []step{
			{who: bob, outcome: probity.CaseApprove, state: probity.CaseInReview},
			{who: bob, outcome: probity.CaseReject, state: probity.CaseDecided},
		}, probity.CaseReject, ""},
		{"deny: cancel takes one reviewer", probity.OutcomeDeny, []step{
			{who: carol, outcome: probity.CaseCancelContract, state: probity.CaseDecided},
		}, probity.CaseCancelContract, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, "C1")
			f.decide(t, "C1", tc.decision, "r1")
			c, err := f.svc.OpenCase(f.ctx, alice, "C1", "")
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range tc.steps {
				got, err := f.svc.Decide(f.ctx, s.who, c.ID, s.outcome, s.conditions)
				wantCode(t, s.who.Name+" "+s.outcome, err, s.code)
				stored, _ := f.db.Case(f.ctx, c.ID)
				if stored.State != s.state {
					t.Fatalf("step %d (%s %s): state %s, want %s", i, s.who.Name, s.outcome, stored.State, s.state)
				}
				if err == nil && s.state == probity.CaseInReview && (got.FirstApproval == nil || got.FirstApproval.By != s.who.Name || got.Outcome != "") {
					t.Fatalf("step %d: pending approval not recorded: %+v", i, got)
				}
			}
			got, _ := f.db.Case(f.ctx, c.ID)
			if got.Outcome != tc.wantOutcome || got.Conditions != tc.wantConditions {
				t.Errorf("outcome %q %q, want %q %q", got.Outcome, got.Conditions, tc.wantOutcome, tc.wantConditions)
			}
			if tc.wantOutcome == probity.CaseApprove || tc.wantOutcome == probity.CaseApproveWithConditions {
				if tc.decision == probity.OutcomeDeny && (got.FirstApproval == nil || got.FirstApproval.By == got.DecidedBy) {
					t.Errorf("deny overridden without two different reviewers: %+v", got)
				}
			}
		})
	}
}

func TestOutcomeAndConditions(t *testing.T) {
	f := newFixture(t, "C1")
	f.decide(t, "C1", probity.OutcomeReview, "r1")
	c, _ := f.svc.OpenCase(f.ctx, bob, "C1", "")
	for _, tc := range []struct {
		outcome, conditions, code string
	}{
		{probity.CaseApproveWithConditions, "", probity.EINVALID},
		{probity.CaseApproveWithConditions, "   ", probity.EINVALID},
		{probity.CaseApprove, "only in Q3", probity.EINVALID},
		{probity.CaseReject, "x", probity.EINVALID},
		{"maybe", "", probity.EINVALID},
		{"", "", probity.EINVALID},
		{probity.CaseApproveWithConditions, strings.Repeat("x", review.MaxTextLength+1), probity.EINVALID},
		{probity.CaseApproveWithConditions, " quarterly audit ", ""},
	} {
		_, err := f.svc.Decide(f.ctx, carol, c.ID, tc.outcome, tc.conditions)
		wantCode(t, tc.outcome+" "+clip(tc.conditions), err, tc.code)
	}
	got, _ := f.db.Case(f.ctx, c.ID)
	if got.Outcome != probity.CaseApproveWithConditions || got.Conditions != "quarterly audit" {
		t.Fatalf("case = %+v", got)
	}
}

func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

func TestCancelContract(t *testing.T) {
	f := newFixture(t, "C1", "C2")
	f.decide(t, "C1", probity.OutcomeDeny, "r1")
	f.sync(t)
	c := f.caseOf(t, "C1")
	if _, err := f.svc.Decide(f.ctx, bob, c.ID, probity.CaseCancelContract, ""); err != nil {
		t.Fatal(err)
	}
	k, err := f.db.Contract(f.ctx, "C1")
	if err != nil || k.Status != probity.StatusCancelled {
		t.Fatalf("contract after cancel = %+v, %v", k, err)
	}
	if len(k.Suppliers) != 1 || k.Buyer == nil || k.Buyer.ID != f.buyer {
		t.Errorf("cancelling lost the parties: %+v", k)
	}
	if other, _ := f.db.Contract(f.ctx, "C2"); other.Status != probity.StatusActive {
		t.Errorf("another contract changed: %s", other.Status)
	}
	entries, _ := f.db.Audit(f.ctx, probity.AuditFilter{Object: "contract:C1"})
	if len(entries) != 1 || entries[0].Action != "contract.cancel" || entries[0].Actor != "bob" {
		t.Fatalf("contract history = %+v", entries)
	}
	var before, after struct {
		Status string `json:"status"`
		Case   int64  `json:"case"`
	}
	json.Unmarshal(entries[0].Before, &before)
	json.Unmarshal(entries[0].After, &after)
	if before.Status != probity.StatusActive || after.Status != probity.StatusCancelled || after.Case != c.ID {
		t.Errorf("contract history before %s after %s", entries[0].Before, entries[0].After)
	}
	// A cancelled contract gets no new case, whatever is decided on it.
	f.decide(t, "C1", probity.OutcomeReview, "r2")
	if st := f.sync(t); st.Opened != 0 {
		t.Errorf("a case was opened on a cancelled contract: %+v", st)
	}
	// An organization case has no contract to cancel.
	con, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{OrgID: f.buyer, Text: "agency", Threshold: 1}, false)
	if err != nil || con.CaseID == 0 {
		t.Fatalf("raise = %+v %v", con, err)
	}
	_, err = f.svc.Decide(f.ctx, bob, con.CaseID, probity.CaseCancelContract, "")
	wantCode(t, "cancel an organization case", err, probity.EINVALID)
}

func TestAttachEvidence(t *testing.T) {
	f := newFixture(t, "C1")
	fi, err := f.db.AddFinding(f.ctx, probity.Finding{OrgID: f.buyer, Category: probity.CatFamilySeparation, Status: probity.FindingSubstantiated,
		Severity: probity.SeverityCritical, Summary: "s", Sources: []probity.Source{{Publisher: "Court", Title: "Order"}}})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := f.svc.OpenCase(f.ctx, bob, "C1", "")
	for _, tc := range []struct {
		name string
		ev   probity.CaseEvidence
		code string
	}{
		{"finding", probity.CaseEvidence{FindingID: fi.ID}, ""},
		{"missing finding", probity.CaseEvidence{FindingID: 999}, probity.ENOTFOUND},
		{"url", probity.CaseEvidence{URL: "https://www.aclu.org/report", Title: "Report"}, ""},
		{"url without title", probity.CaseEvidence{URL: "https://www.aclu.org/report"}, probity.EINVALID},
		{"not http", probity.CaseEvidence{URL: "javascript:alert(1)", Title: "x"}, probity.EINVALID},
		{"both", probity.CaseEvidence{FindingID: fi.ID, URL: "https://x.org", Title: "x"}, probity.EINVALID},
		{"neither", probity.CaseEvidence{}, probity.EINVALID},
	} {
		_, err := f.svc.Attach(f.ctx, carol, c.ID, tc.ev)
		wantCode(t, tc.name, err, tc.code)
	}
	list, err := f.db.CaseEvidence(f.ctx, c.ID)
	if err != nil || len(list) != 2 || list[0].Kind != probity.EvidenceFinding || list[0].FindingID != fi.ID || list[1].Kind != probity.EvidenceURL || list[1].AddedBy != "carol" {
		t.Fatalf("evidence = %+v %v", list, err)
	}
}

func TestOverdue(t *testing.T) {
	f := newFixture(t, "C1", "C2", "C3")
	f.decide(t, "C1", probity.OutcomeReview, "r")
	f.decide(t, "C2", probity.OutcomeDeny, "r")
	f.sync(t) // two normal cases, due in 14 days
	// A high-priority case, due in 3 days.
	con, err := f.svc.RaiseConcern(f.ctx, erin, probity.Concern{ContractID: "C3", Text: "c3", Threshold: 1}, false)
	if err != nil {
		t.Fatal(err)
	}
	high, _ := f.db.Case(f.ctx, con.CaseID)
	if high.Priority != probity.PriorityHigh || !high.DueAt.Equal(t0.Add(review.HighPriorityDue)) {
		t.Fatalf("concern case = %+v", high)
	}
	if c := f.caseOf(t, "C1"); !c.DueAt.Equal(t0.Add(review.DefaultDue)) {
		t.Fatalf("normal case due %v", c.DueAt)
	}
	for _, tc := range []struct {
		after time.Duration
		want  []string
	}{
		{0, nil},
		{3 * 24 * time.Hour, nil}, // due exactly now is not overdue yet
		{3*24*time.Hour + time.Second, []string{"C3"}},
		{15 * 24 * time.Hour, []string{"C1", "C2", "C3"}},
	} {
		f.now = t0.Add(tc.after)
		list, err := f.svc.Overdue(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range list {
			got = append(got, c.ContractID)
			if !c.Overdue(f.now) {
				t.Errorf("Overdue listed case %d which says it is not overdue", c.ID)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("after %v: overdue %v, want %v", tc.after, got, tc.want)
		}
	}
	// A decided case is never overdue.
	if _, err := f.svc.Decide(f.ctx, bob, f.caseOf(t, "C1").ID, probity.CaseReject, ""); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.svc.Overdue(f.ctx); len(list) != 2 {
		t.Errorf("after deciding C1: %d overdue, want 2", len(list))
	}
}

func TestSyncDecisions(t *testing.T) {
	f := newFixture(t, "A", "D", "R")
	f.decide(t, "A", probity.OutcomeAllow, "")
	dDeny := f.decide(t, "D", probity.OutcomeDeny, "deny.rule")
	f.decide(t, "R", probity.OutcomeReview, "review.rule")
	if st := f.sync(t); st.Opened != 2 || st.Updated != 0 {
		t.Fatalf("first sync = %+v", st)
	}
	for i := 0; i < 2; i++ {
		if st := f.sync(t); st != (review.SyncStats{}) {
			t.Fatalf("sync again = %+v, want nothing", st)
		}
	}
	all, _ := f.db.Cases(f.ctx, probity.CaseFilter{})
	if len(all) != 2 {
		t.Fatalf("%d cases, want 2", len(all))
	}
	d := f.caseOf(t, "D")
	if d.DecisionID != dDeny.ID || d.DecisionOutcome != probity.OutcomeDeny || d.Origin != probity.OriginDecision || d.RequestedBy != "" {
		t.Errorf("case of D = %+v", d)
	}
	// A new decision on a contract with an open case moves the case to it.
	f.now = t0.Add(time.Hour)
	dReview := f.decide(t, "D", probity.OutcomeReview, "other.rule")
	if st := f.sync(t); st.Opened != 0 || st.Updated != 1 {
		t.Fatalf("sync after a new decision = %+v", st)
	}
	d = f.caseOf(t, "D")
	if d.DecisionID != dReview.ID || d.DecisionOutcome != probity.OutcomeReview {
		t.Errorf("case of D after the new decision = %+v", d)
	}
	comments, _ := f.db.CaseComments(f.ctx, d.ID)
	if len(comments) != 1 || comments[0].Author != review.System || !strings.Contains(comments[0].Text, "other.rule") || !strings.Contains(comments[0].Text, "deny") {
		t.Errorf("comments = %+v", comments)
	}
	// A decided case is not reopened for the decision it decided...
	if _, err := f.svc.Decide(f.ctx, bob, d.ID, probity.CaseApprove, ""); err != nil {
		t.Fatal(err)
	}
	if st := f.sync(t); st != (review.SyncStats{}) {
		t.Fatalf("sync after deciding = %+v", st)
	}
	// ...but a newer review or deny decision opens a new one.
	f.decide(t, "D", probity.OutcomeDeny, "new.finding")
	if st := f.sync(t); st.Opened != 1 {
		t.Fatalf("sync after a newer deny = %+v", st)
	}
	if n := len(f.actions(t, "case:")); n != 2+1+1+1 {
		t.Errorf("%d case audit entries, want 5 (3 opened, 1 moved, 1 decided): %v", n, f.actions(t, "case:"))
	}
}
