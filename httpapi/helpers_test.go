package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/sqlite"
)

// fixture is a server over a small register: two government bodies (ICE
// part of DHS), a supplier, one contract, a public finding on DHS and a
// confidential one on ICE, a test list, the default policy and its
// decisions, and one user (with a token) per role.
type fixture struct {
	t        *testing.T
	db       *sqlite.DB
	srv      *httpapi.Server
	ts       *httptest.Server
	tokens   map[probity.Role]string
	contract string
	ice, dhs int64
	conf     int64 // the confidential finding
	public   int64 // the public finding
}

var testEntries = []probity.WatchlistEntry{
	{List: "test_list", SourceID: "1", Schema: "Person", Name: "Vladimir Vladimirovich PUTIN", Aliases: []string{"Vladimir Putin"}, Countries: []string{"RU"}, BirthDates: []string{"1952-10-07"}, Programs: []string{"RUSSIA-EO14024"}},
	{List: "test_list", SourceID: "2", Schema: "Company", Name: "ACME SURVEILLANCE LTD", Countries: []string{"GB"}, Identifiers: []probity.Identifier{{Scheme: "GB-COH", ID: "0123456"}}},
	{List: "test_list", SourceID: "3", Schema: "Organization", Name: "ROSOBORONEXPORT", Countries: []string{"RU"}, Addresses: []string{"27 Stromynka Street, Moscow 107076, Russia"}},
	{List: "test_list", SourceID: "4", Schema: "Person", Name: "John DOE", BirthDates: []string{"1975-04-21"}, Countries: []string{"US"}},
}

func newFixture(t *testing.T, cfg httpapi.Config, extra ...httpapi.Route) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "probity.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, db: db, tokens: map[probity.Role]string{}, contract: "ocds-test-1"}
	if _, err := db.SaveList(ctx, probity.ListVersion{List: "test_list", SourceDate: "2024-05-03", Hash: "h1"}, testEntries); err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx probity.Tx) error {
		var err error
		if f.dhs, err = tx.CreateOrg(ctx, "Department of Homeland Security", probity.KindGovernment, "US"); err != nil {
			return err
		}
		if f.ice, err = tx.CreateOrg(ctx, "Immigration and Customs Enforcement", probity.KindGovernment, "US"); err != nil {
			return err
		}
		ms, err := tx.CreateOrg(ctx, "Microsoft Corporation", probity.KindCompany, "US")
		if err != nil {
			return err
		}
		if err := tx.PutRelationship(ctx, probity.Relationship{From: f.ice, To: f.dhs, Kind: probity.RelPartOf, Source: "test"}); err != nil {
			return err
		}
		return tx.PutContract(ctx, probity.Contract{ID: f.contract, Title: "Cloud services", Status: probity.StatusActive,
			Buyer: &probity.OrgRef{ID: f.ice}, Suppliers: []probity.OrgRef{{ID: ms}}, Value: &probity.Value{Amount: 19e6, Currency: "USD"}, Source: "ocds"})
	})
	if err != nil {
		t.Fatal(err)
	}
	src := []probity.Source{{Publisher: "Test", Title: "Report"}}
	pub, err := db.AddFinding(ctx, probity.Finding{OrgID: f.dhs, Category: probity.CatFamilySeparation, Status: probity.FindingSubstantiated, Severity: probity.SeverityCritical, Sources: src, Summary: "public finding"})
	if err != nil {
		t.Fatal(err)
	}
	conf, err := db.AddFinding(ctx, probity.Finding{OrgID: f.ice, Category: probity.CatArbitraryDetention, Status: probity.FindingCredible, Severity: probity.SeverityHigh, Sources: src, Summary: "SECRET finding", Confidential: true})
	if err != nil {
		t.Fatal(err)
	}
	f.public, f.conf = pub.ID, conf.ID
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
	for _, u := range []probity.User{{Name: "erin", Role: probity.RoleEmployee}, {Name: "rita", Role: probity.RoleReviewer}, {Name: "ada", Role: probity.RoleAdmin}} {
		nu, err := db.CreateUser(ctx, u, "test")
		if err != nil {
			t.Fatal(err)
		}
		secret, display, hash, err := probity.NewSecret(probity.TokenPrefix)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateToken(ctx, probity.Token{UserID: nu.ID, Prefix: display}, hash, "test"); err != nil {
			t.Fatal(err)
		}
		f.tokens[u.Role] = secret
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.ReloadInterval == 0 {
		cfg.ReloadInterval = -1
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = -1
	}
	f.srv, err = httpapi.New(ctx, db, cfg, extra...)
	if err != nil {
		t.Fatal(err)
	}
	f.ts = httptest.NewServer(f.srv)
	t.Cleanup(f.ts.Close)
	return f
}

// do sends a request as role (public: no token) and returns the status and
// the body.
func (f *fixture) do(role probity.Role, method, path string, body any) (int, []byte, http.Header) {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, f.ts.URL+path, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	if tok := f.tokens[role]; tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := f.ts.Client().Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp.StatusCode, data, resp.Header
}

// decode unmarshals a JSON body or fails.
func decode[T any](t *testing.T, data []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return v
}

var _ = time.Second
