package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
)

// InviteTokenName is the name of the tokens `probity users invite`
// creates: signing in with one revokes it, so the link works once.
const InviteTokenName = "web sign-in link"

// signinData is the sign-in page's data.
type signinData struct {
	Invite string // the token of a one-time link, filled into the form
	Next   string
	Error  string
}

// safeNext keeps a redirect on this site: a path, never a URL elsewhere.
func safeNext(s string) string {
	if s == "" || !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.Contains(s, "\\") {
		return "/console"
	}
	if u, err := url.Parse(s); err != nil || u.Host != "" || u.Scheme != "" {
		return "/console"
	}
	return s
}

// signinForm is GET /signin. A one-time link (?invite=prb_…) shows the
// form filled in, with one button: following a link signs no one in by
// itself, so a mail scanner that fetches it spends nothing.
func (s *Site) signinForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.render(w, r, http.StatusOK, "signin", page{Title: "Sign in", Nav: "signin", Private: true,
		Data: signinData{Invite: q.Get("invite"), Next: safeNext(q.Get("next"))}})
}

// signin is POST /signin: a token (a one-time link's, or an API token
// used as a password) in, a session cookie out.
func (s *Site) signin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if !s.sameOrigin(w, r) {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, probity.Errorf(probity.EINVALID, "the sign-in form could not be read: %v", err))
		return
	}
	secret := strings.TrimSpace(r.PostForm.Get("token"))
	next := safeNext(r.PostForm.Get("next"))
	again := func(msg string) {
		s.render(w, r, http.StatusUnauthorized, "signin", page{Title: "Sign in", Nav: "signin", Private: true, Data: signinData{Next: next, Error: msg}})
	}
	if !strings.HasPrefix(secret, probity.TokenPrefix) || len(secret) > 200 {
		again("That is not a probity sign-in code: they start with " + probity.TokenPrefix + ".")
		return
	}
	now := s.opt.Now()
	u, t, err := s.store.Authenticate(ctx, probity.HashSecret(secret), now)
	if err != nil {
		if probity.ErrorCode(err) == probity.EUNAUTHORIZED || probity.ErrorCode(err) == probity.ENOTFOUND {
			again("This code is unknown, expired, revoked or already used. Ask an admin for a new sign-in link.")
			return
		}
		s.fail(w, r, err)
		return
	}
	tokenID := t.ID // the session ends when this token is revoked
	if t.Name == InviteTokenName {
		if _, err := s.store.RevokeToken(ctx, t.ID, u.Name); err != nil {
			s.fail(w, r, err)
			return
		}
		tokenID = 0 // used up by signing in: the session stands on its own
	}
	cookie, _, hash, err := probity.NewSecret("")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	csrf, _, _, err := probity.NewSecret("")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sess := probity.Session{ID: hash, UserID: u.ID, TokenID: tokenID, CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(s.opt.SessionTTL)}
	if err := s.store.CreateSession(ctx, sess, u.Name); err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: httpapi.SessionCookie, Value: cookie, Path: "/", Expires: sess.ExpiresAt,
		HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// signout is POST /signout.
func (s *Site) signout(w http.ResponseWriter, r *http.Request) {
	c := httpapi.CallerOf(r.Context())
	if !s.sameOrigin(w, r) {
		return
	}
	if c.Session != nil {
		if err := s.store.DeleteSession(r.Context(), c.Session.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: httpapi.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// signedIn checks that the caller is signed in with at least role; if not
// it answers (a redirect to the sign-in page, or a page saying which role
// is needed) and returns false.
func (s *Site) signedIn(w http.ResponseWriter, r *http.Request, role probity.Role) (httpapi.Caller, bool) {
	c := httpapi.CallerOf(r.Context())
	if c.User == nil {
		if r.Method == http.MethodGet {
			http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		} else {
			s.fail(w, r, probity.Errorf(probity.EUNAUTHORIZED, "sign in first"))
		}
		return c, false
	}
	if !c.Role.AtLeast(role) {
		s.fail(w, r, probity.Errorf(probity.EFORBIDDEN, "this page is for %ss; you are signed in as %s, %s", role, c.User.Name, article(string(c.Role))))
		return c, false
	}
	return c, true
}

func article(role string) string {
	if strings.ContainsRune("aeiou", rune(role[0])) {
		return "an " + role
	}
	return "a " + role
}
