package httpapi

import (
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"

	"github.com/probity/probity"
)

// Limits on a request's query string. Every filter and search term that
// people type fits with room to spare; a 50 kB "buyer" does not reach a
// LIKE pattern (SQLite refuses such patterns with an internal error).
const (
	maxQueryParams     = 64
	maxQueryParamBytes = 1024
)

// checkQuery refuses query strings that no handler should see: too many
// parameters, a value that is too long, not UTF-8 or holds a NUL or other
// control character. Every route gets the same rules, so no handler can
// forget them.
func checkQuery(r *http.Request) error {
	if r.URL.RawQuery == "" {
		return nil
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return errorf(probity.EINVALID, "the query string is malformed: %v", err)
	}
	if len(q) > maxQueryParams {
		return errorf(probity.EINVALID, "the query string has %d parameters: at most %d", len(q), maxQueryParams)
	}
	for name, values := range q {
		if len(name) > maxQueryParamBytes || !utf8.ValidString(name) {
			return errorf(probity.EINVALID, "a query parameter name is too long or not UTF-8")
		}
		if len(values) > maxQueryParams {
			return errorf(probity.EINVALID, "query parameter %q is given %d times: at most %d", name, len(values), maxQueryParams)
		}
		for _, v := range values {
			switch {
			case len(v) > maxQueryParamBytes:
				return errorf(probity.EINVALID, "query parameter %q is %d bytes long: at most %d", name, len(v), maxQueryParamBytes)
			case !utf8.ValidString(v):
				return errorf(probity.EINVALID, "query parameter %q is not valid UTF-8", name)
			case strings.IndexFunc(v, isControl) >= 0:
				return errorf(probity.EINVALID, "query parameter %q contains a control character", name)
			}
		}
	}
	return nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// carriesCredentials reports whether a request tries to authenticate:
// a Bearer token, a session cookie or the sign-in route.
func carriesCredentials(r *http.Request) bool {
	if r.Header.Get("Authorization") != "" {
		return true
	}
	_, err := r.Cookie(sessionCookie)
	return err == nil
}

// failLimiter counts failed sign-ins and bad credentials per client
// address. An address that has used up its allowance is refused (429,
// Retry-After) before its credentials are even looked at, so guessing
// tokens or passwords costs time; good credentials never spend any.
type failLimiter struct {
	l *limiter
}

// newFailLimiter allows burst failed credentials per address (default
// 10; negative: no limit), then one every 6 seconds.
func newFailLimiter(burst int) *failLimiter {
	switch {
	case burst < 0:
		return &failLimiter{l: newLimiter(-1, 0)}
	case burst == 0:
		burst = 10
	}
	return &failLimiter{l: newLimiter(1.0/6, burst)}
}

// blocked reports whether key has no failures left, and for how long.
func (f *failLimiter) blocked(key string) (time.Duration, bool) {
	b := f.l.bucket(key)
	if b == nil {
		return 0, false
	}
	now := time.Now()
	if b.TokensAt(now) >= 1 {
		return 0, false
	}
	wait := time.Duration(float64(time.Second) / float64(f.l.limit))
	return wait, true
}

// failed spends one of key's failures.
func (f *failLimiter) failed(key string) { f.l.allow(key) }

// bucket returns key's bucket, creating it (nil when there is no limit).
func (l *limiter) bucket(key string) *rate.Limiter {
	if l.limit == rate.Inf {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.m[key]
	if !ok {
		if len(l.m) >= maxBuckets {
			l.m = map[string]*rate.Limiter{}
		}
		b = rate.NewLimiter(l.limit, l.burst)
		l.m[key] = b
	}
	return b
}

// signInRoute reports whether a route exchanges credentials for a session
// (the API's POST /login, the portal's sign-in form).
func signInRoute(rt Route) bool {
	return rt.Method == http.MethodPost && (rt.Pattern == "/login" || rt.Pattern == "/signin")
}
