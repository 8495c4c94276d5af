package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/probity/probity"
)

// The console's whole path over HTTP: an employee raises a concern about
// the allowed city contract, two others sign, the third signature opens a
// case; a signer may not decide it, a reviewer who did not sign does, and
// the public contract page shows the outcome.
func TestConcernToCaseToOutcome(t *testing.T) {
	f := newFixture(t)
	erin := f.signIn("erin")
	r := erin.get("/console/concerns/new?contract=" + f.cityDeal)
	if r.status != 200 || !strings.Contains(r.body, `name="csrf_token"`) || r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("concern form: %d, Cache-Control %q", r.status, r.header.Get("Cache-Control"))
	}
	// Without the CSRF field the post is refused.
	if r := erin.do("POST", "/console/concerns", url.Values{"csrf_token": {"wrong"}, "contract": {f.cityDeal}, "text": {"x"}}); r.status != http.StatusForbidden {
		t.Errorf("wrong CSRF: %d", r.status)
	}
	// From another site it is refused too.
	req := url.Values{"contract": {f.cityDeal}, "text": {"This park contract funds surveillance cameras."}}
	r = erin.do("POST", "/console/concerns", req)
	if r.status != http.StatusSeeOther {
		t.Fatalf("raise: %d %s", r.status, r.body)
	}
	loc := r.header.Get("Location")
	id := strings.TrimPrefix(strings.Split(loc, "?")[0], "/console/concerns/")
	r = erin.get(loc)
	if !strings.Contains(r.body, "<strong>1 of 3</strong>") || !strings.Contains(r.body, "You have signed") {
		t.Errorf("concern page after raising:\n%s", r.body)
	}
	// Signing twice is refused.
	if r := erin.do("POST", "/console/concerns/"+id+"/sign", url.Values{}); r.status < 400 {
		t.Errorf("second signature by the raiser: %d", r.status)
	}
	eve := f.signIn("eve")
	if r := eve.do("POST", "/console/concerns/"+id+"/sign", url.Values{"named": {"on"}}); r.status != http.StatusSeeOther {
		t.Fatalf("eve signs: %d %s", r.status, r.body)
	}
	rita := f.signIn("rita")
	if r := rita.do("POST", "/console/concerns/"+id+"/sign", url.Values{}); r.status != http.StatusSeeOther {
		t.Fatalf("rita signs: %d %s", r.status, r.body)
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	c, err := f.db.Concern(t.Context(), n)
	if err != nil || c.Status != probity.ConcernEscalated || c.CaseID == 0 {
		t.Fatalf("at the threshold: %+v %v", c, err)
	}
	caseURL := "/console/cases/" + strconv.FormatInt(c.CaseID, 10)
	// The public sees the concern without the anonymous names.
	pub := (&browser{f: f}).get("/contracts/" + f.cityDeal)
	if strings.Contains(pub.body, "erin") || !strings.Contains(pub.body, "3 of 3 signatures") {
		t.Errorf("public contract page: concern shown wrong")
	}
	// rita signed: she may not decide, and the page says why.
	r = rita.get(caseURL)
	if !strings.Contains(r.body, "You signed concern") || strings.Contains(r.body, `action="`+caseURL+`/decision"`) {
		t.Errorf("case page for a signer: no explanation, or a decide form")
	}
	if r := rita.do("POST", caseURL+"/decision", url.Values{"outcome": {"reject"}}); r.status != http.StatusBadRequest || !strings.Contains(r.body, "separation of duties") {
		t.Errorf("a signer decides: %d", r.status)
	}
	// An employee cannot decide at all.
	if r := erin.do("POST", caseURL+"/decision", url.Values{"outcome": {"reject"}}); r.status != http.StatusForbidden {
		t.Errorf("an employee decides: %d", r.status)
	}
	rob := f.signIn("rob")
	if r := rob.do("POST", caseURL+"/comments", url.Values{"text": {"Checked the supplier's filings."}}); r.status != http.StatusSeeOther {
		t.Errorf("comment: %d %s", r.status, r.body)
	}
	if r := rob.do("POST", caseURL+"/decision", url.Values{"outcome": {"reject"}}); r.status != http.StatusSeeOther {
		t.Fatalf("rob decides: %d %s", r.status, r.body)
	}
	pub = (&browser{f: f}).get("/contracts/" + f.cityDeal)
	if !strings.Contains(pub.body, "Reviewers decided: <strong>reject</strong>") {
		t.Errorf("the public contract page does not show the outcome")
	}
	if strings.Contains(pub.body, " rob") || strings.Contains(pub.body, ">rob") {
		t.Errorf("the public page names the reviewer")
	}
	// The queue, and the admin page for an admin only.
	if r := rob.get("/console/cases?state=decided"); !strings.Contains(r.body, caseURL) {
		t.Error("decided case not in the decided list")
	}
	if r := rob.get("/console/admin"); r.status != http.StatusForbidden {
		t.Errorf("admin page for a reviewer: %d", r.status)
	}
	if r := f.signIn("ada").get("/console/admin"); r.status != 200 || !strings.Contains(r.body, "erin") || strings.Contains(r.body, f.tokens["erin"]) {
		t.Errorf("admin page: %d", r.status)
	}
}

func TestSignIn(t *testing.T) {
	f := newFixture(t)
	anon := &browser{f: f}
	if r := anon.get("/console"); r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/signin?next=") {
		t.Errorf("console without a session: %d %s", r.status, r.header.Get("Location"))
	}
	if r := anon.get("/signin?invite=" + f.tokens["erin"]); !strings.Contains(r.body, f.tokens["erin"]) || r.header.Get("Referrer-Policy") != "same-origin" {
		t.Error("the one-time link does not fill in the form")
	}
	f.signIn("erin")
	// The link worked once.
	if r := anon.do("POST", "/signin", url.Values{"token": {f.tokens["erin"]}}); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "already used") {
		t.Errorf("second use of a one-time link: %d", r.status)
	}
	if r := anon.do("POST", "/signin", url.Values{"token": {"nonsense"}}); r.status != http.StatusUnauthorized {
		t.Errorf("nonsense code: %d", r.status)
	}
	// A redirect never leaves the site.
	b := &browser{f: f}
	r := b.do("POST", "/signin", url.Values{"token": {f.tokens["eve"]}, "next": {"//evil.example/"}})
	if loc := r.header.Get("Location"); loc != "/console" {
		t.Errorf("next=//evil.example/ redirected to %q", loc)
	}
	// A form from another origin is refused.
	req, _ := http.NewRequest("POST", f.ts.URL+"/signin", strings.NewReader(url.Values{"token": {f.tokens["emil"]}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site sign-in: %d", resp.StatusCode)
	}
}
