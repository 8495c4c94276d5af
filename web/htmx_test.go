package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/review"
)

// htmxDo sends a request as htmx does (HX-Request, HX-Target, the
// Accept and CSRF headers of the page's hx-headers), with b's session.
func (b *browser) htmxDo(method, path, target string, headers map[string]string, form url.Values) response {
	b.f.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.f.ts.URL+path, body)
	if err != nil {
		b.f.t.Fatal(err)
	}
	req.Header.Set("HX-Request", "true")
	req.Header.Set("HX-Target", target)
	req.Header.Set("Accept", "text/html")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", b.f.ts.URL)
	}
	if b.cookie != "" {
		req.Header.Set("Cookie", httpapi.SessionCookie+"="+b.cookie)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, string(data), resp.Header}
}

func TestRegisterAnswersHTMXWithTheResults(t *testing.T) {
	f := newFixture(t)
	b := &browser{f: f}
	page := b.get("/contracts?q=licences")
	if !strings.Contains(page.body, `hx-get="/contracts"`) || !strings.Contains(page.body, `hx-select="#results"`) || !strings.Contains(page.body, `<div id="results">`) {
		t.Fatal("the register's form is not enhanced with htmx, or has no results element")
	}
	if !strings.Contains(page.body, `&#34;Accept&#34;:&#34;text/html&#34;`) {
		t.Error("the page's htmx requests do not ask for HTML")
	}
	part := b.htmxDo("GET", "/contracts?q=licences", "results", nil, nil)
	if part.status != 200 || !strings.HasPrefix(part.body, "<title>The register</title>") || !strings.Contains(part.body, `<div id="results">`) ||
		!strings.Contains(part.body, `href="/contracts/`+f.iceDeal+`"`) || strings.Contains(part.body, "<html") || strings.Contains(part.body, `class="filters"`) {
		t.Fatalf("htmx request for the results: %d\n%s", part.status, part.body)
	}
	if !strings.Contains(part.header.Get("Vary"), "HX-Request") || !strings.Contains(page.header.Get("Vary"), "HX-Request") {
		t.Errorf("Vary %q / %q: caches would mix the part and the page", part.header.Get("Vary"), page.header.Get("Vary"))
	}
	if len(part.body) >= len(page.body)/2 {
		t.Errorf("the part has %d bytes, the page %d: it saves little", len(part.body), len(page.body))
	}
	// The address pushed is the view's own, without the form's empty
	// fields; the same view again replaces the history entry.
	r := b.htmxDo("GET", "/contracts?q=licences&buyer=&supplier=&sort=newest", "results", map[string]string{"HX-Current-URL": f.ts.URL + "/contracts"}, nil)
	if got := r.header.Get("HX-Push-Url"); got != "/contracts?q=licences" || r.header.Get("HX-Replace-Url") != "" {
		t.Errorf("HX-Push-Url %q, HX-Replace-Url %q", got, r.header.Get("HX-Replace-Url"))
	}
	r = b.htmxDo("GET", "/contracts?q=licences&buyer=", "results", map[string]string{"HX-Current-URL": f.ts.URL + "/contracts?q=licences"}, nil)
	if got := r.header.Get("HX-Replace-Url"); got != "/contracts?q=licences" || r.header.Get("HX-Push-Url") != "" {
		t.Errorf("the same view again: HX-Replace-Url %q, HX-Push-Url %q", got, r.header.Get("HX-Push-Url"))
	}
	// A history restore or another target gets the whole page.
	for _, h := range []map[string]string{{"HX-History-Restore-Request": "true"}, {"HX-Target": "main"}} {
		if r := b.htmxDo("GET", "/contracts?q=licences", "results", h, nil); !strings.Contains(r.body, "<html") {
			t.Errorf("%v: not the whole page", h)
		}
	}
}

func TestHTMXFormsPostWithTheCSRFHeader(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	c, err := f.concernSvc.OpenCase(ctx, reviewer("rita"), f.cityDeal, "rita")
	if err != nil {
		t.Fatal(err)
	}
	rob := f.signIn("rob")
	path := "/console/cases/" + strconv.FormatInt(c.ID, 10)
	page := rob.get(path)
	if !strings.Contains(page.body, `hx-post="`+path+`/comments"`) || !strings.Contains(page.body, `<section id="comments"`) {
		t.Fatal("the comment form is not enhanced with htmx")
	}
	// The header that hx-headers sends is enough, as the form field is.
	r := rob.htmxDo("POST", path+"/comments", "comments", map[string]string{"X-CSRF-Token": rob.csrf}, url.Values{"text": {"via htmx"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("comment through htmx: %d\n%s", r.status, r.body)
	}
	// Without it, or with a wrong one, nothing is done.
	r = rob.htmxDo("POST", path+"/comments", "comments", map[string]string{"X-CSRF-Token": "wrong"}, url.Values{"text": {"forged"}})
	if r.status != http.StatusForbidden {
		t.Errorf("a wrong CSRF token: %d", r.status)
	}
	page = rob.get(path)
	if !strings.Contains(page.body, "via htmx") || strings.Contains(page.body, "forged") {
		t.Error("the htmx comment is missing, or the forged one was kept")
	}
}

func reviewer(name string) review.Actor {
	return review.Actor{Name: name, Role: string(probity.RoleReviewer)}
}
