package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/probity/probity"
)

// Route is one entry of the route table: a method, a ServeMux path pattern
// ("/contracts/{id}"), the least role that may call it, a one-line summary
// (for the OpenAPI document of extra routes) and the handler.
type Route struct {
	Method  string
	Pattern string
	Role    probity.Role
	Summary string
	Handler http.HandlerFunc
}

type ctxKey int

const (
	keyCaller ctxKey = iota
	keyRequestID
	keyLogger
)

// Caller is who makes a request. User is nil for the public.
type Caller struct {
	Role    probity.Role
	User    *probity.User
	TokenID int64
	Session *probity.Session
}

// Name is the caller's user name, or "public".
func (c Caller) Name() string {
	if c.User == nil {
		return "public"
	}
	return c.User.Name
}

// CallerOf returns the caller of a request handled by a Server.
func CallerOf(ctx context.Context) Caller {
	if c, ok := ctx.Value(keyCaller).(Caller); ok {
		return c
	}
	return Caller{Role: probity.RolePublic}
}

func requestID(r *http.Request) string {
	if id, ok := r.Context().Value(keyRequestID).(string); ok {
		return id
	}
	return "-"
}

func logger(r *http.Request) *slog.Logger {
	if l, ok := r.Context().Value(keyLogger).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusWriter records the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	index    prometheus.Gauge
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "probity_http_requests_total", Help: "HTTP requests by route and status.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "probity_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
		index: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "probity_screening_index_entries", Help: "Watch-list entries in the screening index.",
		}),
	}
	reg.MustRegister(m.requests, m.latency, m.index)
	return m
}

// chain wraps a route's handler: recover, request id, metrics and log,
// authentication, role, rate limit, body limit.
func (s *Server) chain(rt Route) http.Handler {
	name := rt.Method + " " + rt.Pattern
	observe := s.metrics.latency.WithLabelValues(name)
	counters := sync.Map{} // status → prometheus.Counter
	count := func(status int) {
		c, ok := counters.Load(status)
		if !ok {
			c, _ = counters.LoadOrStore(status, s.metrics.requests.WithLabelValues(name, strconv.Itoa(status)))
		}
		c.(prometheus.Counter).Inc()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		log := s.log.With(slog.String("request_id", id))
		ctx := context.WithValue(context.WithValue(r.Context(), keyRequestID, id), keyLogger, log)
		r = r.WithContext(ctx)
		sw := &statusWriter{ResponseWriter: w}
		sw.Header().Set("X-Request-Id", id)
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(ctx, "panic", slog.String("route", name), slog.Any("panic", v), slog.String("stack", string(debug.Stack())))
				if sw.status == 0 {
					WriteError(sw, r, fmt.Errorf("panic: %v", v))
				}
			}
			d := time.Since(start)
			observe.Observe(d.Seconds())
			count(sw.status)
			level := slog.LevelInfo
			if sw.status >= 500 {
				level = slog.LevelError
			}
			caller := CallerOf(r.Context())
			log.LogAttrs(ctx, level, "request", slog.String("method", r.Method), slog.String("route", rt.Pattern),
				slog.String("path", r.URL.Path), slog.Int("status", sw.status), slog.Int("bytes", sw.bytes),
				slog.Duration("duration", d), slog.String("caller", caller.Name()), slog.String("role", string(caller.Role)))
		}()
		if err := checkQuery(r); err != nil {
			WriteError(sw, r, err)
			return
		}
		ip := "ip:" + clientIP(r)
		tries := carriesCredentials(r) || signInRoute(rt)
		if tries {
			if wait, blocked := s.authFails.blocked(ip); blocked {
				sw.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
				WriteError(sw, r, errorf(eRateLimited, "too many failed sign-ins from this address: retry after %s", wait.Round(time.Second)))
				return
			}
		}
		caller, err := s.authenticate(r)
		if err != nil {
			if tries && probity.ErrorCode(err) == probity.EUNAUTHORIZED {
				s.authFails.failed(ip)
			}
			WriteError(sw, r, err)
			return
		}
		if caller.User != nil || signInRoute(rt) {
			// Signed-in answers are for one person: no shared cache keeps them.
			sw.Header().Set("Cache-Control", "no-store")
		}
		r = r.WithContext(context.WithValue(r.Context(), keyCaller, caller))
		if !caller.Role.AtLeast(rt.Role) {
			if caller.User == nil {
				WriteError(sw, r, errorf(probity.EUNAUTHORIZED, "%s needs a token of a %s or above: send Authorization: Bearer prb_…", name, rt.Role))
			} else {
				WriteError(sw, r, errorf(probity.EFORBIDDEN, "%s needs the %s role or above; %s is %s", name, rt.Role, caller.Name(), caller.Role))
			}
			return
		}
		if wait, ok := s.limits.allow(limitKey(caller, r)); !ok {
			sw.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			WriteError(sw, r, errorf(eRateLimited, "too many requests: retry after %s", wait.Round(time.Millisecond)))
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(sw, r.Body, s.cfg.MaxBodyBytes)
		}
		rt.Handler(sw, r)
		if tries && sw.status == http.StatusUnauthorized {
			s.authFails.failed(ip) // a sign-in form or /login refused the credentials
		}
	})
}

func limitKey(c Caller, r *http.Request) string {
	switch {
	case c.TokenID != 0:
		return "token:" + strconv.FormatInt(c.TokenID, 10)
	case c.User != nil:
		return "user:" + strconv.FormatInt(c.User.ID, 10)
	}
	return "ip:" + clientIP(r)
}

// limiter keeps one token bucket per caller.
type limiter struct {
	limit rate.Limit
	burst int
	mu    sync.Mutex
	m     map[string]*rate.Limiter
}

// maxBuckets bounds the limiter's memory: when there are more callers than
// this, the buckets start afresh (everyone gets a full bucket once).
const maxBuckets = 100_000

func newLimiter(perSecond float64, burst int) *limiter {
	if perSecond < 0 {
		return &limiter{limit: rate.Inf}
	}
	return &limiter{limit: rate.Limit(perSecond), burst: burst, m: map[string]*rate.Limiter{}}
}

// allow takes a token from key's bucket; when it is empty it says how long
// until the next one.
func (l *limiter) allow(key string) (time.Duration, bool) {
	b := l.bucket(key)
	if b == nil {
		return 0, true
	}
	now := time.Now()
	if b.AllowN(now, 1) {
		return 0, true
	}
	res := b.ReserveN(now, 1)
	wait := res.DelayFrom(now)
	res.CancelAt(now)
	if wait < time.Second {
		wait = time.Second
	}
	return wait, false
}
