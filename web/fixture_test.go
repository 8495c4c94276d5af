package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/review"
	"github.com/probity/probity/sqlite"
	"github.com/probity/probity/translog"
	"github.com/probity/probity/web"
)

// Secrets the public must never see: the summary and author of a
// confidential finding, its source, and the author of a public finding.
const (
	secretSummary = "SECRET-SUMMARY detention site list"
	secretAuthor  = "author-of-the-secret"
	secretSource  = "SECRET-SOURCE leaked memo"
	publicAuthor  = "named-finding-author"
)

// fixture is a portal over a small register: DHS with ICE under it, a
// city, two suppliers; an ICE contract (deny: a substantiated public
// finding on DHS), a city contract (allow) and one with no known value; a
// confidential finding on ICE; the default policy and its decisions; users
// with tokens: three employees, two reviewers, an admin. Concerns escalate
// at three signatures.
type fixture struct {
	t          *testing.T
	db         *sqlite.DB
	ts         *httptest.Server
	tokens     map[string]string // user → token
	ice, dhs   int64
	city, ms   int64
	iceDeal    string
	cityDeal   string
	unpriced   string
	confID     int64
	publicID   int64
	concernSvc *review.Service
	signer     *translog.Signer // signs the log's checkpoints (f.sign)
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "probity.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, db: db, tokens: map[string]string{}, iceDeal: "CONT_ICE_1", cityDeal: "ocds-city-1", unpriced: "CONT_ICE_2"}
	err = db.Update(ctx, func(tx probity.Tx) error {
		var err error
		if f.dhs, err = tx.CreateOrg(ctx, "Department of Homeland Security", probity.KindGovernment, "US"); err != nil {
			return err
		}
		if f.ice, err = tx.CreateOrg(ctx, "U.S. Immigration and Customs Enforcement", probity.KindGovernment, "US"); err != nil {
			return err
		}
		if f.city, err = tx.CreateOrg(ctx, "City of Testville <b>Parks</b>", probity.KindGovernment, "GB"); err != nil {
			return err
		}
		if f.ms, err = tx.CreateOrg(ctx, "Microsoft Corporation", probity.KindCompany, "US"); err != nil {
			return err
		}
		dell, err := tx.CreateOrg(ctx, "Dell Federal Systems", probity.KindCompany, "US")
		if err != nil {
			return err
		}
		if err := tx.AddOrgRole(ctx, f.ice, "buyer"); err != nil {
			return err
		}
		if err := tx.PutRelationship(ctx, probity.Relationship{From: f.ice, To: f.dhs, Kind: probity.RelPartOf, Source: "test"}); err != nil {
			return err
		}
		for _, c := range []probity.Contract{
			{ID: f.iceDeal, Title: "Microsoft enterprise licences", Status: probity.StatusActive, Buyer: &probity.OrgRef{ID: f.ice},
				Suppliers: []probity.OrgRef{{ID: dell}}, Value: &probity.Value{Amount: 5022990, Currency: "USD"}, Period: probity.Period{Start: "2021-03-01", End: "2022-02-28"}, Source: "usaspending"},
			{ID: f.unpriced, Title: "Azure cloud consumption", Status: probity.StatusActive, Buyer: &probity.OrgRef{ID: f.ice},
				Suppliers: []probity.OrgRef{{ID: f.ms}}, Period: probity.Period{Start: "2019-05-01"}, Source: "usaspending"},
			{ID: f.cityDeal, Title: "Park maintenance <script>alert(1)</script>", Status: probity.StatusCompleted, Buyer: &probity.OrgRef{ID: f.city},
				Suppliers: []probity.OrgRef{{ID: f.ms}}, Value: &probity.Value{Amount: 1200, Currency: "USD"}, Period: probity.Period{Start: "2020-01-01"}, Source: "ocds"},
		} {
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := db.AddFinding(ctx, probity.Finding{OrgID: f.dhs, Category: probity.CatFamilySeparation, Status: probity.FindingSubstantiated, Severity: probity.SeverityCritical,
		LegalBasis: []probity.LegalBasis{{Instrument: "ICCPR", Article: "art. 17"}}, Author: publicAuthor,
		Sources: []probity.Source{{Publisher: "DHS Office of Inspector General", Title: "Special Review – Initial Observations", Date: "2018-09-27", URL: "https://www.oig.dhs.gov/"}},
		Summary: "Children were separated from their parents at the border."})
	if err != nil {
		t.Fatal(err)
	}
	conf, err := db.AddFinding(ctx, probity.Finding{OrgID: f.ice, Category: probity.CatArbitraryDetention, Status: probity.FindingSubstantiated, Severity: probity.SeverityHigh,
		Author: secretAuthor, Sources: []probity.Source{{Publisher: "Whistleblower", Title: secretSource}}, Summary: secretSummary, Confidential: true})
	if err != nil {
		t.Fatal(err)
	}
	f.publicID, f.confID = pub.ID, conf.ID
	b, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.PublishPolicy(ctx, probity.PolicyVersion{Hash: b.Hash, Author: "test", Files: b.AllFiles()}); err != nil {
		t.Fatal(err)
	}
	d, err := decide.New(ctx, db, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Decide(ctx, nil); err != nil {
		t.Fatal(err)
	}
	for _, u := range []probity.User{
		{Name: "erin", Role: probity.RoleEmployee}, {Name: "eve", Role: probity.RoleEmployee}, {Name: "emil", Role: probity.RoleEmployee},
		{Name: "rita", Role: probity.RoleReviewer}, {Name: "rob", Role: probity.RoleReviewer}, {Name: "ada", Role: probity.RoleAdmin},
	} {
		nu, err := db.CreateUser(ctx, u, "test")
		if err != nil {
			t.Fatal(err)
		}
		secret, display, hash, err := probity.NewSecret(probity.TokenPrefix)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateToken(ctx, probity.Token{UserID: nu.ID, Name: web.InviteTokenName, Prefix: display, CreatedAt: time.Now()}, hash, "test"); err != nil {
			t.Fatal(err)
		}
		f.tokens[u.Name] = secret
	}
	svc := review.New(db)
	svc.Threshold = 3
	f.concernSvc = svc
	if _, err := svc.SyncDecisions(ctx); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	site, err := web.New(db, web.Options{Review: svc, Logger: log, Search: web.NewMemorySearcher(db, 0)})
	if err != nil {
		t.Fatal(err)
	}
	routes := append(httpapi.ReviewRoutes(svc, db), httpapi.AccountRoutes(db)...)
	// The transparency log, served as probity serve serves it; its
	// checkpoints are signed when a test calls f.sign.
	if f.signer, _, err = translog.LoadOrCreateKey(filepath.Join(t.TempDir(), "log.key"), "test.probity/log"); err != nil {
		t.Fatal(err)
	}
	lh := &translog.Handler{Reader: db, Keys: f.signer.VerifierKeys(), Logger: log}
	routes = append(routes, httpapi.Route{Method: "GET", Pattern: "/log/", Role: probity.RolePublic, Summary: "the log", Handler: lh.ServeHTTP})
	srv, err := httpapi.New(ctx, db, httpapi.Config{Logger: log, ReloadInterval: -1, RateLimit: -1, Pages: site.Pages()}, append(routes, site.Routes()...)...)
	if err != nil {
		t.Fatal(err)
	}
	f.ts = httptest.NewServer(srv)
	t.Cleanup(f.ts.Close)
	return f
}

// sign signs a checkpoint of the log as it is now (as probity serve does
// every few seconds) and returns it.
func (f *fixture) sign() translog.Checkpoint {
	f.t.Helper()
	cp, _, err := (&translog.Checkpointer{Store: f.db, Signer: f.signer}).Once(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return cp
}

// browser is a visitor with a session cookie (or none), as a browser
// sends requests: Accept text/html, forms URL-encoded, redirects not
// followed so that tests see them.
type browser struct {
	f      *fixture
	cookie string
	csrf   string
}

type response struct {
	status int
	body   string
	header http.Header
}

func (b *browser) do(method, path string, form url.Values) response {
	b.f.t.Helper()
	var body io.Reader
	if form != nil {
		if b.csrf != "" && form.Get("csrf_token") == "" {
			form.Set("csrf_token", b.csrf)
		}
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.f.ts.URL+path, body)
	if err != nil {
		b.f.t.Fatal(err)
	}
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", b.f.ts.URL)
	}
	if b.cookie != "" {
		req.Header.Set("Cookie", httpapi.SessionCookie+"="+b.cookie)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		b.f.t.Fatal(err)
	}
	return response{resp.StatusCode, string(data), resp.Header}
}

func (b *browser) get(path string) response { b.f.t.Helper(); return b.do("GET", path, nil) }

// signIn signs user in with their one-time link's code.
func (f *fixture) signIn(user string) *browser {
	f.t.Helper()
	b := &browser{f: f}
	r := b.do("POST", "/signin", url.Values{"token": {f.tokens[user]}, "next": {"/console"}})
	if r.status != http.StatusSeeOther {
		f.t.Fatalf("sign in %s: status %d\n%s", user, r.status, r.body)
	}
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == httpapi.SessionCookie {
			b.cookie = c.Value
			if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
				f.t.Errorf("session cookie %+v: want Secure, HttpOnly, SameSite=Strict", c)
			}
		}
	}
	if b.cookie == "" {
		f.t.Fatalf("sign in %s: no session cookie", user)
	}
	page := b.get("/console")
	i := strings.Index(page.body, `name="csrf_token" value="`)
	if i < 0 {
		f.t.Fatalf("console has no CSRF field:\n%s", page.body)
	}
	rest := page.body[i+len(`name="csrf_token" value="`):]
	b.csrf = rest[:strings.IndexByte(rest, '"')]
	return b
}
