package probity

import (
	"context"
	"time"
)

// AccountStore keeps users, their API tokens and web sessions. Every
// change is written together with its audit entry (actor is who made it),
// in one transaction.
type AccountStore interface {
	// CreateUser validates and stores a new user (ECONFLICT if the name is
	// taken) and audits "user.create".
	CreateUser(ctx context.Context, u User, actor string) (User, error)
	// UpdateUser changes a user's e-mail, role and disabled flag (found by
	// ID) and audits "user.update" with the user before and after.
	UpdateUser(ctx context.Context, u User, actor string) (User, error)
	// User finds a user by name (ENOTFOUND if absent).
	User(ctx context.Context, name string) (*User, error)
	// UserByID finds a user by id (ENOTFOUND if absent).
	UserByID(ctx context.Context, id int64) (*User, error)
	// Users lists every user by name.
	Users(ctx context.Context) ([]User, error)

	// CreateToken stores a token whose secret has the given hash (see
	// HashSecret) and audits "token.create"; the secret itself is never
	// stored. ENOTFOUND if the user does not exist.
	CreateToken(ctx context.Context, t Token, hash string, actor string) (Token, error)
	// RevokeToken revokes a token (ENOTFOUND if absent, ECONFLICT if
	// already revoked) and audits "token.revoke".
	RevokeToken(ctx context.Context, id int64, actor string) (Token, error)
	// Tokens lists the tokens of a user, or of every user when userID is 0,
	// by id.
	Tokens(ctx context.Context, userID int64) ([]Token, error)
	// Authenticate finds the user and token whose secret has this hash. It
	// returns EUNAUTHORIZED if there is none, or if the token is revoked or
	// expired at now, or the user disabled. It records the time of use
	// (at most once a minute per token, so that it does not write on every
	// request).
	Authenticate(ctx context.Context, hash string, now time.Time) (*User, *Token, error)

	// CreateSession stores a web session (audited as "session.create").
	CreateSession(ctx context.Context, s Session, actor string) error
	// Session finds a session by the hash of its cookie and its user;
	// EUNAUTHORIZED if there is none, it expired at now, or the user is
	// disabled.
	Session(ctx context.Context, id string, now time.Time) (*Session, *User, error)
	// DeleteSession ends a session (no error if it is already gone).
	DeleteSession(ctx context.Context, id string) error
}
