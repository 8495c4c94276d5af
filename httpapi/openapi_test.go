package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/sqlite"
)

// TestOpenAPIMatchesRoutes keeps openapi.json true to the route table:
// every route is documented with its least role, and every documented
// operation is served by a route.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := New(context.Background(), db, Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	routes := map[string]Route{}
	for _, rt := range s.table() {
		routes[rt.Method+" "+rt.Pattern] = rt
		op, ok := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]
		if !ok {
			t.Errorf("route %s %s is not documented in openapi.json", rt.Method, rt.Pattern)
			continue
		}
		var meta struct {
			Role    string `json:"x-probity-role"`
			Summary string `json:"summary"`
		}
		if err := json.Unmarshal(op, &meta); err != nil {
			t.Fatal(err)
		}
		if meta.Role != string(rt.Role) || meta.Summary == "" {
			t.Errorf("%s %s: documented role %q, route role %q (summary %q)", rt.Method, rt.Pattern, meta.Role, rt.Role, meta.Summary)
		}
	}
	param := regexp.MustCompile(`\{[^}]+\}`)
	for path, item := range doc.Paths {
		for method := range item {
			if method == "parameters" {
				continue
			}
			m := strings.ToUpper(method)
			if _, ok := routes[m+" "+path]; !ok {
				t.Errorf("openapi.json documents %s %s, which the route table lacks", m, path)
			}
			// And the mux really sends such a request to that route.
			req := httptest.NewRequest(m, param.ReplaceAllString(path, "x1"), nil)
			if got := s.matchedPattern(req); got != m+" "+path {
				t.Errorf("%s %s is served by %q", m, path, got)
			}
		}
	}
	// Extra routes get an entry of their own.
	s2, err := New(context.Background(), db, Config{Logger: s.log, ReloadInterval: -1},
		Route{Method: "GET", Pattern: "/cases", Role: probity.RoleReviewer, Summary: "Review cases", Handler: s.handleMe})
	if err != nil {
		t.Fatal(err)
	}
	full, err := s2.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(full), `"/cases":{"get":{"responses"`) || !strings.Contains(string(full), `"x-probity-role":"reviewer"`) {
		t.Errorf("extra route not documented: %.300s", full)
	}
}
