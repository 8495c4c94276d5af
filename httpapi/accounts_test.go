package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
)

type tokenCreatedJSON struct {
	Token  probity.Token `json:"token"`
	Secret string        `json:"secret"`
}

// TestTokenLifecycleOverHTTP: an admin adds a user and creates a token
// for them; the secret is shown once and works; revoked over HTTP, it
// stops working at once, and so it does when revoked in the store (as from
// the command line);
// every change is in the audit log under the admin's name.
func TestTokenLifecycleOverHTTP(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 0)
	adm := probity.RoleAdmin

	u := decode[probity.User](t, f.must(200, adm, "POST", "/users", map[string]string{"name": "carol", "role": "Reviewer", "email": "carol@example.org"}))
	if u.ID == 0 || u.Role != probity.RoleReviewer || u.Name != "carol" {
		t.Fatalf("created %+v", u)
	}
	status, data, hdr := f.do(adm, "POST", "/tokens", map[string]string{"user": "carol", "name": "laptop", "expires": "30d"})
	if status != 200 {
		t.Fatalf("POST /tokens: %d %s", status, data)
	}
	tc := decode[tokenCreatedJSON](t, data)
	if !strings.HasPrefix(tc.Secret, probity.TokenPrefix) || tc.Token.User != "carol" || tc.Token.Name != "laptop" || !strings.HasPrefix(tc.Secret, tc.Token.Prefix) {
		t.Fatalf("created token %s", data)
	}
	if hdr.Get("Cache-Control") != "no-store" {
		t.Errorf("the secret may be cached: Cache-Control %q", hdr.Get("Cache-Control"))
	}
	if life := tc.Token.ExpiresAt.Sub(tc.Token.CreatedAt); life != 30*24*time.Hour {
		t.Errorf("lifetime %s, want 30 days", life)
	}
	// The secret is shown once: listings never carry it.
	list := f.must(200, adm, "GET", "/tokens?user=carol", nil)
	if strings.Contains(string(list), tc.Secret) || !strings.Contains(string(list), tc.Token.Prefix) {
		t.Errorf("token list %s", list)
	}

	f.tokens["carol"] = tc.Secret
	me := decode[struct {
		User probity.User
		Role probity.Role
	}](t, f.must(200, "carol", "GET", "/me", nil))
	if me.User.Name != "carol" || me.Role != probity.RoleReviewer {
		t.Fatalf("/me as carol: %+v", me)
	}
	f.must(200, "carol", "GET", "/cases", nil) // a reviewer's route

	revoked := decode[probity.Token](t, f.must(200, adm, "DELETE", fmt.Sprintf("/tokens/%d", tc.Token.ID), nil))
	if revoked.RevokedAt.IsZero() || revoked.ID != tc.Token.ID {
		t.Fatalf("revoked %+v", revoked)
	}
	if status, data, _ := f.do("carol", "GET", "/me", nil); status != 401 {
		t.Fatalf("token revoked over HTTP: %d %s", status, data)
	}
	if status, _, _ := f.do(adm, "DELETE", fmt.Sprintf("/tokens/%d", tc.Token.ID), nil); status != 409 {
		t.Errorf("revoking twice: %d, want 409", status)
	}

	// Revoked in the store (as from the command line), it stops at once:
	// no server keeps a copy of an account.
	cli := decode[tokenCreatedJSON](t, f.must(200, adm, "POST", "/tokens", map[string]string{"user": "carol"}))
	f.tokens["carol"] = cli.Secret
	f.must(200, "carol", "GET", "/me", nil)
	if _, err := f.db.RevokeToken(t.Context(), cli.Token.ID, "cli"); err != nil {
		t.Fatal(err)
	}
	if status, data, _ := f.do("carol", "GET", "/me", nil); status != 401 {
		t.Fatalf("token revoked in the store: %d %s", status, data)
	}

	// An expiring token stops at its expiry.
	short := decode[tokenCreatedJSON](t, f.must(200, adm, "POST", "/tokens", map[string]string{"user": "carol", "expires": "1h"}))
	f.tokens["carol"] = short.Secret
	f.must(200, "carol", "GET", "/me", nil)
	f.clock.Add(time.Hour + time.Second)
	if status, _, _ := f.do("carol", "GET", "/me", nil); status != 401 {
		t.Errorf("expired token: %d, want 401", status)
	}

	entries := decode[struct{ Entries []probity.AuditEntry }](t, f.must(200, adm, "GET", "/audit?actor=ada", nil)).Entries
	var got []string
	for _, e := range entries {
		got = append(got, e.Action+" "+e.Object)
	}
	joined := strings.Join(got, ", ")
	for _, want := range []string{"user.create user:carol", fmt.Sprintf("token.create token:%d", tc.Token.ID), fmt.Sprintf("token.revoke token:%d", tc.Token.ID)} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit by ada lacks %q: %s", want, joined)
		}
	}
	if strings.Contains(fmt.Sprint(entries), tc.Secret) {
		t.Error("the audit log holds a token secret")
	}
}

// TestUsersOverHTTP: listing and adding users, and their errors.
func TestUsersOverHTTP(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 0)
	adm := probity.RoleAdmin
	users := decode[struct{ Users []probity.User }](t, f.must(200, adm, "GET", "/users", nil)).Users
	var names []string
	for _, u := range users {
		names = append(names, u.Name+":"+string(u.Role))
	}
	if got := strings.Join(names, " "); got != "ada:admin erin:employee rita:reviewer" {
		t.Errorf("users %s", got)
	}
	for _, tc := range []struct {
		name, method, path string
		body               any
		status             int
		want               string
	}{
		{"taken name", "POST", "/users", map[string]string{"name": "erin", "role": "employee"}, 409, `"erin" already exists`},
		{"public role", "POST", "/users", map[string]string{"name": "pat", "role": "public"}, 400, `field role`},
		{"unknown role", "POST", "/users", map[string]string{"name": "pat", "role": "boss"}, 400, `field "role"`},
		{"no role", "POST", "/users", map[string]string{"name": "pat"}, 400, `field "role" is required`},
		{"no name", "POST", "/users", map[string]string{"role": "admin"}, 400, `field "name" is required`},
		{"bad name", "POST", "/users", map[string]string{"name": "Pat Smith", "role": "admin"}, 400, `field name`},
		{"bad email", "POST", "/users", map[string]string{"name": "pat", "role": "admin", "email": "pat"}, 400, `field email`},
		{"role as number", "POST", "/users", `{"name": "pat", "role": 3}`, 400, `field "role"`},
		{"unknown field", "POST", "/users", `{"name": "pat", "role": "admin", "admin": true}`, 400, `unknown field "admin"`},
		{"token for nobody", "POST", "/tokens", map[string]string{"user": "nobody"}, 404, `nobody`},
		{"token without user", "POST", "/tokens", map[string]string{"name": "x"}, 400, `field "user" is required`},
		{"token bad expiry", "POST", "/tokens", map[string]string{"user": "erin", "expires": "soon"}, 400, `field "expires"`},
		{"token expiry in the past", "POST", "/tokens", map[string]string{"user": "erin", "expires": "2001-01-01T00:00:00Z"}, 400, `in the past`},
		{"token too long", "POST", "/tokens", map[string]string{"user": "erin", "expires": "5000d"}, 400, `longer than`},
		{"token negative", "POST", "/tokens", map[string]string{"user": "erin", "expires": "-5h"}, 400, `field "expires"`},
		{"token name too long", "POST", "/tokens", map[string]string{"user": "erin", "name": strings.Repeat("n", 201)}, 400, `field "name"`},
		{"revoke missing", "DELETE", "/tokens/999", nil, 404, `999`},
		{"revoke bad id", "DELETE", "/tokens/x", nil, 400, `"x"`},
		{"tokens of nobody", "GET", "/tokens?user=nobody", nil, 404, `nobody`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, data, _ := f.do(adm, tc.method, tc.path, tc.body)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, data)
			}
			if e := decode[httpapi.ErrorBody](t, data); !strings.Contains(e.Detail, tc.want) {
				t.Errorf("detail %q does not mention %s", e.Detail, tc.want)
			}
		})
	}
	// Expiry forms.
	now := time.Now()
	for expires, life := range map[string]time.Duration{"": httpapi.DefaultTokenLifetime, "12h": 12 * time.Hour, "2d": 48 * time.Hour, "never": 0} {
		tc := decode[tokenCreatedJSON](t, f.must(200, adm, "POST", "/tokens", map[string]string{"user": "erin", "expires": expires}))
		got := tc.Token.ExpiresAt.Sub(tc.Token.CreatedAt)
		if life == 0 && !tc.Token.ExpiresAt.IsZero() || life != 0 && got != life {
			t.Errorf("expires %q: lifetime %s, want %s", expires, got, life)
		}
	}
	at := now.Add(72 * time.Hour).UTC().Truncate(time.Second)
	tc := decode[tokenCreatedJSON](t, f.must(200, adm, "POST", "/tokens", map[string]string{"user": "erin", "expires": at.Format(time.RFC3339)}))
	if !tc.Token.ExpiresAt.Equal(at) {
		t.Errorf("expires at %s, want %s", tc.Token.ExpiresAt, at)
	}
	// A disabled user gets no token.
	u, err := f.db.User(t.Context(), "erin")
	if err != nil {
		t.Fatal(err)
	}
	u.Disabled = true
	if _, err := f.db.UpdateUser(t.Context(), *u, "test"); err != nil {
		t.Fatal(err)
	}
	if status, data, _ := f.do(adm, "POST", "/tokens", map[string]string{"user": "erin"}); status != 409 {
		t.Errorf("token for a disabled user: %d %s", status, data)
	}
}

// TestAccountChangesTakeEffectAtOnce: a demoted reviewer's token loses
// the reviewer's routes on the next request; a web session ends with the
// token it was signed in with, and with the user's disablement — and
// enabling the user again does not revive it.
func TestAccountChangesTakeEffectAtOnce(t *testing.T) {
	f := newReviewFixture(t, httpapi.Config{}, 0)
	ctx := t.Context()
	rita, err := f.db.User(ctx, "rita")
	if err != nil {
		t.Fatal(err)
	}
	// POST /cases/{id}/assign is a reviewer's route: an unknown case is 404
	// for a reviewer, 403 for anyone less.
	assign := func() int {
		status, _, _ := f.do(probity.RoleReviewer, "POST", "/cases/999/assign", map[string]string{"assignee": "rita"})
		return status
	}
	if got := assign(); got != 404 {
		t.Fatalf("reviewer: %d, want 404", got)
	}
	rita.Role = probity.RoleEmployee
	if _, err := f.db.UpdateUser(ctx, *rita, "ada"); err != nil {
		t.Fatal(err)
	}
	if got := assign(); got != 403 {
		t.Fatalf("demoted reviewer's next request: %d, want 403", got)
	}

	login := func(token string) *http.Cookie {
		status, data, hdr := f.do(probity.RolePublic, "POST", "/login", map[string]string{"token": token})
		if status != 200 {
			t.Fatalf("login: %d %s", status, data)
		}
		for _, c := range (&http.Response{Header: hdr}).Cookies() {
			if c.Name == httpapi.SessionCookie {
				return c
			}
		}
		t.Fatal("no session cookie")
		return nil
	}
	me := func(c *http.Cookie) int {
		req, _ := http.NewRequest("GET", f.ts.URL+"/me", nil)
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		resp, err := f.ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	// Revoking the token signed in with ends the session.
	erin, err := f.db.User(ctx, "erin")
	if err != nil {
		t.Fatal(err)
	}
	tc := decode[tokenCreatedJSON](t, f.must(200, probity.RoleAdmin, "POST", "/tokens", map[string]string{"user": "erin"}))
	byToken := login(tc.Secret)
	other := login(f.tokens[probity.RoleEmployee]) // erin's fixture token
	if me(byToken) != 200 || me(other) != 200 {
		t.Fatal("fresh sessions do not work")
	}
	f.must(200, probity.RoleAdmin, "DELETE", fmt.Sprintf("/tokens/%d", tc.Token.ID), nil)
	if got := me(byToken); got != 401 {
		t.Errorf("session of a revoked token: %d, want 401", got)
	}
	if got := me(other); got != 200 {
		t.Errorf("a session of another token ended too: %d", got)
	}
	// Disabling ends every session; enabling again revives none.
	erin.Disabled = true
	if _, err := f.db.UpdateUser(ctx, *erin, "ada"); err != nil {
		t.Fatal(err)
	}
	if got := me(other); got != 401 {
		t.Errorf("session of a disabled user: %d, want 401", got)
	}
	erin.Disabled = false
	if _, err := f.db.UpdateUser(ctx, *erin, "ada"); err != nil {
		t.Fatal(err)
	}
	if got := me(other); got != 401 {
		t.Errorf("session revived by enabling the user again: %d, want 401", got)
	}
	if got := me(login(f.tokens[probity.RoleEmployee])); got != 200 {
		t.Errorf("a new sign-in after re-enabling: %d, want 200", got)
	}
}
