package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
)

// AccountRoutes returns the admin routes that manage users and API tokens,
// for New's extra routes. Every change is made by the store together with
// its audit entry, naming the calling admin as the actor.
// A revocation, a disabled user or a changed role takes effect on the next
// request on every server: no server keeps accounts in memory.
func AccountRoutes(store probity.AccountStore) []Route {
	h := &accountAPI{store: store, now: time.Now}
	adm := probity.RoleAdmin
	return []Route{
		{"GET", "/users", adm, "The users, by name", h.listUsers},
		{"POST", "/users", adm, "Add a user: {name, role: employee|reviewer|admin, email?}", h.createUser},
		{"GET", "/tokens", adm, "API tokens (?user=NAME); never their secrets", h.listTokens},
		{"POST", "/tokens", adm, "Create an API token: {user, name?, expires?: 90d|12h|never|RFC 3339}; the secret is shown once", h.createToken},
		{"DELETE", "/tokens/{id}", adm, "Revoke an API token", h.revokeToken},
	}
}

type accountAPI struct {
	store probity.AccountStore
	now   func() time.Time
}

// DefaultTokenLifetime is how long a token created without "expires"
// lives, as with "probity tokens create".
const DefaultTokenLifetime = 90 * 24 * time.Hour

// maxTokenLifetime bounds "expires": ten years.
const maxTokenLifetime = 3650 * 24 * time.Hour

type userRequest struct {
	Name  string `json:"name"`
	Role  string `json:"role"`
	Email string `json:"email,omitempty"`
}

func (q *userRequest) check() error {
	q.Name, q.Email = strings.TrimSpace(q.Name), strings.TrimSpace(q.Email)
	if q.Name == "" {
		return required("name")
	}
	if strings.TrimSpace(q.Role) == "" {
		return required("role")
	}
	if _, err := probity.ParseRole(q.Role); err != nil {
		return errorf(probity.EINVALID, "field \"role\": %v", err)
	}
	return nil
}

type tokenRequest struct {
	User    string `json:"user"`
	Name    string `json:"name,omitempty"`
	Expires string `json:"expires,omitempty"`
}

// maxTokenName bounds a token's label.
const maxTokenName = 200

func (q *tokenRequest) check() error {
	if q.User = strings.TrimSpace(q.User); q.User == "" {
		return required("user")
	}
	if q.Name = strings.TrimSpace(q.Name); len(q.Name) > maxTokenName {
		return errorf(probity.EINVALID, "field \"name\" is %d bytes long; at most %d", len(q.Name), maxTokenName)
	}
	return nil
}

// expiry reads "expires" at now: a lifetime in days ("90d") or as a Go
// duration ("12h"), "never", or an RFC 3339 time; empty is
// DefaultTokenLifetime. The zero time means never.
func (q *tokenRequest) expiry(now time.Time) (time.Time, error) {
	s := strings.TrimSpace(q.Expires)
	bad := func(format string, args ...any) error {
		return errorf(probity.EINVALID, "field \"expires\": "+format, args...)
	}
	var life time.Duration
	switch {
	case s == "":
		life = DefaultTokenLifetime
	case s == "never":
		return time.Time{}, nil
	case strings.HasSuffix(s, "d"):
		days, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
		if err != nil || days <= 0 {
			return time.Time{}, bad("%q is not a number of days (90d)", s)
		}
		if days > int(maxTokenLifetime/(24*time.Hour)) {
			return time.Time{}, bad("%q is longer than %d days", s, int(maxTokenLifetime/(24*time.Hour)))
		}
		life = time.Duration(days) * 24 * time.Hour
	default:
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			if !t.After(now) {
				return time.Time{}, bad("%s is in the past", s)
			}
			if t.Sub(now) > maxTokenLifetime {
				return time.Time{}, bad("%s is more than ten years away", s)
			}
			return t.UTC(), nil
		}
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return time.Time{}, bad("%q is not a lifetime (90d, 12h, never) or an RFC 3339 time", s)
		}
		if d > maxTokenLifetime {
			return time.Time{}, bad("%q is longer than ten years", s)
		}
		life = d
	}
	return now.Add(life).UTC(), nil
}

// callerName is who the audit log names for a change.
func callerName(r *http.Request) string { return CallerOf(r.Context()).Name() }

// listUsers is GET /users.
func (h *accountAPI) listUsers(w http.ResponseWriter, r *http.Request) {
	users, err := h.store.Users(r.Context())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, map[string]any{"users": nonNilSlice(users)})
}

// createUser is POST /users.
func (h *accountAPI) createUser(w http.ResponseWriter, r *http.Request) {
	q, err := decodeRequest[userRequest](r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	role, _ := probity.ParseRole(q.Role) // checked
	u, err := h.store.CreateUser(r.Context(), probity.User{Name: q.Name, Role: role, Email: q.Email}, callerName(r))
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, u)
}

// listTokens is GET /tokens?user=NAME.
func (h *accountAPI) listTokens(w http.ResponseWriter, r *http.Request) {
	var userID int64
	if name := r.URL.Query().Get("user"); name != "" {
		u, err := h.store.User(r.Context(), name)
		if err != nil {
			WriteError(w, r, err)
			return
		}
		userID = u.ID
	}
	list, err := h.store.Tokens(r.Context(), userID)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, map[string]any{"tokens": nonNilSlice(list)})
}

// tokenCreated is POST /tokens's answer: the only time the secret is
// shown.
type tokenCreated struct {
	Token  probity.Token `json:"token"`
	Secret string        `json:"secret"`
}

// createToken is POST /tokens.
func (h *accountAPI) createToken(w http.ResponseWriter, r *http.Request) {
	q, err := decodeRequest[tokenRequest](r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	now := h.now().UTC()
	expires, err := q.expiry(now)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	u, err := h.store.User(r.Context(), q.User)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	if u.Disabled {
		WriteError(w, r, errorf(probity.ECONFLICT, "user %s is disabled: enable them before creating a token", u.Name))
		return
	}
	secret, display, hash, err := probity.NewSecret(probity.TokenPrefix)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	t, err := h.store.CreateToken(r.Context(), probity.Token{UserID: u.ID, Name: q.Name, Prefix: display, CreatedAt: now, ExpiresAt: expires}, hash, callerName(r))
	if err != nil {
		WriteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	WriteJSON(w, http.StatusOK, tokenCreated{Token: t, Secret: secret})
}

// revokeToken is DELETE /tokens/{id}.
func (h *accountAPI) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	t, err := h.store.RevokeToken(r.Context(), id, callerName(r))
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, t)
}
