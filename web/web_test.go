package web_test

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/probity/probity"
)

func TestPublicPagesAreHTMLWithSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	b := &browser{f: f}
	for _, path := range []string{"/", "/contracts", "/contracts/" + f.iceDeal, "/contracts/" + f.cityDeal, "/orgs/" + strconv.FormatInt(f.ice, 10), "/policy", "/signin"} {
		r := b.get(path)
		if r.status != http.StatusOK {
			t.Errorf("%s: status %d\n%s", path, r.status, r.body)
			continue
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s: Content-Type %q", path, ct)
		}
		csp := r.header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-") || !strings.Contains(csp, "script-src 'self';") {
			t.Errorf("%s: CSP %q: want scripts from this site only, nothing unsafe", path, csp)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, r.header)
		}
		for _, want := range []string{`<html lang="en">`, `href="#main"`, `<main id="main"`, `<nav aria-label="Main">`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("%s: no %s", path, want)
			}
		}
		// The only scripts are htmx and site.js, from this site, with
		// their integrity: no inline script, no unescaped input.
		scripts := regexp.MustCompile(`<script[^>]*>`).FindAllString(r.body, -1)
		ok := regexp.MustCompile(`^<script src="/static/(htmx\.min|site)\.[0-9a-f]{12}\.js" integrity="sha384-(?:[A-Za-z0-9/]|&#43;){64}" defer>$`)
		if len(scripts) != 2 || !ok.MatchString(scripts[0]) || !ok.MatchString(scripts[1]) || strings.Count(r.body, "</script>") != 2 {
			t.Errorf("%s: script elements %q (or unescaped input) in the page", path, scripts)
		}
	}
}

func TestAPIClientsKeepJSON(t *testing.T) {
	f := newFixture(t)
	for _, accept := range []string{"", "application/json", "*/*", "application/json, text/html;q=0.5"} {
		req, _ := http.NewRequest("GET", f.ts.URL+"/contracts/"+f.iceDeal, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			ID       string `json:"id"`
			Decision *struct {
				Outcome string `json:"outcome"`
			} `json:"decision"`
		}
		err = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if err != nil || out.ID != f.iceDeal || out.Decision == nil || out.Decision.Outcome != probity.OutcomeDeny {
			t.Errorf("Accept %q: %v %+v (Content-Type %s)", accept, err, out, resp.Header.Get("Content-Type"))
		}
	}
}

// TestRegisterViewAsJSON: a script reading a register address gets the
// view a browser gets there — filters, order, page and count — as JSON,
// and a bad filter as a JSON error.
func TestRegisterViewAsJSON(t *testing.T) {
	f := newFixture(t)
	get := func(path string) (int, []byte) {
		req, _ := http.NewRequest("GET", f.ts.URL+path, nil)
		req.Header.Set("Accept", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	type view struct {
		Total     int `json:"total"`
		Contracts []struct {
			ID       string          `json:"id"`
			Decision *string         `json:"decision"`
			Value    json.RawMessage `json:"value"`
		} `json:"contracts"`
		CSV string `json:"csv"`
	}
	status, body := get("/contracts?decision=deny&sort=value")
	var v view
	if status != 200 || json.Unmarshal(body, &v) != nil {
		t.Fatalf("decision=deny as JSON: %d %s", status, body)
	}
	if v.Total == 0 || v.Total != len(v.Contracts) || v.CSV != "/contracts?decision=deny&format=csv&sort=value" {
		t.Errorf("decision=deny as JSON: %s", body)
	}
	for _, c := range v.Contracts {
		if c.Decision == nil || *c.Decision != probity.OutcomeDeny {
			t.Errorf("decision=deny lists %s (%v)", c.ID, c.Decision)
		}
		if c.ID == f.unpriced && string(c.Value) != "null" {
			t.Errorf("a contract without a value: %s", c.Value)
		}
	}
	html := (&browser{f: f}).get("/contracts?decision=deny&sort=value")
	if want := fmt.Sprintf("<strong>%d</strong> contract", v.Total); !strings.Contains(html.body, want) {
		t.Errorf("the page at the same address does not count %d contracts", v.Total)
	}
	if status, body := get("/contracts?decision=maybe"); status != 400 || !strings.Contains(string(body), `"decision`) || !json.Valid(body) {
		t.Errorf("a bad filter as JSON: %d %s", status, body)
	}
}

func TestRegisterFilters(t *testing.T) {
	f := newFixture(t)
	b := &browser{f: f}
	ids := func(body string) []string {
		var out []string
		for _, id := range []string{f.iceDeal, f.unpriced, f.cityDeal} {
			if strings.Contains(body, `href="/contracts/`+id+`"`) {
				out = append(out, id)
			}
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"", []string{f.iceDeal, f.unpriced, f.cityDeal}},
		{"?buyer=" + strconv.FormatInt(f.dhs, 10), []string{f.iceDeal, f.unpriced}}, // DHS and everything under it
		{"?buyer=homeland", []string{f.iceDeal, f.unpriced}},
		{"?buyer=" + strconv.FormatInt(f.city, 10), []string{f.cityDeal}},
		{"?q=azure", []string{f.unpriced}},
		{"?q=dell", []string{f.iceDeal}},
		{"?supplier=" + strconv.FormatInt(f.ms, 10), []string{f.unpriced, f.cityDeal}},
		{"?decision=allow", []string{f.cityDeal}},
		{"?decision=deny", []string{f.iceDeal, f.unpriced}},
		{"?country=gb", []string{f.cityDeal}},
		{"?year=2021", []string{f.iceDeal}},
		{"?min=1000000", []string{f.iceDeal}}, // an unknown value is not 0: it matches no range
		{"?status=completed", []string{f.cityDeal}},
	} {
		r := b.get("/contracts" + tc.query)
		if r.status != 200 {
			t.Errorf("%s: status %d", tc.query, r.status)
			continue
		}
		got := ids(r.body)
		if strings.Join(got, ",") != strings.Join(sortLike(tc.want, got), ",") || len(got) != len(tc.want) {
			t.Errorf("%s: contracts %v, want %v", tc.query, got, tc.want)
		}
		if want := "<strong>" + strconv.Itoa(len(tc.want)) + "</strong> contract"; !strings.Contains(r.body, want) {
			t.Errorf("%s: no result count %q", tc.query, want)
		}
	}
	// Sorting by value: the largest first, the unknown value last.
	r := b.get("/contracts?sort=value")
	if i, j, k := strings.Index(r.body, f.iceDeal), strings.Index(r.body, f.cityDeal), strings.Index(r.body, f.unpriced); !(i < j && j < k) {
		t.Errorf("sort=value: order %d %d %d", i, j, k)
	}
	if !strings.Contains(r.body, "—") {
		t.Error("an unknown value is not shown as —")
	}
}

// sortLike returns want in the order of got (the page's order is the
// sort's, tested separately).
func sortLike(want, got []string) []string {
	var out []string
	for _, g := range got {
		for _, w := range want {
			if g == w {
				out = append(out, g)
			}
		}
	}
	return out
}

func TestBadInputIsAClearMessage(t *testing.T) {
	f := newFixture(t)
	b := &browser{f: f}
	for _, tc := range []struct{ path, want string }{
		{"/contracts?page=0", "page"},
		{"/contracts?page=abc", "page"},
		{"/contracts?page=99", "past the last page"},
		{"/contracts?sort=evil", "sort"},
		{"/contracts?decision=maybe", "decision"},
		{"/contracts?year=20x1", "year"},
		{"/contracts?country=USA", "country"},
		{"/contracts?min=5&max=1", "max"},
		{"/contracts?format=pdf", "format"},
		{"/contracts?q=" + strings.Repeat("x", 300), "at most"},
		{"/orgs/abc", "not an organization id"},
		{"/policy?from=999", "not a published policy version"},
		{"/?currency=XYZ", "the register has values in USD"},
		{"/?currency=" + strings.Repeat("x", 50), "three-letter code"},
	} {
		r := b.get(tc.path)
		if r.status != http.StatusBadRequest || !strings.Contains(r.body, tc.want) || !strings.Contains(r.header.Get("Content-Type"), "text/html") {
			t.Errorf("%s: status %d, want 400 naming %q", tc.path[:min(len(tc.path), 40)], r.status, tc.want)
		}
	}
	if r := b.get("/contracts/nope"); r.status != 404 {
		t.Errorf("unknown contract: %d", r.status)
	}
	if r := b.get("/orgs/99999"); r.status != 404 {
		t.Errorf("unknown org: %d", r.status)
	}
}

func TestExports(t *testing.T) {
	f := newFixture(t)
	resp, err := http.Get(f.ts.URL + "/contracts?buyer=" + strconv.FormatInt(f.dhs, 10) + "&format=csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "id" {
		t.Fatalf("csv: %d rows %v", len(rows), rows)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, row := range rows[1:] {
		switch row[col["id"]] {
		case f.unpriced:
			if row[col["value"]] != "" {
				t.Errorf("unknown value exported as %q, want empty", row[col["value"]])
			}
		case f.iceDeal:
			if row[col["value"]] != "5022990" || row[col["decision"]] != "deny" {
				t.Errorf("ICE row %v", row)
			}
		default:
			t.Errorf("row %v is not in the view", row)
		}
	}
	resp, err = http.Get(f.ts.URL + "/contracts?format=ocds")
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Version string            `json:"version"`
		Records []json.RawMessage `json:"records"`
	}
	err = json.NewDecoder(resp.Body).Decode(&pkg)
	resp.Body.Close()
	if err != nil || pkg.Version != "1.1" {
		t.Errorf("ocds: %v %+v", err, pkg)
	}
}

func TestContractPageShowsDecisionReasonsAndPath(t *testing.T) {
	f := newFixture(t)
	r := (&browser{f: f}).get("/contracts/" + f.iceDeal)
	for _, want := range []string{
		"Decision: <strong>deny</strong>",
		"established findings of serious human-rights violations", // the rule in words
		"Children were separated from their parents",              // the public finding behind it
		"DHS Office of Inspector General",                         // its source
		"probity reviewers",                                       // never the author's name
		`<svg class="path"`,                                       // the exposure path
		"part of",
		"5,022,990.00 USD",
		"USAspending.gov",
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("contract page: no %q", want)
		}
	}
	r = (&browser{f: f}).get("/contracts/" + f.unpriced)
	if !strings.Contains(r.body, "<dd>—") {
		t.Error("unpriced contract: value not shown as —")
	}
	r = (&browser{f: f}).get("/contracts/" + f.cityDeal)
	if !strings.Contains(r.body, "Decision: <strong>allow</strong>") || !strings.Contains(r.body, "&lt;script&gt;") {
		t.Error("city contract: not allowed, or its title not escaped")
	}
}

func TestConfidentialNeverPublic(t *testing.T) {
	f := newFixture(t)
	b := &browser{f: f}
	// A case with the confidential finding attached, and a concern, so
	// that every kind of page has something to leak.
	rev := f.signIn("rita")
	cases, err := f.db.Cases(t.Context(), probity.CaseFilter{ContractID: f.iceDeal})
	if err != nil || len(cases) == 0 {
		t.Fatalf("no case on the ICE contract: %v", err)
	}
	caseID := strconv.FormatInt(cases[0].ID, 10)
	if r := rev.do("POST", "/console/cases/"+caseID+"/evidence", url.Values{"finding": {strconv.FormatInt(f.confID, 10)}}); r.status != http.StatusSeeOther {
		t.Fatalf("attach: %d %s", r.status, r.body)
	}
	if r := rev.get("/console/cases/" + caseID); !strings.Contains(r.body, secretSummary) {
		t.Error("a reviewer does not see the confidential finding on the case page")
	}
	emp := f.signIn("erin")
	pages := []string{"/", "/contracts", "/contracts?format=csv", "/contracts?format=ocds", "/feed.atom", "/policy",
		"/contracts/" + f.iceDeal, "/contracts/" + f.unpriced, "/contracts/" + f.cityDeal,
		"/orgs/" + strconv.FormatInt(f.ice, 10), "/orgs/" + strconv.FormatInt(f.dhs, 10), "/orgs/" + strconv.FormatInt(f.ms, 10),
		"/contracts/" + f.iceDeal + "?format=json", "/findings", "/decisions", "/concerns"}
	for _, who := range []*browser{b, emp} {
		all := append([]string{}, pages...)
		if who == emp {
			all = append(all, "/console", "/console/cases", "/console/cases/"+caseID)
		}
		for _, p := range all {
			r := who.get(p)
			for _, secret := range []string{secretSummary, secretAuthor, secretSource, publicAuthor} {
				if strings.Contains(r.body, secret) {
					t.Errorf("%s (signed in: %v) shows %q", p, who.cookie != "", secret)
				}
			}
		}
	}
	// The reason resting on the confidential finding is there, as a note.
	if r := b.get("/contracts/" + f.iceDeal); !strings.Contains(r.body, "not published") {
		t.Error("the confidential reason is not replaced by a note")
	}
}

func TestPolicyVersionsAndDiff(t *testing.T) {
	f := newFixture(t)
	cur, err := f.db.CurrentPolicy(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for k, v := range cur.Files {
		files[k] = v
	}
	files["POLICY.md"] += "\nA new paragraph <b>with markup</b> about contractors.\n"
	v2, err := f.db.PublishPolicy(t.Context(), probity.PolicyVersion{Hash: "second-version", Author: publicAuthor, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{f: f}
	r := b.get("/policy")
	if !strings.Contains(r.body, "Version "+strconv.FormatInt(v2.ID, 10)) || !strings.Contains(r.body, "Why this policy exists") {
		t.Errorf("policy page does not show the version in force and its text")
	}
	if strings.Contains(r.body, "<b>with markup</b>") {
		t.Error("raw HTML in the policy text reached the page")
	}
	r = b.get("/policy?from=" + strconv.FormatInt(cur.ID, 10) + "&to=" + strconv.FormatInt(v2.ID, 10))
	if !strings.Contains(r.body, "<ins>+ A new paragraph &lt;b&gt;with markup&lt;/b&gt; about contractors.</ins>") {
		t.Errorf("diff does not show the added line, escaped")
	}
	if strings.Contains(r.body, "<del>") {
		t.Error("diff shows a removed line where only one was added")
	}
	// API clients get the versions as JSON.
	resp, err := http.Get(f.ts.URL + "/policy")
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Versions []struct {
			ID int64 `json:"id"`
		} `json:"versions"`
	}
	err = json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if err != nil || len(out.Versions) != 2 {
		t.Errorf("GET /policy as JSON: %v %+v", err, out)
	}
}

func TestAtomFeed(t *testing.T) {
	f := newFixture(t)
	resp, err := http.Get(f.ts.URL + "/feed.atom")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.NewDecoder(resp.Body).Decode(&feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 3 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Errorf("feed: %d entries, %s", len(feed.Entries), resp.Header.Get("Content-Type"))
	}
	for _, e := range feed.Entries {
		if !strings.HasPrefix(e.Link.Href, "/contracts/") {
			t.Errorf("entry %q links to %q", e.Title, e.Link.Href)
		}
	}
}

// TestChartsPerCurrency: amounts in different currencies are never added
// up; the home page draws the most common one and links to each other,
// and says what the year chart leaves out.
func TestChartsPerCurrency(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	err := f.db.Update(ctx, func(tx probity.Tx) error {
		return tx.PutContract(ctx, probity.Contract{ID: "CONT_GBP", Title: "Library software", Status: probity.StatusActive,
			Buyer: &probity.OrgRef{ID: f.city}, Value: &probity.Value{Amount: 777, Currency: "GBP"}, Source: "ocds"})
	})
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{f: f}
	home := b.get("/")
	if !strings.Contains(home.body, "Amounts in USD") || !strings.Contains(home.body, `<a href="/?currency=GBP">GBP</a> (1 contracts)`) {
		t.Errorf("the home page does not draw USD and link to GBP:\n%s", home.body)
	}
	gbp := b.get("/?currency=gbp")
	if gbp.status != 200 || !strings.Contains(gbp.body, "Amounts in GBP") || !strings.Contains(gbp.body, "777.00") ||
		!strings.Contains(gbp.body, "1 contracts in GBP (777.00) have no known start or end date") || !strings.Contains(gbp.body, `href="/?currency=USD"`) {
		t.Errorf("/?currency=gbp: %d\n%s", gbp.status, gbp.body)
	}
}
