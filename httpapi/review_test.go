package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/review"
)

// reviewFixture is the register fixture served with the review and
// account routes, a settable clock, and helpers that make fresh
// contracts, cases, concerns, users and tokens.
type reviewFixture struct {
	*fixture
	svc    *review.Service
	routes []httpapi.Route // ReviewRoutes and AccountRoutes
	clock  *clock
	n      int
}

// clock is the server's clock; tests move it forward.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// newReviewFixture serves the fixture's store again, this time with the
// review routes (threshold signatures escalate a concern) and the account
// routes, on the fixture's clock.
func newReviewFixture(t *testing.T, cfg httpapi.Config, threshold int) *reviewFixture {
	t.Helper()
	f := &reviewFixture{fixture: newFixture(t, httpapi.Config{}), clock: &clock{t: time.Now().UTC()}}
	f.svc = review.New(f.db)
	f.svc.Threshold, f.svc.Now = threshold, f.clock.Now
	f.routes = append(httpapi.ReviewRoutes(f.svc, f.db), httpapi.AccountRoutes(f.db)...)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	cfg.ReloadInterval, cfg.RateLimit, cfg.Now = -1, -1, f.clock.Now
	var err error
	srv, err := httpapi.New(context.Background(), f.db, cfg, f.routes...)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = srv
	f.ts = httptest.NewServer(srv)
	t.Cleanup(f.ts.Close)
	return f
}

// user adds a user of the role with a token; f.do(probity.Role(name), …)
// then acts as that user.
func (f *reviewFixture) user(name string, role probity.Role) {
	f.t.Helper()
	ctx := context.Background()
	u, err := f.db.CreateUser(ctx, probity.User{Name: name, Role: role}, "test")
	if err != nil {
		f.t.Fatal(err)
	}
	secret, display, hash, err := probity.NewSecret(probity.TokenPrefix)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.db.CreateToken(ctx, probity.Token{UserID: u.ID, Prefix: display}, hash, "test"); err != nil {
		f.t.Fatal(err)
	}
	f.tokens[probity.Role(name)] = secret
}

// contract stores a fresh contract bought by ICE, with a decision of the
// given outcome ("" for none) whose reasons cite the public and the
// confidential findings.
func (f *reviewFixture) contract(outcome string) string {
	f.t.Helper()
	ctx := context.Background()
	f.n++
	id := fmt.Sprintf("ocds-fresh-%d", f.n)
	err := f.db.Update(ctx, func(tx probity.Tx) error {
		return tx.PutContract(ctx, probity.Contract{ID: id, Title: "Fresh deal " + id, Status: probity.StatusActive, Buyer: &probity.OrgRef{ID: f.ice}, Source: "test"})
	})
	if err != nil {
		f.t.Fatal(err)
	}
	if outcome != "" {
		d := probity.Decision{ContractID: id, Outcome: outcome, PolicyHash: "p", InputHash: "i" + id, DecidedAt: f.clock.Now(), Reasons: []probity.Reason{
			{RuleID: "public_rule", Effect: outcome, Message: "public reason", Refs: []probity.Ref{{Kind: probity.RefFinding, ID: fmt.Sprint(f.public)}}},
			{RuleID: "secret_rule", Effect: outcome, Message: "SECRET reason", Refs: []probity.Ref{{Kind: probity.RefFinding, ID: fmt.Sprint(f.conf)}}},
		}}
		if _, _, err := f.db.RecordDecision(ctx, d, json.RawMessage(`{}`)); err != nil {
			f.t.Fatal(err)
		}
	}
	return id
}

var ops = review.Actor{Name: "ops", Role: review.RoleAdmin}

// openCase opens a case on a fresh contract with no decision.
func (f *reviewFixture) openCase() int64 {
	f.t.Helper()
	c, err := f.svc.OpenCase(context.Background(), ops, f.contract(""), "")
	if err != nil {
		f.t.Fatal(err)
	}
	return c.ID
}

// raise raises a concern by zed (an employee) about the fixture contract.
func (f *reviewFixture) raise() int64 {
	f.t.Helper()
	c, err := f.svc.RaiseConcern(context.Background(), review.Actor{Name: "zed", Role: review.RoleEmployee},
		probity.Concern{ContractID: f.fixture.contract, Text: "Is this deal compatible with our human-rights commitments?"}, false)
	if err != nil {
		f.t.Fatal(err)
	}
	return c.ID
}

// sample is a request to the route that succeeds for any caller allowed
// on it, made on fresh objects so that the order the matrix tries routes
// and roles in does not matter.
func (f *reviewFixture) sample(rt httpapi.Route, baseCase, baseConcern int64) (path string, body any, ok bool) {
	ctx := context.Background()
	switch rt.Method + " " + rt.Pattern {
	case "GET /cases", "GET /concerns", "GET /users", "GET /tokens":
		return rt.Pattern, nil, true
	case "POST /cases/sync":
		return rt.Pattern, nil, true
	case "GET /cases/{id}":
		return fmt.Sprintf("/cases/%d", baseCase), nil, true
	case "POST /cases":
		return "/cases", map[string]string{"contract_id": f.contract("")}, true
	case "POST /cases/{id}/assign":
		return fmt.Sprintf("/cases/%d/assign", f.openCase()), map[string]string{"assignee": "rita"}, true
	case "POST /cases/{id}/comments":
		return fmt.Sprintf("/cases/%d/comments", baseCase), map[string]string{"text": "Looked at it."}, true
	case "POST /cases/{id}/evidence":
		return fmt.Sprintf("/cases/%d/evidence", baseCase), map[string]string{"url": "https://example.org/report", "title": "A report"}, true
	case "POST /cases/{id}/decision":
		return fmt.Sprintf("/cases/%d/decision", f.openCase()), map[string]string{"outcome": probity.CaseReject}, true
	case "GET /concerns/{id}":
		return fmt.Sprintf("/concerns/%d", baseConcern), nil, true
	case "POST /concerns":
		return "/concerns", map[string]any{"contract_id": f.fixture.contract, "text": "A concern"}, true
	case "POST /concerns/{id}/signatures":
		return fmt.Sprintf("/concerns/%d/signatures", f.raise()), `{}`, true
	case "POST /users":
		f.n++
		return "/users", map[string]string{"name": fmt.Sprintf("new%d", f.n), "role": "employee"}, true
	case "POST /tokens":
		return "/tokens", map[string]string{"user": "erin", "expires": "1h"}, true
	case "DELETE /tokens/{id}":
		_, _, hash, err := probity.NewSecret(probity.TokenPrefix)
		if err != nil {
			f.t.Fatal(err)
		}
		u, err := f.db.User(ctx, "erin")
		if err != nil {
			f.t.Fatal(err)
		}
		tok, err := f.db.CreateToken(ctx, probity.Token{UserID: u.ID, Prefix: "prb_x"}, hash, "test")
		if err != nil {
			f.t.Fatal(err)
		}
		return fmt.Sprintf("/tokens/%d", tok.ID), nil, true
	}
	return "", nil, false
}

// TestReviewRoleMatrix tries every role on every review and account route:
// a role at least the route's gets 200, a lesser one 403, no credentials
// 401, and a bad token 401.
func TestReviewRoleMatrix(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{AuthFailBurst: -1}, 0) // bogus fails everywhere
	f.tokens["bogus"] = "prb_notarealtokennotarealtokennotarealtoken"
	served := map[string]bool{}
	for _, rt := range f.srv.Routes() {
		served[rt.Method+" "+rt.Pattern] = true
	}
	baseCase, baseConcern := f.openCase(), f.raise()
	for _, rt := range f.routes {
		if !served[rt.Method+" "+rt.Pattern] {
			t.Errorf("%s %s is not served", rt.Method, rt.Pattern)
		}
		for _, role := range append(probity.Roles(), "bogus") {
			want := http.StatusOK
			switch {
			case role == "bogus":
				want = http.StatusUnauthorized
			case !role.AtLeast(rt.Role) && role == probity.RolePublic:
				want = http.StatusUnauthorized
			case !role.AtLeast(rt.Role):
				want = http.StatusForbidden
			}
			t.Run(fmt.Sprintf("%s %s as %s", rt.Method, rt.Pattern, role), func(t *testing.T) {
				path, body, ok := f.sample(rt, baseCase, baseConcern)
				if !ok {
					t.Fatalf("no sample request for %s %s: add one", rt.Method, rt.Pattern)
				}
				status, data, _ := f.do(role, rt.Method, path, body)
				if status != want {
					t.Fatalf("status %d, want %d: %s", status, want, data)
				}
				if status >= 400 {
					if e := decode[httpapi.ErrorBody](t, data); e.Error == "" || e.Detail == "" {
						t.Errorf("error body %s", data)
					}
				}
			})
		}
	}
}

// TestReviewRoutesInOpenAPI: /openapi.json documents every review and
// account route with its least role and summary.
func TestReviewRoutesInOpenAPI(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 0)
	status, data, _ := f.do(probity.RolePublic, "GET", "/openapi.json", nil)
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	doc := decode[struct {
		Paths map[string]map[string]struct {
			Summary string `json:"summary"`
			Role    string `json:"x-probity-role"`
		} `json:"paths"`
	}](t, data)
	for _, rt := range f.routes {
		op, ok := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]
		if !ok {
			t.Errorf("%s %s is not documented", rt.Method, rt.Pattern)
			continue
		}
		if op.Role != string(rt.Role) || op.Summary != rt.Summary || op.Summary == "" {
			t.Errorf("%s %s documented as %+v, route role %s", rt.Method, rt.Pattern, op, rt.Role)
		}
	}
}

type caseJSON struct {
	probity.Case
	Overdue bool `json:"overdue"`
}

type caseDetailJSON struct {
	Case          caseJSON          `json:"case"`
	ContractTitle string            `json:"contract_title"`
	Decision      *probity.Decision `json:"decision"`
	Concerns      []probity.Concern `json:"concerns"`
	Evidence      []struct {
		probity.CaseEvidence
		Finding *probity.Finding `json:"finding"`
	} `json:"evidence"`
	Comments []probity.CaseComment `json:"comments"`
	History  []probity.AuditEntry  `json:"history"`
}

// must sends a request and fails unless the status is want.
func (f *reviewFixture) must(want int, role probity.Role, method, path string, body any) []byte {
	f.t.Helper()
	status, data, _ := f.do(role, method, path, body)
	if status != want {
		f.t.Fatalf("%s %s as %s: status %d, want %d: %s", method, path, role, status, want, data)
	}
	return data
}

// TestSeparationOfDuties: the requester of a deal can neither be assigned
// nor decide its case (403 with the rule's message), and overriding a deny
// takes two different reviewers.
func TestSeparationOfDuties(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 0)
	f.user("rob", probity.RoleReviewer)
	id := f.contract(probity.OutcomeDeny)
	st := decode[review.SyncStats](t, f.must(200, probity.RoleAdmin, "POST", "/cases/sync", nil))
	if st.Opened < 1 {
		t.Fatalf("sync opened %d cases", st.Opened)
	}
	cases := decode[struct{ Cases []caseJSON }](t, f.must(200, probity.RoleEmployee, "GET", "/cases?contract="+id, nil)).Cases
	if len(cases) != 1 || cases[0].DecisionOutcome != probity.OutcomeDeny || cases[0].Origin != probity.OriginDecision {
		t.Fatalf("cases of %s: %+v", id, cases)
	}
	c := cases[0]
	// rob requested the deal.
	got := decode[caseJSON](t, f.must(200, probity.RoleAdmin, "POST", "/cases", map[string]string{"contract_id": id, "requested_by": "rob"}))
	if got.ID != c.ID || got.RequestedBy != "rob" {
		t.Fatalf("opening again: %+v, want case %d requested by rob", got, c.ID)
	}
	path := fmt.Sprintf("/cases/%d", c.ID)
	for _, tc := range []struct {
		as     probity.Role
		path   string
		body   any
		status int
		want   string
	}{
		{"rob", path + "/decision", map[string]string{"outcome": "approve"}, 403, "rob requested this deal and cannot decide its case"},
		{"rob", path + "/decision", map[string]string{"outcome": "reject"}, 403, "rob requested this deal and cannot decide its case"},
		{probity.RoleReviewer, path + "/assign", map[string]string{"assignee": "rob"}, 403, "rob requested this deal and cannot be assigned its case"},
		{probity.RoleEmployee, path + "/decision", map[string]string{"outcome": "approve"}, 403, "reviewer"},
		{probity.RoleReviewer, path + "/assign", map[string]string{"assignee": "erin"}, 400, `field "assignee": erin is employee`},
		{probity.RoleReviewer, path + "/assign", map[string]string{"assignee": "nobody"}, 400, `there is no user "nobody"`},
	} {
		status, data, _ := f.do(tc.as, "POST", tc.path, tc.body)
		if e := decode[httpapi.ErrorBody](t, data); status != tc.status || !strings.Contains(e.Detail, tc.want) {
			t.Errorf("%s %s: %d %s, want %d with %q", tc.as, tc.path, status, data, tc.status, tc.want)
		}
	}
	f.must(200, probity.RoleReviewer, "POST", path+"/assign", map[string]string{"assignee": "rita"})

	// First approval: pending.
	first := decode[caseJSON](t, f.must(200, probity.RoleReviewer, "POST", path+"/decision", map[string]string{"outcome": "approve_with_conditions", "conditions": "No biometric data."}))
	if first.State != probity.CaseInReview || first.FirstApproval == nil || first.FirstApproval.By != "rita" || first.Outcome != "" {
		t.Fatalf("after the first approval: %+v", first)
	}
	// The same reviewer again: refused.
	status, data, _ := f.do(probity.RoleReviewer, "POST", path+"/decision", map[string]string{"outcome": "approve"})
	if e := decode[httpapi.ErrorBody](t, data); status != 403 || !strings.Contains(e.Detail, "second, different reviewer") {
		t.Fatalf("second approval by rita: %d %s", status, data)
	}
	// A second reviewer completes it; the first one's conditions are kept.
	done := decode[caseJSON](t, f.must(200, probity.RoleAdmin, "POST", path+"/decision", map[string]string{"outcome": "approve"}))
	if done.State != probity.CaseDecided || done.DecidedBy != "ada" || done.Outcome != probity.CaseApproveWithConditions || !strings.Contains(done.Conditions, "biometric") {
		t.Fatalf("after the second approval: %+v", done)
	}
	// Decided cases stay decided.
	status, _, _ = f.do("rob", "POST", path+"/decision", map[string]string{"outcome": "reject"})
	if status != 409 && status != 403 {
		t.Errorf("deciding a decided case: %d", status)
	}
	if status, _, _ := f.do(probity.RoleReviewer, "POST", path+"/evidence", map[string]any{"finding_id": f.public}); status != 409 {
		t.Errorf("evidence on a decided case: %d, want 409", status)
	}
	// The audit log names both reviewers.
	entries := decode[struct{ Entries []probity.AuditEntry }](t, f.must(200, probity.RoleAdmin, "GET", fmt.Sprintf("/audit?object=case:%d", c.ID), nil)).Entries
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Actor+":"+e.Action)
	}
	joined := strings.Join(actions, " ")
	for _, want := range []string{"rita:case.approve_pending", "ada:case.decide", "rita:case.assign", "ada:case.request"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit of the case lacks %s: %s", want, joined)
		}
	}
}

// TestCaseDetailAndConfidentiality: an employee sees the case, its
// comments and the public evidence, but neither the confidential finding
// nor the reason citing it nor the history; a reviewer sees all of it.
func TestCaseDetailAndConfidentiality(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 0)
	id := f.contract(probity.OutcomeReview)
	c := decode[caseJSON](t, f.must(200, probity.RoleEmployee, "POST", "/cases", map[string]string{"contract_id": id}))
	if c.RequestedBy != "erin" || c.State != probity.CaseOpen || c.DecisionOutcome != probity.OutcomeReview {
		t.Fatalf("case opened by erin: %+v", c)
	}
	path := fmt.Sprintf("/cases/%d", c.ID)
	f.must(200, probity.RoleEmployee, "POST", path+"/comments", map[string]string{"text": "  I asked for this deal.  "})
	f.must(200, probity.RoleReviewer, "POST", path+"/evidence", map[string]any{"finding_id": f.public})
	f.must(200, probity.RoleReviewer, "POST", path+"/evidence", map[string]any{"finding_id": f.conf})
	f.must(200, probity.RoleReviewer, "POST", path+"/evidence", map[string]any{"url": "https://example.org/r", "title": "Report"})

	for _, tc := range []struct {
		role     probity.Role
		evidence int
		history  bool
	}{{probity.RoleEmployee, 2, false}, {probity.RoleReviewer, 3, true}, {probity.RoleAdmin, 3, true}} {
		data := f.must(200, tc.role, "GET", path, nil)
		d := decode[caseDetailJSON](t, data)
		if d.Case.ID != c.ID || d.ContractTitle != "Fresh deal "+id || len(d.Comments) != 1 || d.Comments[0].Text != "I asked for this deal." || d.Comments[0].Author != "erin" {
			t.Errorf("%s: detail %s", tc.role, data)
		}
		if len(d.Evidence) != tc.evidence {
			t.Errorf("%s sees %d pieces of evidence, want %d", tc.role, len(d.Evidence), tc.evidence)
		}
		if d.Evidence[0].Finding == nil || d.Evidence[0].Finding.ID != f.public {
			t.Errorf("%s: the finding evidence lacks its finding: %+v", tc.role, d.Evidence[0])
		}
		if d.Decision == nil || len(d.Decision.Reasons) != 2 {
			t.Fatalf("%s: decision %+v", tc.role, d.Decision)
		}
		secret := strings.Contains(string(data), "SECRET")
		if secret == (tc.role == probity.RoleEmployee) {
			t.Errorf("%s: confidential text shown %v: %s", tc.role, secret, data)
		}
		if (len(d.History) > 0) != tc.history {
			t.Errorf("%s: history %v", tc.role, d.History)
		}
	}
	// The employee's redacted decision still shows the public reason.
	d := decode[caseDetailJSON](t, f.must(200, probity.RoleEmployee, "GET", path, nil))
	if d.Decision.Reasons[0].Message != "public reason" || len(d.Decision.Reasons[1].Refs) != 0 {
		t.Errorf("redacted reasons %+v", d.Decision.Reasons)
	}
	// An employee may only ask for the review of their own deal.
	status, data, _ := f.do(probity.RoleEmployee, "POST", "/cases", map[string]string{"contract_id": f.contract(""), "requested_by": "rita"})
	if e := decode[httpapi.ErrorBody](t, data); status != 403 || !strings.Contains(e.Detail, "may only ask for the review of a deal they requested") {
		t.Errorf("employee naming another requester: %d %s", status, data)
	}
}

// TestConcernSignedTwice: one signature per person, over HTTP a 409.
func TestConcernSignedTwice(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 0)
	f.user("eve", probity.RoleEmployee)
	k := decode[probity.Concern](t, f.must(200, probity.RoleEmployee, "POST", "/concerns", map[string]any{"org_id": f.ice, "text": "Detention contracts"}))
	if k.Signatures != 1 || k.Threshold != review.DefaultThreshold || k.Status != probity.ConcernOpen || k.RaisedBy != "erin" {
		t.Fatalf("raised: %+v", k)
	}
	path := fmt.Sprintf("/concerns/%d/signatures", k.ID)
	for _, tc := range []struct {
		as     probity.Role
		body   any
		status int
		sigs   int
	}{
		{probity.RoleEmployee, nil, 409, 1}, // the raiser signed first
		{"eve", nil, 200, 2},
		{"eve", `{"anonymous": true}`, 409, 2},
		{probity.RoleReviewer, `{"anonymous": "yes"}`, 400, 2},
		{probity.RoleReviewer, `{"anonymus": true}`, 400, 2},
		{probity.RoleReviewer, `{}`, 200, 3},
	} {
		status, data, _ := f.do(tc.as, "POST", path, tc.body)
		if status != tc.status {
			t.Errorf("%s signs: %d %s, want %d", tc.as, status, data, tc.status)
		}
		got := decode[concernDetailJSON](t, f.must(200, probity.RolePublic, "GET", fmt.Sprintf("/concerns/%d", k.ID), nil))
		if len(got.Signatures) != tc.sigs || got.Concern.Signatures != tc.sigs {
			t.Errorf("after %s signs: %d signatures listed, %d counted, want %d", tc.as, len(got.Signatures), got.Concern.Signatures, tc.sigs)
		}
	}
	if status, _, _ := f.do(probity.RoleEmployee, "POST", "/concerns/999/signatures", nil); status != 404 {
		t.Errorf("signing a missing concern: %d", status)
	}
}

type concernDetailJSON struct {
	Concern    probity.Concern     `json:"concern"`
	Signatures []probity.Signature `json:"signatures"`
}

// TestAnonymousSigners: the public and other employees see "anonymous" in
// place of an anonymous signer's (or raiser's) name; reviewers and the
// signer see the name.
func TestAnonymousSigners(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 0)
	f.user("eve", probity.RoleEmployee)
	f.user("olga", probity.RoleEmployee)
	// Anonymous to the public is the default (olga, eve); erin chooses to
	// be named.
	k := decode[probity.Concern](t, f.must(200, "olga", "POST", "/concerns", map[string]any{"contract_id": f.fixture.contract, "text": "Family separation"}))
	f.must(200, "eve", "POST", fmt.Sprintf("/concerns/%d/signatures", k.ID), nil)
	f.must(200, probity.RoleEmployee, "POST", fmt.Sprintf("/concerns/%d/signatures", k.ID), map[string]bool{"anonymous": false})
	for _, tc := range []struct {
		as      probity.Role
		visible []string // names that must appear
		hidden  []string // names that must not
	}{
		{probity.RolePublic, []string{"erin"}, []string{"eve", "olga"}},
		{probity.RoleEmployee, []string{"erin"}, []string{"eve", "olga"}},
		{"eve", []string{"erin", "eve"}, []string{"olga"}},
		{probity.RoleReviewer, []string{"erin", "eve", "olga"}, nil},
		{probity.RoleAdmin, []string{"erin", "eve", "olga"}, nil},
	} {
		for _, path := range []string{fmt.Sprintf("/concerns/%d", k.ID), "/concerns", "/concerns?contract=" + f.fixture.contract} {
			data := string(f.must(200, tc.as, "GET", path, nil))
			for _, name := range tc.hidden {
				if strings.Contains(data, `"`+name+`"`) {
					t.Errorf("%s sees %s at %s: %s", tc.as, name, path, data)
				}
			}
			if path != fmt.Sprintf("/concerns/%d", k.ID) {
				continue // lists show the raiser only
			}
			for _, name := range tc.visible {
				if !strings.Contains(data, `"`+name+`"`) {
					t.Errorf("%s does not see %s at %s: %s", tc.as, name, path, data)
				}
			}
			if len(tc.hidden) > 0 && !strings.Contains(data, `"anonymous"`) {
				t.Errorf("%s: no anonymous signer at %s: %s", tc.as, path, data)
			}
		}
	}
}

// TestEscalationOpensHighPriorityCase: the signature that reaches the
// threshold escalates the concern to a high-priority case that GET /cases
// lists; deciding the case closes the concern, which shows the outcome to
// the public.
func TestEscalationOpensHighPriorityCase(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 3)
	f.user("eve", probity.RoleEmployee)
	f.user("eli", probity.RoleEmployee)
	id := f.contract("")
	k := decode[probity.Concern](t, f.must(200, probity.RoleEmployee, "POST", "/concerns", map[string]any{"contract_id": id, "text": "Surveillance of migrants"}))
	path := fmt.Sprintf("/concerns/%d", k.ID)
	f.must(200, "eve", "POST", path+"/signatures", nil)
	if open := decode[struct{ Cases []caseJSON }](t, f.must(200, probity.RoleEmployee, "GET", "/cases?contract="+id, nil)).Cases; len(open) != 0 {
		t.Fatalf("a case before the threshold: %+v", open)
	}
	k = decode[probity.Concern](t, f.must(200, "eli", "POST", path+"/signatures", `{"anonymous": false}`))
	if k.Status != probity.ConcernEscalated || k.CaseID == 0 || k.Signatures != 3 {
		t.Fatalf("at the threshold: %+v", k)
	}
	cases := decode[struct{ Cases []caseJSON }](t, f.must(200, probity.RoleEmployee, "GET", "/cases?state=open", nil)).Cases
	var c *caseJSON
	for i := range cases {
		if cases[i].ID == k.CaseID {
			c = &cases[i]
		}
	}
	if c == nil || c.Priority != probity.PriorityHigh || c.Origin != probity.OriginConcern || c.ContractID != id {
		t.Fatalf("case %d not listed as a high-priority concern case: %+v", k.CaseID, cases)
	}
	if want := c.OpenedAt.Add(review.HighPriorityDue); !c.DueAt.Equal(want) {
		t.Errorf("due %s, want %s", c.DueAt, want)
	}
	d := decode[caseDetailJSON](t, f.must(200, probity.RoleEmployee, "GET", fmt.Sprintf("/cases/%d", c.ID), nil))
	if len(d.Concerns) != 1 || d.Concerns[0].ID != k.ID {
		t.Errorf("the case does not show its concern: %+v", d.Concerns)
	}
	// Overdue after three days.
	f.clock.Add(review.HighPriorityDue + time.Hour)
	overdue := decode[struct{ Cases []caseJSON }](t, f.must(200, probity.RoleEmployee, "GET", "/cases?overdue=true", nil)).Cases
	if len(overdue) != 1 || overdue[0].ID != c.ID || !overdue[0].Overdue {
		t.Errorf("overdue: %+v", overdue)
	}
	f.must(200, probity.RoleReviewer, "POST", fmt.Sprintf("/cases/%d/decision", c.ID), map[string]string{"outcome": "cancel_contract"})
	got := decode[concernDetailJSON](t, f.must(200, probity.RolePublic, "GET", path, nil))
	if got.Concern.Status != probity.ConcernClosed || got.Concern.CaseOutcome != probity.CaseCancelContract {
		t.Errorf("after the decision the public sees %+v", got.Concern)
	}
	status, data, _ := f.do(probity.RolePublic, "GET", "/contracts/"+id, nil)
	if status != 200 || !strings.Contains(string(data), `"status":"cancelled"`) {
		t.Errorf("contract after cancel_contract: %d %s", status, data)
	}
	if status, _, _ := f.do(probity.RoleReviewer, "POST", path+"/signatures", nil); status != 409 {
		t.Errorf("signing a closed concern: %d, want 409", status)
	}
}

// TestReviewBadInput: unknown fields and wrong types name the field;
// missing things are 404; conflicts 409.
func TestReviewBadInput(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 0)
	c := f.openCase()
	cp := fmt.Sprintf("/cases/%d", c)
	rev, emp := probity.RoleReviewer, probity.RoleEmployee
	for _, tc := range []struct {
		name, method, path string
		as                 probity.Role
		body               any
		status             int
		want               string
	}{
		{"unknown field", "POST", "/cases", emp, `{"contract": "x"}`, 400, `unknown field "contract"`},
		{"wrong type", "POST", "/cases", emp, `{"contract_id": 7}`, 400, `field "contract_id"`},
		{"missing contract_id", "POST", "/cases", emp, `{}`, 400, `field "contract_id" is required`},
		{"unknown contract", "POST", "/cases", emp, `{"contract_id": "nope"}`, 404, `nope`},
		{"empty body", "POST", cp + "/comments", emp, ``, 400, `empty`},
		{"blank comment", "POST", cp + "/comments", emp, `{"text": "  "}`, 400, `field "text" is required`},
		{"comment too long", "POST", cp + "/comments", emp, map[string]string{"text": strings.Repeat("a", review.MaxTextLength+1)}, 400, `at most`},
		{"comment on missing case", "POST", "/cases/999/comments", emp, `{"text": "x"}`, 404, `999`},
		{"bad case id", "GET", "/cases/abc", emp, nil, 400, `"abc"`},
		{"missing case", "GET", "/cases/999", emp, nil, 404, `999`},
		{"bad state", "GET", "/cases?state=closed", emp, nil, 400, `"state"`},
		{"bad overdue", "GET", "/cases?overdue=yes", emp, nil, 400, `"overdue"`},
		{"bad limit", "GET", "/cases?limit=0", emp, nil, 400, `"limit"`},
		{"finding id as string", "POST", cp + "/evidence", rev, `{"finding_id": "3"}`, 400, `field "finding_id"`},
		{"finding and url", "POST", cp + "/evidence", rev, `{"finding_id": 1, "url": "https://x.org"}`, 400, `not both`},
		{"url without title", "POST", cp + "/evidence", rev, `{"url": "https://x.org"}`, 400, `field "title" is required`},
		{"not a web url", "POST", cp + "/evidence", rev, `{"url": "file:///etc/passwd", "title": "t"}`, 400, `not an http`},
		{"missing finding", "POST", cp + "/evidence", rev, `{"finding_id": 9999}`, 404, ``},
		{"no outcome", "POST", cp + "/decision", rev, `{}`, 400, `field "outcome" is required`},
		{"bad outcome", "POST", cp + "/decision", rev, `{"outcome": "maybe"}`, 400, `"maybe"`},
		{"conditions without", "POST", cp + "/decision", rev, `{"outcome": "approve_with_conditions"}`, 400, `conditions`},
		{"conditions on reject", "POST", cp + "/decision", rev, `{"outcome": "reject", "conditions": "x"}`, 400, `only approve_with_conditions`},
		{"no assignee", "POST", cp + "/assign", rev, `{"assignee": ""}`, 400, `field "assignee" is required`},
		{"assignee array", "POST", cp + "/assign", rev, `{"assignee": ["rita"]}`, 400, `field "assignee"`},
		{"sync with a body", "POST", "/cases/sync", probity.RoleAdmin, `{"all": true}`, 400, `unknown field "all"`},
		{"concern on both", "POST", "/concerns", emp, map[string]any{"contract_id": "x", "org_id": 1, "text": "t"}, 400, `exactly one`},
		{"concern without text", "POST", "/concerns", emp, map[string]any{"org_id": f.ice}, 400, `field "text" is required`},
		{"concern threshold", "POST", "/concerns", emp, map[string]any{"org_id": f.ice, "text": "t", "threshold": 1}, 400, `unknown field "threshold"`},
		{"concern on missing org", "POST", "/concerns", emp, map[string]any{"org_id": 9999, "text": "t"}, 404, ``},
		{"concern anonymous string", "POST", "/concerns", emp, `{"org_id": 1, "text": "t", "anonymous": "true"}`, 400, `field "anonymous"`},
		{"bad concern status", "GET", "/concerns?status=new", probity.RolePublic, nil, 400, `"status"`},
		{"bad concern org", "GET", "/concerns?org=x", probity.RolePublic, nil, 400, `"org"`},
		{"missing concern", "GET", "/concerns/999", probity.RolePublic, nil, 404, `999`},
		{"trailing data", "POST", "/concerns/1/signatures", emp, `{} {}`, 400, `after the JSON`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, data, _ := f.do(tc.as, tc.method, tc.path, tc.body)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, data)
			}
			if e := decode[httpapi.ErrorBody](t, data); !strings.Contains(e.Detail, tc.want) || e.Detail == "" {
				t.Errorf("detail %q does not mention %s", e.Detail, tc.want)
			}
		})
	}
}
