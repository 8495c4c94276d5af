package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
)

func TestContractsPages(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	ctx := context.Background()
	err := f.db.Update(ctx, func(tx probity.Tx) error {
		for i := 0; i < 25; i++ {
			if err := tx.PutContract(ctx, probity.Contract{ID: fmt.Sprintf("p-%02d", i), Title: "t", Status: probity.StatusCompleted, Buyer: &probity.OrgRef{ID: f.dhs}, Source: "test"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		Contracts []map[string]any `json:"contracts"`
		Next      string           `json:"next"`
	}
	var ids []string
	after := ""
	for pages := 0; pages < 10; pages++ {
		status, data, _ := f.do(probity.RolePublic, "GET", "/contracts?status=completed&limit=10&after="+after, nil)
		if status != 200 {
			t.Fatalf("status %d: %s", status, data)
		}
		p := decode[page](t, data)
		for _, c := range p.Contracts {
			ids = append(ids, c["id"].(string))
			if _, ok := c["buyer"].(map[string]any); !ok {
				t.Fatalf("buyer not an object: %v", c)
			}
			if _, ok := c["suppliers"].([]any); !ok {
				t.Fatalf("suppliers not an array: %v", c)
			}
			// These contracts have no value: unknown is null, never 0.
			if v, ok := c["value"]; !ok || v != nil {
				t.Fatalf("a contract without a value: value %v (want null)", v)
			}
		}
		if p.Next == "" {
			break
		}
		after = p.Next
	}
	if len(ids) != 25 || ids[0] != "p-00" || ids[24] != "p-24" {
		t.Errorf("paged through %d contracts: %v", len(ids), ids)
	}
	_, data, _ := f.do(probity.RolePublic, "GET", "/contracts?buyer=homeland", nil)
	if p := decode[page](t, data); len(p.Contracts) != 26 {
		t.Errorf("buyer=homeland (DHS and its part ICE): %d contracts", len(p.Contracts))
	}
}

// TestConfidentialNeverPublic checks that no answer to the public or to an
// employee carries a confidential finding, while reviewers see it.
func TestConfidentialNeverPublic(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	paths := []string{"/findings", fmt.Sprintf("/orgs/%d", f.ice), "/contracts/" + f.contract, "/decisions", "/decisions?history=true", "/decisions/1"}
	for _, role := range []probity.Role{probity.RolePublic, probity.RoleEmployee} {
		for _, p := range paths {
			status, data, _ := f.do(role, "GET", p, nil)
			if status != 200 {
				t.Fatalf("%s as %s: %d %s", p, role, status, data)
			}
			if strings.Contains(string(data), "SECRET") || strings.Contains(string(data), fmt.Sprintf(`"kind":"finding","id":"%d"`, f.conf)) {
				t.Errorf("%s as %s shows the confidential finding: %s", p, role, data)
			}
		}
	}
	_, data, _ := f.do(probity.RoleReviewer, "GET", "/findings", nil)
	if !strings.Contains(string(data), "SECRET") || !strings.Contains(string(data), "public finding") {
		t.Errorf("reviewer findings: %s", data)
	}
	_, data, _ = f.do(probity.RolePublic, "GET", "/findings", nil)
	if !strings.Contains(string(data), "public finding") {
		t.Errorf("public findings lack the public one: %s", data)
	}
	// The contract's decision rests on both findings; below reviewer the
	// confidential reason is redacted, not dropped.
	_, data, _ = f.do(probity.RoleReviewer, "GET", "/contracts/"+f.contract, nil)
	c := decode[struct {
		ID       string            `json:"id"`
		Decision *probity.Decision `json:"decision"`
	}](t, data)
	if c.ID != f.contract || c.Decision == nil || c.Decision.Outcome == "" {
		t.Fatalf("contract detail: %s", data)
	}
	if !strings.Contains(string(data), fmt.Sprintf(`"kind":"finding","id":"%d"`, f.conf)) {
		t.Skipf("the default policy's reasons do not cite finding %d; redaction not exercised: %s", f.conf, data)
	}
	_, pub, _ := f.do(probity.RolePublic, "GET", "/contracts/"+f.contract, nil)
	if !strings.Contains(string(pub), "confidential evidence") {
		t.Errorf("public view not redacted: %s", pub)
	}
	// Decision inputs are for reviewers only.
	_, data, _ = f.do(probity.RoleReviewer, "GET", "/decisions/1", nil)
	_, pubd, _ := f.do(probity.RolePublic, "GET", "/decisions/1", nil)
	if !strings.Contains(string(data), `"input"`) || strings.Contains(string(pubd), `"input"`) {
		t.Errorf("input: reviewer %s / public %s", data, pubd)
	}
}

func TestAuditForAdminsOnly(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	status, data, _ := f.do(probity.RoleAdmin, "GET", "/audit?action=token.create", nil)
	if status != 200 {
		t.Fatalf("%d %s", status, data)
	}
	if e := decode[struct{ Entries []probity.AuditEntry }](t, data).Entries; len(e) != 3 || e[0].Actor != "test" {
		t.Errorf("entries %+v", e)
	}
	if status, _, _ := f.do(probity.RoleReviewer, "GET", "/audit", nil); status != http.StatusForbidden {
		t.Errorf("reviewer: %d", status)
	}
}

func TestDecide(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	type resp struct {
		Basis        string            `json:"basis"`
		Decision     probity.Decision  `json:"decision"`
		Recorded     *probity.Decision `json:"recorded"`
		Organization *probity.OrgRef   `json:"organization"`
		Screening    []map[string]any  `json:"screening"`
		Findings     int               `json:"findings"`
		TookMS       float64           `json:"took_ms"`
	}
	status, data, _ := f.do(probity.RoleReviewer, "POST", "/decide", map[string]string{"contract_id": f.contract})
	if status != 200 {
		t.Fatalf("%d %s", status, data)
	}
	byContract := decode[resp](t, data)
	if byContract.Basis != "contract" || byContract.Recorded == nil || byContract.Decision.Outcome != byContract.Recorded.Outcome || byContract.Findings != 2 {
		t.Errorf("by contract: %s", data)
	}
	// A merged award's former id decides the contract it now is.
	if err := f.db.Update(context.Background(), func(tx probity.Tx) error {
		return tx.(interface {
			MergeContract(ctx context.Context, from, to, rule, note string) error
		}).MergeContract(context.Background(), "usaspending:7012/OLD", f.contract, "same-agency-piid", "test")
	}); err != nil {
		t.Fatal(err)
	}
	status, data, _ = f.do(probity.RoleReviewer, "POST", "/decide", map[string]string{"contract_id": "usaspending:7012/OLD"})
	if r := decode[resp](t, data); status != 200 || r.Decision.ContractID != f.contract || r.Recorded == nil {
		t.Errorf("by a merged award's former id: %d %s", status, data)
	}
	// By name: a body of the register, its exposure through its contracts.
	start := time.Now()
	_, data, _ = f.do(probity.RoleEmployee, "POST", "/decide", map[string]string{"name": "Immigration and Customs Enforcement"})
	byName := decode[resp](t, data)
	if byName.Basis != "register" || byName.Organization == nil || byName.Organization.ID != f.ice || byName.Decision.Outcome != byContract.Decision.Outcome {
		t.Errorf("by registered name: %s", data)
	}
	if time.Since(start) > time.Second {
		t.Errorf("decide took %s", time.Since(start))
	}
	// A name the register does not know: live screening only.
	_, data, _ = f.do(probity.RoleEmployee, "POST", "/decide", map[string]string{"name": "Rosoboronexport", "schema": "Organization"})
	r := decode[resp](t, data)
	if r.Basis != "name" || len(r.Screening) != 1 || r.Screening[0]["source_id"] != "3" || r.Decision.ContractID != "proposed:Rosoboronexport" {
		t.Errorf("unregistered name: %s", data)
	}
	_, data, _ = f.do(probity.RoleEmployee, "POST", "/decide", map[string]string{"name": "Friendly Bakery"})
	if r := decode[resp](t, data); r.Basis != "name" || r.Decision.Outcome != probity.OutcomeAllow || len(r.Screening) != 0 {
		t.Errorf("clean name: %s", data)
	}
	if status, _, _ := f.do(probity.RoleEmployee, "POST", "/decide", map[string]string{"contract_id": "nope"}); status != 404 {
		t.Errorf("unknown contract: %d", status)
	}
}

func TestSessionsAndCSRF(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	status, data, hdr := f.do(probity.RolePublic, "POST", "/login", map[string]string{"token": f.tokens[probity.RoleReviewer]})
	if status != 200 {
		t.Fatalf("login: %d %s", status, data)
	}
	csrf := decode[struct {
		CSRF string `json:"csrf_token"`
	}](t, data).CSRF
	var cookie *http.Cookie
	for _, c := range (&http.Response{Header: hdr}).Cookies() {
		if c.Name == "probity_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || !cookie.Secure || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/" || csrf == "" {
		t.Fatalf("cookie %+v, csrf %q", cookie, csrf)
	}
	send := func(method, path, token string) int {
		req, _ := http.NewRequest(method, f.ts.URL+path, nil)
		req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
		if token != "" {
			req.Header.Set("X-CSRF-Token", token)
		}
		resp, err := f.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := send("GET", "/findings", ""); got != 200 {
		t.Errorf("GET with the session: %d", got)
	}
	if got := send("GET", "/me", ""); got != 200 {
		t.Errorf("GET /me with the session: %d", got)
	}
	if got := send("POST", "/decide", ""); got != http.StatusForbidden {
		t.Errorf("POST without CSRF token: %d", got)
	}
	if got := send("POST", "/logout", "wrong"); got != http.StatusForbidden {
		t.Errorf("POST with a wrong CSRF token: %d", got)
	}
	if got := send("POST", "/logout", csrf); got != 200 {
		t.Errorf("logout: %d", got)
	}
	if got := send("GET", "/me", ""); got != http.StatusUnauthorized {
		t.Errorf("after logout: %d", got)
	}
	if status, _, _ := f.do(probity.RolePublic, "POST", "/login", map[string]string{"token": "prb_wrong"}); status != http.StatusUnauthorized {
		t.Errorf("login with a bad token: %d", status)
	}
}
