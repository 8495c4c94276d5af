package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

// Config tunes a Server. The zero value is usable: every field has a
// default.
type Config struct {
	Logger         *slog.Logger  // default: slog.Default()
	MaxBodyBytes   int64         // default 1 MiB
	RateLimit      float64       // requests per second per caller; default 100; negative: no limit
	RateBurst      int           // default 2 × RateLimit
	ReloadInterval time.Duration // how often list and policy versions are checked; default 30 s; negative: never
	SessionTTL     time.Duration // web session lifetime; default 12 h
	AuthFailBurst  int           // failed credentials allowed per client address before 429 (then one per 6 s); default 10; negative: no limit
	Now            func() time.Time
	Pages          map[string]http.HandlerFunc // browser views and exports of GET routes, by pattern ("/contracts"; see routes.go)
}

func (c *Config) defaults() {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.RateLimit == 0 {
		c.RateLimit = 100
	}
	if c.RateBurst <= 0 {
		c.RateBurst = int(2 * c.RateLimit)
		if c.RateBurst < 1 {
			c.RateBurst = 1
		}
	}
	if c.ReloadInterval == 0 {
		c.ReloadInterval = 30 * time.Second
	}
	if c.SessionTTL <= 0 {
		c.SessionTTL = 12 * time.Hour
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Server is the HTTP service over one store.
type Server struct {
	store    probity.Store
	cfg      Config
	log      *slog.Logger
	mux      *http.ServeMux
	routes   []Route
	screener *match.Screener
	snap     *snapshots
	limits   *limiter
	// authFails counts failed credentials per client address.
	authFails *failLimiter
	registry  *prometheus.Registry
	metrics   *metrics
}

// New returns a Server over store, serving the routes of routes.go and any
// extra ones (other packages' routes, documented in /openapi.json from
// their summaries). It builds the screening index and the decider before
// returning; a store with no list or no published policy is served all the
// same (screening finds nothing, /decide answers 404 until they exist).
func New(ctx context.Context, store probity.Store, cfg Config, extra ...Route) (*Server, error) {
	cfg.defaults()
	s := &Server{
		store:     store,
		cfg:       cfg,
		log:       cfg.Logger,
		mux:       http.NewServeMux(),
		screener:  match.NewScreener(nil),
		limits:    newLimiter(cfg.RateLimit, cfg.RateBurst),
		authFails: newFailLimiter(cfg.AuthFailBurst),
		registry:  prometheus.NewRegistry(),
	}
	s.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s.metrics = newMetrics(s.registry)
	s.snap = &snapshots{server: s}
	if _, err := s.snap.reload(ctx, true); err != nil {
		return nil, err
	}
	s.routes = append(s.table(), extra...)
	seen := map[string]bool{}
	for _, rt := range s.routes {
		key := rt.Method + " " + rt.Pattern
		if seen[key] {
			return nil, errors.New("httpapi: route " + key + " registered twice")
		}
		seen[key] = true
		if !rt.Role.Valid() {
			return nil, errors.New("httpapi: route " + key + ": unknown role " + string(rt.Role))
		}
		s.mux.Handle(key, s.chain(rt))
	}
	return s, nil
}

// Routes returns the route table (the built-in routes and the extra ones).
func (s *Server) Routes() []Route { return append([]Route(nil), s.routes...) }

// Screener is the screening index the server searches; Swap replaces it.
func (s *Server) Screener() *match.Screener { return s.screener }

// ServeHTTP implements http.Handler. A request that matches no route is
// answered like any other error, in JSON.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, pattern := s.mux.Handler(r)
	if pattern != "" {
		s.mux.ServeHTTP(w, r) // sets the path values
		return
	}
	// No route: let the mux decide between 404 and 405 (with Allow), and
	// answer in JSON.
	rec := &headerRecorder{header: http.Header{}}
	h.ServeHTTP(rec, r)
	if allow := rec.header.Get("Allow"); allow != "" {
		w.Header().Set("Allow", allow)
	}
	if rec.status == http.StatusMethodNotAllowed {
		WriteJSON(w, rec.status, ErrorBody{Error: probity.EINVALID, Detail: "method " + r.Method + " not allowed on " + r.URL.Path + " (allowed: " + rec.header.Get("Allow") + ")"})
		return
	}
	if rec.status >= 300 && rec.status < 400 {
		// the mux redirects to a cleaned path
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		return
	}
	WriteJSON(w, http.StatusNotFound, ErrorBody{Error: probity.ENOTFOUND, Detail: "no route for " + r.Method + " " + r.URL.Path})
}

// matchedPattern returns the pattern of the route r goes to, "" if none.
func (s *Server) matchedPattern(r *http.Request) string {
	_, pattern := s.mux.Handler(r)
	return pattern
}

// headerRecorder keeps the status and headers the mux would answer with
// (404, 405 with Allow, or a redirect); the body is discarded.
type headerRecorder struct {
	header http.Header
	status int
}

func (h *headerRecorder) Header() http.Header { return h.header }
func (h *headerRecorder) WriteHeader(code int) {
	if h.status == 0 {
		h.status = code
	}
}
func (h *headerRecorder) Write(b []byte) (int, error) {
	if h.status == 0 {
		h.status = http.StatusOK
	}
	return len(b), nil
}

// Serve serves on ln until ctx is done, then shuts down gracefully: no new
// connections, requests in flight get up to 10 seconds to finish. It also
// checks the stored lists and policy every ReloadInterval and swaps in a
// new index or decider when they change.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	if s.cfg.ReloadInterval > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.snap.watch(ctx, s.cfg.ReloadInterval, done)
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving", slog.String("addr", ln.Addr().String()))
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		s.log.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err = srv.Shutdown(sctx)
		cancel()
		if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
	}
	close(done)
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// clientIP is the remote address without its port.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return strings.TrimPrefix(host, "::ffff:")
}
