package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/probity/probity"
)

// table is the route table of the service's own routes; the review,
// account, portal and log routes come from their packages as New's extra
// routes. openapi.json documents these; TestOpenAPIMatchesRoutes keeps them
// in step.
func (s *Server) table() []Route {
	metrics := promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})
	pub, emp, adm := probity.RolePublic, probity.RoleEmployee, probity.RoleAdmin
	return []Route{
		{"GET", "/healthz", pub, "Liveness: the store answers", s.handleHealth},
		{"GET", "/metrics", adm, "Prometheus metrics (admins only: they tell who uses what)", metrics.ServeHTTP},
		{"GET", "/openapi.json", pub, "This API's OpenAPI 3 document", s.handleOpenAPI},

		{"POST", "/match/{dataset}", emp, "Screen entities against the lists (yente-compatible)", s.handleMatch},
		{"GET", "/search/{dataset}", emp, "Search the lists by name (yente-compatible)", s.handleSearch},
		{"POST", "/decide", emp, "Can we sign with X? The decision under the current policy", s.handleDecide},

		{"GET", "/contracts", pub, "The contract register, page by page", s.handleContracts},
		{"GET", "/contracts/{id}", pub, "One contract with its latest decision", s.handleContract},
		{"GET", "/orgs/{id}", pub, "One organization with its screening hits and findings", s.handleOrg},
		{"GET", "/decisions", pub, "Decisions (each contract's latest unless history=true)", s.handleDecisions},
		{"GET", "/decisions/{id}", pub, "One decision (with its input, for reviewers)", s.handleDecision},
		{"GET", "/findings", pub, "Findings (confidential ones only for reviewers)", s.handleFindings},
		{"GET", "/audit", adm, "The audit log", s.handleAudit},
		{"POST", "/reload", adm, "Rebuild the screening index and the decider now", s.handleReload},

		{"GET", "/me", emp, "Who the caller is", s.handleMe},
		{"POST", "/login", pub, "Exchange a token for a web session cookie", s.handleLogin},
		{"POST", "/logout", emp, "End the web session", s.handleLogout},
	}
}

var _ http.Handler = (*Server)(nil)

// page answers r with the browser view of the route pattern when there is
// one and r asks for it: a browser (Accept: text/html before any JSON) or
// an export (?format=). It reports whether it did.
func (s *Server) page(w http.ResponseWriter, r *http.Request, pattern string) bool {
	h := s.cfg.Pages[pattern]
	if h == nil || !(WantsHTML(r) || r.URL.Query().Has("format")) {
		return false
	}
	h(w, r)
	return true
}

// WantsHTML reports whether the client prefers HTML to JSON: its Accept
// header names text/html (or application/xhtml+xml) with a quality above
// zero and at least that of application/json. A client that sends no
// Accept, or only */*, gets JSON.
func WantsHTML(r *http.Request) bool {
	html, jsonQ := -1.0, -1.0
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(k, "q") {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					q = f
				}
			}
		}
		switch strings.ToLower(strings.TrimSpace(mt)) {
		case "text/html", "application/xhtml+xml":
			html = max(html, q)
		case "application/json":
			jsonQ = max(jsonQ, q)
		}
	}
	return html > 0 && html >= jsonQ
}

// SessionCookie is the name of the web session cookie, and CSRFField the
// form field that carries a session's CSRF token, for the web pages.
const (
	SessionCookie = sessionCookie
	CSRFField     = csrfField
)
