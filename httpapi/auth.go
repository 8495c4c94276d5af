package httpapi

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/probity/probity"
)

// sessionCookie is the name of the web session cookie.
const sessionCookie = "probity_session"

// csrfHeader carries the session's CSRF token on unsafe requests.
const csrfHeader = "X-CSRF-Token"

// authenticate finds who makes the request: a Bearer token, else a session
// cookie, else the public.
func (s *Server) authenticate(r *http.Request) (Caller, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, secret, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
			return Caller{}, errorf(probity.EUNAUTHORIZED, "the Authorization header must be \"Bearer <token>\"")
		}
		u, t, err := s.tokenUser(r, strings.TrimSpace(secret))
		if err != nil {
			return Caller{}, err
		}
		return Caller{Role: u.Role, User: u, TokenID: t.ID}, nil
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		sess, u, err := s.store.Session(r.Context(), probity.HashSecret(c.Value), s.cfg.Now())
		if err != nil {
			if probity.ErrorCode(err) == probity.EUNAUTHORIZED {
				// A dead session cookie grants nothing and stops nothing:
				// the request is the public's (reading, or signing in
				// again).
				return Caller{Role: probity.RolePublic}, nil
			}
			return Caller{}, err
		}
		if unsafeMethod(r.Method) {
			got := r.Header.Get(csrfHeader)
			if got == "" {
				got = s.formCSRF(r)
			}
			if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRF)) != 1 {
				return Caller{}, errorf(probity.EFORBIDDEN, "missing or wrong %s header: unsafe requests of a web session must carry the session's CSRF token", csrfHeader)
			}
		}
		return Caller{Role: u.Role, User: u, Session: sess}, nil
	}
	return Caller{Role: probity.RolePublic}, nil
}

// csrfField is the form field that carries the CSRF token of a web form
// (a form cannot set a header).
const csrfField = "csrf_token"

// formCSRF reads the CSRF token of a URL-encoded form post, within the
// body limit; the parsed form stays on r for the handler.
func (s *Server) formCSRF(r *http.Request) string {
	ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	if !strings.EqualFold(strings.TrimSpace(ct), "application/x-www-form-urlencoded") || r.Body == nil {
		return ""
	}
	r.Body = http.MaxBytesReader(nil, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		return ""
	}
	return r.PostForm.Get(csrfField)
}

func unsafeMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return false
	}
	return true
}

// tokenUser looks a token up, through the cache.
func (s *Server) tokenUser(r *http.Request, secret string) (*probity.User, *probity.Token, error) {
	if !strings.HasPrefix(secret, probity.TokenPrefix) || len(secret) > 200 {
		return nil, nil, errorf(probity.EUNAUTHORIZED, "not a probity token (they start with %s)", probity.TokenPrefix)
	}
	hash := probity.HashSecret(secret)
	now := s.cfg.Now()
	if u, t, ok := s.auth.get(hash, now); ok {
		return u, t, nil
	}
	u, t, err := s.store.Authenticate(r.Context(), hash, now)
	if err != nil {
		return nil, nil, err
	}
	s.auth.put(hash, u, t, now)
	return u, t, nil
}

// authCache remembers successful token lookups for a short time, so that
// a busy client does not cost a database read per request.
type authCache struct {
	ttl time.Duration
	mu  sync.RWMutex
	m   map[string]authEntry
}

type authEntry struct {
	user    *probity.User
	token   *probity.Token
	expires time.Time
}

func newAuthCache(ttl time.Duration) *authCache {
	return &authCache{ttl: ttl, m: map[string]authEntry{}}
}

func (c *authCache) get(hash string, now time.Time) (*probity.User, *probity.Token, bool) {
	if c.ttl <= 0 {
		return nil, nil, false
	}
	c.mu.RLock()
	e, ok := c.m[hash]
	c.mu.RUnlock()
	if !ok || !now.Before(e.expires) || !e.token.Active(now) {
		return nil, nil, false
	}
	return e.user, e.token, true
}

func (c *authCache) put(hash string, u *probity.User, t *probity.Token, now time.Time) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 10_000 {
		c.m = map[string]authEntry{}
	}
	c.m[hash] = authEntry{user: u, token: t, expires: now.Add(c.ttl)}
}
