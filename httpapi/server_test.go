package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
)

// sample is a valid request for each route, so that the role matrix can
// try every route.
func (f *fixture) sample(rt httpapi.Route) (path string, body any, ok bool) {
	switch rt.Method + " " + rt.Pattern {
	case "GET /healthz", "GET /metrics", "GET /openapi.json", "GET /contracts", "GET /decisions", "GET /findings", "GET /audit", "GET /me":
		return rt.Pattern, nil, true
	case "POST /match/{dataset}":
		return "/match/default", `{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}`, true
	case "GET /search/{dataset}":
		return "/search/default?q=putin", nil, true
	case "POST /decide":
		return "/decide", map[string]string{"contract_id": f.contract}, true
	case "GET /contracts/{id}":
		return "/contracts/" + f.contract, nil, true
	case "GET /orgs/{id}":
		return fmt.Sprintf("/orgs/%d", f.ice), nil, true
	case "GET /decisions/{id}":
		return "/decisions/1", nil, true
	case "POST /reload", "POST /logout":
		return rt.Pattern, nil, true
	case "POST /login":
		return "/login", map[string]string{"token": f.tokens[probity.RoleEmployee]}, true
	}
	return "", nil, false
}

// TestRoleMatrix tries every role on every route: a role at least the
// route's gets 200, a lesser one 403, and no credentials 401; a bad token
// gets 401 everywhere.
func TestRoleMatrix(t *testing.T) {
	// Its bogus token fails on every route, from one address: no limit
	// on failed credentials here (TestFailedSignInsAreLimitedPerAddress).
	f := newFixture(t, httpapi.Config{AuthFailBurst: -1})
	f.tokens["bogus"] = "prb_notarealtokennotarealtokennotarealtoken"
	for _, rt := range f.srv.Routes() {
		path, body, ok := f.sample(rt)
		if !ok {
			t.Errorf("no sample request for %s %s: add one", rt.Method, rt.Pattern)
			continue
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
				status, data, hdr := f.do(role, rt.Method, path, body)
				if status != want {
					t.Fatalf("status %d, want %d: %s", status, want, data)
				}
				if status == http.StatusUnauthorized && hdr.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
				if status >= 400 {
					e := decode[httpapi.ErrorBody](t, data)
					if e.Error == "" || e.Detail == "" {
						t.Errorf("error body %s", data)
					}
				}
			})
		}
	}
}

func TestBadInputNamesTheField(t *testing.T) {
	f := newFixture(t, httpapi.Config{MaxBodyBytes: 4096})
	emp := probity.RoleEmployee
	for _, tc := range []struct {
		name, method, path string
		body               any
		status             int
		want               string // in the detail
	}{
		{"unknown top-level field", "POST", "/match/default", `{"queries": {}, "query": 1}`, 400, `"query"`},
		{"unknown field in a query", "POST", "/match/default", `{"queries": {"q1": {"schema": "Person", "properties": {"name": "x"}, "nmae": 1}}}`, 400, `queries.q1`},
		{"wrong type of schema", "POST", "/match/default", `{"queries": {"q1": {"schema": 5, "properties": {"name": "x"}}}}`, 400, `queries.q1.schema`},
		{"wrong type of a property", "POST", "/match/default", `{"queries": {"q1": {"schema": "Person", "properties": {"name": {"a": 1}}}}}`, 400, `queries.q1.properties.name`},
		{"wrong type in a property array", "POST", "/match/default", `{"queries": {"q1": {"schema": "Person", "properties": {"name": ["a", true]}}}}`, 400, `queries.q1.properties.name[1]`},
		{"queries not an object", "POST", "/match/default", `{"queries": []}`, 400, `queries`},
		{"no schema (422, as yente)", "POST", "/match/default", `{"queries": {"fail": {"properties": {"name": "Banana"}}}}`, 422, `queries.fail.schema`},
		{"unknown schema", "POST", "/match/default", `{"queries": {"fail": {"schema": "xxx", "properties": {"name": "Banana"}}}}`, 400, `unknown schema`},
		{"no queries", "POST", "/match/default", `{"queries": {}}`, 400, `no queries`},
		{"bad date", "POST", "/match/default", `{"queries": {"q": {"schema": "Person", "properties": {"name": "x", "birthDate": "yesterday"}}}}`, 400, `birthDate`},
		{"bad threshold", "POST", "/match/default?threshold=2", `{"queries": {"q": {"schema": "Person", "properties": {"name": "x"}}}}`, 400, `threshold`},
		{"malformed JSON", "POST", "/match/default", `{"queries": `, 400, `JSON`},
		{"trailing data", "POST", "/decide", `{"name": "x"} {}`, 400, `after the JSON`},
		{"empty body", "POST", "/decide", ``, 400, `empty`},
		{"wrong type for contract_id", "POST", "/decide", `{"contract_id": 5}`, 400, `contract_id`},
		{"unknown field on decide", "POST", "/decide", `{"contract": "x"}`, 400, `"contract"`},
		{"both contract and name", "POST", "/decide", `{"contract_id": "x", "name": "y"}`, 400, `exactly one`},
		{"body too large", "POST", "/decide", `{"name": "` + strings.Repeat("a", 5000) + `"}`, 413, `larger than 4096`},
		{"bad limit", "GET", "/contracts?limit=0", nil, 400, `limit`},
		{"bad org id", "GET", "/orgs/abc", nil, 400, `abc`},
		{"unknown dataset", "POST", "/match/nope", `{"queries": {"q": {"schema": "Person", "properties": {"name": "x"}}}}`, 404, `nope`},
		{"no route", "GET", "/nowhere", nil, 404, `/nowhere`},
		{"wrong method", "DELETE", "/contracts", nil, 405, `DELETE`},
		{"unknown contract", "GET", "/contracts/nope", nil, 404, `nope`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, data, _ := f.do(emp, tc.method, tc.path, tc.body)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, data)
			}
			if status == http.StatusUnprocessableEntity { // yente's (FastAPI's) list of problems
				if !strings.Contains(string(data), tc.want) {
					t.Errorf("body %s does not mention %s", data, tc.want)
				}
				return
			}
			e := decode[httpapi.ErrorBody](t, data)
			if !strings.Contains(e.Detail, tc.want) {
				t.Errorf("detail %q does not mention %s", e.Detail, tc.want)
			}
		})
	}
}

func TestPanicsAndInternalErrorsDoNotLeak(t *testing.T) {
	boom := httpapi.Route{Method: "GET", Pattern: "/boom", Role: probity.RolePublic, Summary: "panics",
		Handler: func(w http.ResponseWriter, r *http.Request) { panic("secret detail at /home/x/file.go:12") }}
	oops := httpapi.Route{Method: "GET", Pattern: "/oops", Role: probity.RolePublic, Summary: "fails",
		Handler: func(w http.ResponseWriter, r *http.Request) {
			httpapi.WriteError(w, r, fmt.Errorf("sqlite: table secret_table is locked"))
		}}
	var logs syncLog
	f := newFixture(t, httpapi.Config{Logger: slog.New(slog.NewJSONHandler(&logs, nil))}, boom, oops)
	for _, path := range []string{"/boom", "/oops"} {
		status, data, hdr := f.do(probity.RolePublic, "GET", path, nil)
		if status != http.StatusInternalServerError {
			t.Fatalf("%s: status %d", path, status)
		}
		body := string(data)
		for _, leak := range []string{"secret", "goroutine", "file.go", "panic", "sqlite"} {
			if strings.Contains(body, leak) {
				t.Errorf("%s: response leaks %q: %s", path, leak, body)
			}
		}
		if id := hdr.Get("X-Request-Id"); id == "" || !strings.Contains(body, id) {
			t.Errorf("%s: the body does not quote the request id %q: %s", path, id, body)
		}
	}
	// The server still serves after a panic.
	if status, _, _ := f.do(probity.RolePublic, "GET", "/healthz", nil); status != 200 {
		t.Errorf("healthz after panic: %d", status)
	}
	// Every log line names each key once (a JSON object with a key twice
	// is ambiguous to whoever reads the logs).
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) < 4 {
		t.Fatalf("%d log lines: %s", len(lines), logs.String())
	}
	for _, line := range lines {
		dec := json.NewDecoder(strings.NewReader(line))
		seen := map[string]bool{}
		if _, err := dec.Token(); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		for dec.More() {
			k, _ := dec.Token()
			key := k.(string)
			if seen[key] {
				t.Errorf("log line repeats %q: %s", key, line)
			}
			seen[key] = true
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// syncLog is a log sink safe for the server's goroutines.
type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestRateLimitPerToken(t *testing.T) {
	f := newFixture(t, httpapi.Config{RateLimit: 1, RateBurst: 3})
	var codes []int
	var retry string
	for i := 0; i < 5; i++ {
		status, _, hdr := f.do(probity.RoleEmployee, "GET", "/me", nil)
		codes = append(codes, status)
		if status == http.StatusTooManyRequests {
			retry = hdr.Get("Retry-After")
		}
	}
	if codes[0] != 200 || codes[2] != 200 || codes[4] != http.StatusTooManyRequests {
		t.Fatalf("statuses %v: want 3 × 200 then 429", codes)
	}
	if n, err := strconv.Atoi(retry); err != nil || n < 1 {
		t.Errorf("Retry-After %q", retry)
	}
	// Another token has its own bucket.
	if status, _, _ := f.do(probity.RoleReviewer, "GET", "/me", nil); status != 200 {
		t.Errorf("another token: %d", status)
	}
}

func TestMetricsCountRequests(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	for i := 0; i < 3; i++ {
		f.do(probity.RolePublic, "GET", "/healthz", nil)
	}
	f.do(probity.RolePublic, "GET", "/audit", nil)
	_, data, _ := f.do(probity.RoleAdmin, "GET", "/metrics", nil)
	body := string(data)
	for _, want := range []string{
		`probity_http_requests_total{code="200",route="GET /healthz"} 3`,
		`probity_http_requests_total{code="401",route="GET /audit"} 1`,
		`probity_http_request_duration_seconds_bucket{route="GET /healthz",le="0.005"}`,
		`probity_screening_index_entries 4`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	f := newFixture(t, httpapi.Config{ReloadInterval: 10 * time.Millisecond})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz %d", resp.StatusCode)
	}
	time.Sleep(30 * time.Millisecond) // let the watcher tick
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the context was cancelled")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("still serving after shutdown")
	}
}
