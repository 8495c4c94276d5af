package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/review"
)

// Options configure a Site. Only Review is required.
type Options struct {
	// Review is the workflow service every console form goes through (it
	// enforces roles, separation of duties and one signature per person).
	Review *review.Service
	// Search answers the register's queries; default: NewMemorySearcher
	// over the store.
	Search Searcher
	// Log is the transparency log the pages, exports and feed cite (each
	// item's entry and the checkpoint it was made at); default: the store,
	// if it keeps the log.
	Log    LogReader
	Logger *slog.Logger
	// SessionTTL is how long a web session lasts (default 12 h).
	SessionTTL time.Duration
	Now        func() time.Time
}

// Site is the portal and the console over one store.
type Site struct {
	store  probity.Store
	search Searcher
	opt    Options
	log    *slog.Logger
	views  *views
}

// New parses the templates and returns the site.
func New(store probity.Store, opt Options) (*Site, error) {
	if opt.Review == nil {
		opt.Review = review.New(store)
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.SessionTTL <= 0 {
		opt.SessionTTL = 12 * time.Hour
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Search == nil {
		opt.Search = NewMemorySearcher(store, 30*time.Second)
	}
	if opt.Log == nil {
		if l, ok := store.(LogReader); ok {
			opt.Log = l
		}
	}
	v, err := parseViews()
	if err != nil {
		return nil, err
	}
	return &Site{store: store, search: opt.Search, opt: opt, log: opt.Logger, views: v}, nil
}

// Pages are the browser views of httpapi's own routes, for
// httpapi.Config.Pages.
func (s *Site) Pages() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"/contracts":      s.register,
		"/contracts/{id}": s.contract,
		"/orgs/{id}":      s.org,
	}
}

// Routes are the pages that only the web has, for httpapi.New's extra
// routes. The console's routes are open to the public in the route table
// and check the role themselves, so that a visitor who is not signed in
// is sent to the sign-in page rather than answered 401 in JSON.
func (s *Site) Routes() []httpapi.Route {
	pub := probity.RolePublic
	return []httpapi.Route{
		{Method: "GET", Pattern: "/{$}", Role: pub, Summary: "The portal's home page (HTML)", Handler: s.home},
		{Method: "GET", Pattern: "/static/{name}", Role: pub, Summary: "The portal's stylesheet and images", Handler: s.static},
		{Method: "GET", Pattern: "/policy", Role: pub, Summary: "The published policy, its versions and the diff between two (?from=&to=)", Handler: s.policy},
		{Method: "GET", Pattern: "/feed.atom", Role: pub, Summary: "Decisions and case outcomes as an Atom feed", Handler: s.feed},

		{Method: "GET", Pattern: "/signin", Role: pub, Summary: "Sign in (HTML form; ?invite= fills in a one-time link)", Handler: s.signinForm},
		{Method: "POST", Pattern: "/signin", Role: pub, Summary: "Sign in with a token or a one-time link (form)", Handler: s.signin},
		{Method: "POST", Pattern: "/signout", Role: pub, Summary: "Sign out (form)", Handler: s.signout},

		{Method: "GET", Pattern: "/console", Role: pub, Summary: "The signed-in console (HTML)", Handler: s.console},
		{Method: "GET", Pattern: "/console/concerns/new", Role: pub, Summary: "Form: raise a concern (?contract= or ?org=)", Handler: s.concernForm},
		{Method: "POST", Pattern: "/console/concerns", Role: pub, Summary: "Raise a concern (form)", Handler: s.raiseConcern},
		{Method: "GET", Pattern: "/console/concerns/{id}", Role: pub, Summary: "A concern, its signatures and the sign form", Handler: s.concernPage},
		{Method: "POST", Pattern: "/console/concerns/{id}/sign", Role: pub, Summary: "Sign a concern (form)", Handler: s.signConcern},
		{Method: "GET", Pattern: "/console/cases", Role: pub, Summary: "The reviewers' queue of cases, overdue first", Handler: s.caseQueue},
		{Method: "GET", Pattern: "/console/cases/{id}", Role: pub, Summary: "A case: decision, evidence, comments and the forms to act", Handler: s.casePage},
		{Method: "POST", Pattern: "/console/cases/{id}/comments", Role: pub, Summary: "Comment on a case (form)", Handler: s.commentCase},
		{Method: "POST", Pattern: "/console/cases/{id}/evidence", Role: pub, Summary: "Attach evidence to a case (form)", Handler: s.attachEvidence},
		{Method: "POST", Pattern: "/console/cases/{id}/decision", Role: pub, Summary: "Decide a case (form)", Handler: s.decideCase},
		{Method: "GET", Pattern: "/console/admin", Role: pub, Summary: "Admin: list versions, the policy in force, users and tokens", Handler: s.admin},
	}
}
