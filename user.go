package probity

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Role is what a caller may see and do. Roles are ordered: each role may do
// what the roles below it may.
type Role string

const (
	// RolePublic is the role of a caller with no credentials: it sees only
	// what is published, and never a field marked confidential.
	RolePublic Role = "public"
	// RoleEmployee may screen, ask for decisions, and raise and sign concerns.
	RoleEmployee Role = "employee"
	// RoleReviewer may also read confidential evidence and work on cases.
	RoleReviewer Role = "reviewer"
	// RoleAdmin may also manage users and tokens and read the audit log.
	RoleAdmin Role = "admin"
)

// Roles returns the roles from least to most privileged.
func Roles() []Role { return []Role{RolePublic, RoleEmployee, RoleReviewer, RoleAdmin} }

// Rank is the role's place in the order (public 0 … admin 3), or -1 for an
// unknown role.
func (r Role) Rank() int {
	for i, x := range Roles() {
		if x == r {
			return i
		}
	}
	return -1
}

// AtLeast reports whether r is a known role at least as privileged as min.
func (r Role) AtLeast(min Role) bool { return r.Rank() >= 0 && r.Rank() >= min.Rank() }

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool { return r.Rank() >= 0 }

// ParseRole reads a role name (any case).
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", Errorf(EINVALID, "unknown role %q (want public, employee, reviewer or admin)", s)
	}
	return r, nil
}

// User is a person who may sign in: an employee, a reviewer or an admin.
// Public callers are not users.
type User struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email,omitempty"`
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"created_at"`
	Disabled  bool      `json:"disabled,omitempty"`
}

var userName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// ReservedUserNames are names that probity itself writes where a user name
// stands (audit actors, redacted signers, the caller without a user), so no
// user may take one: an audit entry by "system" must mean probity.
var ReservedUserNames = []string{"system", "public", "anonymous", "probity", "local-operator", "cli", "nobody"}

// Validate checks the name (lower-case letters, digits, '.', '_' and '-',
// at most 64, starting with a letter or digit), the role (employee,
// reviewer or admin) and the e-mail address (empty or with one '@').
func (u *User) Validate() error {
	bad := func(field, format string, args ...any) error {
		return &InputError{File: "user " + u.Name, Field: field, Reason: fmt.Sprintf(format, args...)}
	}
	if !userName.MatchString(u.Name) {
		return bad("name", "%q is not a user name (lower-case letters, digits, '.', '_' or '-', at most 64)", u.Name)
	}
	if slices.Contains(ReservedUserNames, u.Name) {
		return bad("name", "%q is reserved: probity writes it for itself (reserved: %s)", u.Name, strings.Join(ReservedUserNames, ", "))
	}
	if !u.Role.Valid() || u.Role == RolePublic {
		return bad("role", "%q is not employee, reviewer or admin", u.Role)
	}
	if u.Email != "" && (strings.Count(u.Email, "@") != 1 || strings.HasPrefix(u.Email, "@") || strings.HasSuffix(u.Email, "@") || strings.ContainsAny(u.Email, " \t\r\n<>")) {
		return bad("email", "%q is not an e-mail address", u.Email)
	}
	return nil
}

// Token is an API token of a user. Only the SHA-256 of its secret is
// stored; the secret is shown once, when the token is created. Prefix is
// the start of the secret, kept so that people can tell tokens apart.
// Zero times mean never.
type Token struct {
	ID         int64     `json:"id"`
	UserID     int64     `json:"user_id"`
	User       string    `json:"user"` // the user's name, filled in by the store
	Name       string    `json:"name,omitempty"`
	Prefix     string    `json:"prefix"`
	CreatedAt  time.Time `json:"created_at"`
	ExpiresAt  time.Time `json:"expires_at,omitzero"`
	RevokedAt  time.Time `json:"revoked_at,omitzero"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
	// UserDisabled: the token's user is disabled, so the token admits
	// nobody (filled in by the store).
	UserDisabled bool `json:"user_disabled,omitempty"`
}

// Active reports whether the token admits its user at now: neither
// revoked nor expired, and its user not disabled.
func (t *Token) Active(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt)) && !t.UserDisabled
}

// TokenPrefix starts every token secret, so that a leaked token is easy to
// recognise (and to find with secret scanners).
const TokenPrefix = "prb_"

// tokenEncoding is lower-case base32 without padding: no characters that
// need escaping in headers, URLs or shells.
var tokenEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewSecret returns a new random secret (prefix followed by 32 random bytes
// in base32), the part of it kept for display, and its hash.
func NewSecret(prefix string) (secret, display, hash string, err error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", "", err
	}
	secret = prefix + tokenEncoding.EncodeToString(b[:])
	return secret, secret[:len(prefix)+8], HashSecret(secret), nil
}

// HashSecret is the hex SHA-256 of a token or session secret: what the
// store keeps and looks up. The secrets have 256 bits of entropy, so a
// plain hash (no salt, no stretching) is enough.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Session is a web session: a cookie whose secret's hash is ID, the user it
// signs in, and the CSRF token that unsafe requests of the session must
// carry.
type Session struct {
	ID        string    `json:"-"` // HashSecret of the cookie value
	UserID    int64     `json:"user_id"`
	TokenID   int64     `json:"token_id,omitempty"` // the API token signed in with; 0 for a one-time link
	CSRF      string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}
