package httpapi_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
)

// TestHostileInputGets400: every query parameter has a length and a
// character set, whatever the route; NaN is not a threshold.
func TestHostileInputGets400(t *testing.T) {
	f := newFixture(t, httpapi.Config{RateLimit: -1})
	long := strings.Repeat("a", 50_000)
	tests := []struct {
		role         probity.Role
		method, path string
		body         any
		want         string
	}{
		{probity.RolePublic, "GET", "/contracts?buyer=" + long, nil, `query parameter "buyer" is 50000 bytes long`},
		{probity.RolePublic, "GET", "/contracts?buyer=a%00b", nil, `query parameter "buyer" contains a control character`},
		{probity.RolePublic, "GET", "/contracts?buyer=%ff", nil, `query parameter "buyer" is not valid UTF-8`},
		{probity.RolePublic, "GET", "/findings?" + strings.Repeat("x=1&", 70), nil, `is given 70 times`},
		{probity.RoleEmployee, "POST", "/match/default?threshold=NaN", `{"queries":{"q":{"schema":"Person","properties":{"name":["John Doe"]}}}}`, `"threshold": want a number between 0 and 1`},
		{probity.RoleEmployee, "POST", "/match/default", `{"queries":{"q":{"schema":"Person","properties":{"name":["John Doe"]}}},"queries":{}}`, `given twice`},
	}
	for _, tt := range tests {
		status, data, _ := f.do(tt.role, tt.method, tt.path, tt.body)
		detail := decode[struct{ Detail string }](t, data).Detail
		if status != http.StatusBadRequest || !strings.Contains(detail, tt.want) {
			t.Errorf("%s %.60s: %d %.200s, want 400 with %q", tt.method, tt.path, status, data, tt.want)
		}
	}
}

// TestMetricsAndCaching: /metrics is for admins; answers to a signed-in
// caller are never stored by a shared cache.
func TestMetricsAndCaching(t *testing.T) {
	f := newFixture(t, httpapi.Config{RateLimit: -1})
	if status, _, _ := f.do(probity.RolePublic, "GET", "/metrics", nil); status != http.StatusUnauthorized {
		t.Errorf("public /metrics: %d, want 401", status)
	}
	if status, _, _ := f.do(probity.RoleEmployee, "GET", "/metrics", nil); status != http.StatusForbidden {
		t.Errorf("employee /metrics: %d, want 403", status)
	}
	if status, _, _ := f.do(probity.RoleAdmin, "GET", "/metrics", nil); status != http.StatusOK {
		t.Errorf("admin /metrics: %d, want 200", status)
	}
	if _, _, h := f.do(probity.RoleEmployee, "GET", "/me", nil); h.Get("Cache-Control") != "no-store" {
		t.Errorf("signed-in /me: Cache-Control %q, want no-store", h.Get("Cache-Control"))
	}
	if _, _, h := f.do(probity.RolePublic, "POST", "/login", `{"token":"prb_nope"}`); h.Get("Cache-Control") != "no-store" {
		t.Errorf("/login: Cache-Control %q, want no-store", h.Get("Cache-Control"))
	}
}

// TestFailedSignInsAreLimitedPerAddress: after a burst of bad tokens an
// address gets 429 with Retry-After, even for a good token, while another
// kind of request (no credentials) still goes through.
func TestFailedSignInsAreLimitedPerAddress(t *testing.T) {
	f := newFixture(t, httpapi.Config{RateLimit: -1})
	f.tokens["mallory"] = probity.TokenPrefix + "guessed-wrong"
	var last int
	var hdr http.Header
	for range 11 {
		last, _, hdr = f.do("mallory", "GET", "/me", nil)
	}
	if last != http.StatusTooManyRequests || hdr.Get("Retry-After") == "" {
		t.Fatalf("11th bad token: %d (Retry-After %q), want 429 with Retry-After", last, hdr.Get("Retry-After"))
	}
	if status, _, _ := f.do(probity.RoleEmployee, "GET", "/me", nil); status != http.StatusTooManyRequests {
		t.Errorf("good token from the blocked address: %d, want 429", status)
	}
	if status, _, _ := f.do(probity.RolePublic, "POST", "/login", `{"token":"prb_x"}`); status != http.StatusTooManyRequests {
		t.Errorf("/login from the blocked address: %d, want 429", status)
	}
	if status, _, _ := f.do(probity.RolePublic, "GET", "/contracts", nil); status != http.StatusOK {
		t.Errorf("public read from the blocked address: %d, want 200", status)
	}
}

// TestOpenAPIDeclaresSecurity: every operation of a protected route says
// how to authenticate; public ones need not.
func TestOpenAPIDeclaresSecurity(t *testing.T) {
	f := newFixture(t, httpapi.Config{RateLimit: -1})
	full, err := f.srv.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Role     string `json:"x-probity-role"`
			Security []map[string][]string
		} `json:"paths"`
	}
	if err := json.Unmarshal(full, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, rt := range f.srv.Routes() {
		op := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]
		if rt.Role != probity.RolePublic {
			n++
			if len(op.Security) == 0 {
				t.Errorf("%s %s (%s) declares no security", rt.Method, rt.Pattern, rt.Role)
			}
		}
	}
	if n == 0 {
		t.Fatal("no protected route found")
	}
}
