package httpapi

import (
	"net/http"
	"strings"

	"github.com/probity/probity"
)

type loginRequest struct {
	Token string `json:"token"`
}

// handleLogin is POST /login: a token in, a session cookie out, with the
// session's CSRF token in the body (see the package doc).
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := DecodeJSON(r, &req); err != nil {
		WriteError(w, r, err)
		return
	}
	u, t, err := s.tokenUser(r, strings.TrimSpace(req.Token))
	if err != nil {
		WriteError(w, r, err)
		return
	}
	secret, _, hash, err := probity.NewSecret("")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	csrf, _, _, err := probity.NewSecret("")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	now := s.cfg.Now()
	sess := probity.Session{ID: hash, UserID: u.ID, TokenID: t.ID, CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(s.cfg.SessionTTL)}
	if err := s.store.CreateSession(r.Context(), sess, u.Name); err != nil {
		WriteError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: secret, Path: "/", Expires: sess.ExpiresAt,
		HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode,
	})
	WriteJSON(w, http.StatusOK, map[string]any{"user": u, "csrf_token": csrf, "expires_at": sess.ExpiresAt})
}

// handleLogout is POST /logout: ends the caller's web session.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	c := CallerOf(r.Context())
	if c.Session != nil {
		if err := s.store.DeleteSession(r.Context(), c.Session.ID); err != nil {
			WriteError(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	WriteJSON(w, http.StatusOK, map[string]any{"signed_out": c.Session != nil})
}
