package httpapi

import (
	"crypto/subtle"
	"net/http"
	"strings"

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

// tokenUser looks a token up in the store, on every request: a revoked
// token, a disabled user or a changed role takes effect on the next
// request, on every replica (no replica keeps a copy of an account).
func (s *Server) tokenUser(r *http.Request, secret string) (*probity.User, *probity.Token, error) {
	if !strings.HasPrefix(secret, probity.TokenPrefix) || len(secret) > 200 {
		return nil, nil, errorf(probity.EUNAUTHORIZED, "not a probity token (they start with %s)", probity.TokenPrefix)
	}
	return s.store.Authenticate(r.Context(), probity.HashSecret(secret), s.cfg.Now())
}
