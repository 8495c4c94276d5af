package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/probity/probity"
)

// Accounts: users, API tokens and browser sessions. Every change is
// audited in the same transaction.

const userColumns = `id, name, email, role, created_at, disabled`

// userScan holds the columns of a user row until they are parsed.
type userScan struct {
	u        probity.User
	role, at string
}

func (s *userScan) dest() []any {
	return []any{&s.u.ID, &s.u.Name, &s.u.Email, &s.role, &s.at, &s.u.Disabled}
}

func (s *userScan) user() probity.User {
	u := s.u
	u.Role, u.CreatedAt = probity.Role(s.role), parseTime(s.at)
	return u
}

func scanUser(row scanner) (probity.User, error) {
	var s userScan
	err := row.Scan(s.dest()...)
	return s.user(), err
}

// CreateUser implements probity.AccountStore.
func (db *DB) CreateUser(ctx context.Context, u probity.User, actor string) (probity.User, error) {
	if err := u.Validate(); err != nil {
		return u, err
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = db.Now()
	}
	err := db.write(ctx, func(tx *Tx) error {
		var taken bool
		if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE name = ?)`, u.Name).Scan(&taken); err != nil {
			return tx.db.wrap(err)
		}
		if taken {
			return probity.Errorf(probity.ECONFLICT, "user %q already exists", u.Name)
		}
		var err error
		u.ID, err = tx.insertID(ctx, `INSERT INTO users (name, email, role, created_at, disabled) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			u.Name, u.Email, string(u.Role), formatTime(u.CreatedAt), u.Disabled)
		if err != nil {
			return err
		}
		return tx.record(ctx)(probity.UserCreated(actor, u))
	})
	return u, err
}

// UpdateUser implements probity.AccountStore.
func (db *DB) UpdateUser(ctx context.Context, u probity.User, actor string) (probity.User, error) {
	err := db.write(ctx, func(tx *Tx) error {
		before, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, u.ID))
		if err != nil {
			return tx.db.wrap(notFound(err, "user %d not found", u.ID))
		}
		u.Name, u.CreatedAt = before.Name, before.CreatedAt
		if err := u.Validate(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET email = ?, role = ?, disabled = ? WHERE id = ?`, u.Email, string(u.Role), u.Disabled, u.ID); err != nil {
			return err
		}
		if u.Disabled {
			// Disabling ends every session for good: enabling the user
			// again does not bring them back.
			if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, u.ID); err != nil {
				return err
			}
		}
		return tx.record(ctx)(probity.UserUpdated(actor, before, u))
	})
	return u, err
}

// User implements probity.AccountStore.
func (db *DB) User(ctx context.Context, name string) (*probity.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE name = ?`, name))
	if err != nil {
		return nil, db.wrap(notFound(err, "user %q not found", name))
	}
	return &u, nil
}

// UserByID implements probity.AccountStore.
func (db *DB) UserByID(ctx context.Context, id int64) (*probity.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if err != nil {
		return nil, db.wrap(notFound(err, "user %d not found", id))
	}
	return &u, nil
}

// Users implements probity.AccountStore.
func (db *DB) Users(ctx context.Context) ([]probity.User, error) {
	var out []probity.User
	err := eachRow(ctx, db, `SELECT `+userColumns+` FROM users ORDER BY name`, nil, func(rows *sql.Rows) error {
		u, err := scanUser(rows)
		out = append(out, u)
		return err
	})
	return out, err
}

const tokenColumns = `t.id, t.user_id, u.name, t.name, t.prefix, t.created_at, t.expires_at, t.revoked_at, t.last_used_at, u.disabled`

const tokenFrom = ` FROM api_tokens t JOIN users u ON u.id = t.user_id`

// tokenScan holds the columns of a token row until they are parsed.
type tokenScan struct {
	t                               probity.Token
	created, expires, revoked, used string
}

func (s *tokenScan) dest() []any {
	return []any{&s.t.ID, &s.t.UserID, &s.t.User, &s.t.Name, &s.t.Prefix, &s.created, &s.expires, &s.revoked, &s.used, &s.t.UserDisabled}
}

func (s *tokenScan) token() probity.Token {
	t := s.t
	t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt = parseTime(s.created), parseOptTime(s.expires), parseOptTime(s.revoked), parseOptTime(s.used)
	return t
}

func scanToken(row scanner) (probity.Token, error) {
	var s tokenScan
	err := row.Scan(s.dest()...)
	return s.token(), err
}

// CreateToken implements probity.AccountStore.
func (db *DB) CreateToken(ctx context.Context, t probity.Token, hash, actor string) (probity.Token, error) {
	if len(hash) != 64 {
		return t, probity.Errorf(probity.EINVALID, "token hash must be a hex SHA-256")
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = db.Now()
	}
	if !t.ExpiresAt.IsZero() && !t.ExpiresAt.After(t.CreatedAt) {
		return t, probity.Errorf(probity.EINVALID, "token would expire before it is created")
	}
	err := db.write(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT name FROM users WHERE id = ?`, t.UserID).Scan(&t.User); err != nil {
			return tx.db.wrap(notFound(err, "user %d not found", t.UserID))
		}
		var taken bool
		if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM api_tokens WHERE hash = ?)`, hash).Scan(&taken); err != nil {
			return tx.db.wrap(err)
		}
		if taken {
			return probity.Errorf(probity.ECONFLICT, "a token with this secret already exists")
		}
		var err error
		t.ID, err = tx.insertID(ctx, `INSERT INTO api_tokens (user_id, name, prefix, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			t.UserID, t.Name, t.Prefix, hash, formatTime(t.CreatedAt), optTime(t.ExpiresAt))
		if err != nil {
			return err
		}
		return tx.record(ctx)(probity.TokenCreated(actor, t))
	})
	return t, err
}

// RevokeToken implements probity.AccountStore.
func (db *DB) RevokeToken(ctx context.Context, id int64, actor string) (probity.Token, error) {
	var t probity.Token
	err := db.write(ctx, func(tx *Tx) error {
		before, err := scanToken(tx.queryRow(ctx, `SELECT `+tokenColumns+tokenFrom+` WHERE t.id = ?`, id))
		if err != nil {
			return tx.db.wrap(notFound(err, "token %d not found", id))
		}
		if !before.RevokedAt.IsZero() {
			return probity.Errorf(probity.ECONFLICT, "token %d was already revoked at %s", id, before.RevokedAt.UTC().Format(time.RFC3339))
		}
		t = before
		t.RevokedAt = db.Now()
		if _, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, formatTime(t.RevokedAt), id); err != nil {
			return err
		}
		// The sessions signed in with this token end with it.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_id = ?`, id); err != nil {
			return err
		}
		return tx.record(ctx)(probity.TokenRevoked(actor, before, t))
	})
	return t, err
}

// Tokens implements probity.AccountStore.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]probity.Token, error) {
	query, args := `SELECT `+tokenColumns+tokenFrom, []any{}
	if userID != 0 {
		query += ` WHERE t.user_id = ?`
		args = append(args, userID)
	}
	var out []probity.Token
	err := eachRow(ctx, db, query+` ORDER BY t.id`, args, func(rows *sql.Rows) error {
		t, err := scanToken(rows)
		out = append(out, t)
		return err
	})
	return out, err
}

// lastUsedResolution is how stale a token's last use may get before
// Authenticate writes it again.
const lastUsedResolution = time.Minute

var errUnauthorized = probity.Errorf(probity.EUNAUTHORIZED, "invalid, expired or revoked token")

// Authenticate implements probity.AccountStore. The time of use is
// written outside a write transaction: it is one row, last write wins.
func (db *DB) Authenticate(ctx context.Context, hash string, now time.Time) (*probity.User, *probity.Token, error) {
	var ts tokenScan
	var us userScan
	// Every request authenticates: the statement is prepared once.
	err := db.logReads().queryRow(ctx, `SELECT `+tokenColumns+`, `+prefixed("u.", userColumns)+tokenFrom+` WHERE t.hash = ?`, hash).
		Scan(append(ts.dest(), us.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errUnauthorized
	}
	if err != nil {
		return nil, nil, db.wrap(err)
	}
	t, u := ts.token(), us.user()
	if !t.Active(now) || u.Disabled {
		return nil, nil, errUnauthorized
	}
	if now.Sub(t.LastUsedAt) >= lastUsedResolution {
		if _, err := db.execOutside(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, formatTime(now), t.ID); err != nil {
			return nil, nil, err
		}
		t.LastUsedAt = now
	}
	return &u, &t, nil
}

func prefixed(p, columns string) string {
	parts := strings.Split(columns, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}

// CreateSession implements probity.AccountStore.
func (db *DB) CreateSession(ctx context.Context, s probity.Session, actor string) error {
	if len(s.ID) != 64 || s.CSRF == "" || s.ExpiresAt.IsZero() {
		return probity.Errorf(probity.EINVALID, "a session needs a hashed id, a CSRF token and an expiry")
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = db.Now()
	}
	return db.write(ctx, func(tx *Tx) error {
		// Expired sessions are of no use to anyone: drop them as we go.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, formatTime(s.CreatedAt)); err != nil {
			return err
		}
		var token any // NULL: a one-time link, used up at sign-in
		if s.TokenID != 0 {
			token = s.TokenID
		}
		if _, err := tx.exec(ctx, `INSERT INTO sessions (id, user_id, token_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			s.ID, s.UserID, token, s.CSRF, formatTime(s.CreatedAt), formatTime(s.ExpiresAt)); err != nil {
			return err
		}
		return tx.record(ctx)(probity.SessionCreated(actor, s))
	})
}

// Session implements probity.AccountStore.
func (db *DB) Session(ctx context.Context, id string, now time.Time) (*probity.Session, *probity.User, error) {
	var s probity.Session
	var created, expires string
	var us userScan
	var token sql.NullInt64
	err := db.logReads().queryRow(ctx, `SELECT s.id, s.user_id, s.token_id, s.csrf, s.created_at, s.expires_at, `+prefixed("u.", userColumns)+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`, id).
		Scan(append([]any{&s.ID, &s.UserID, &token, &s.CSRF, &created, &expires}, us.dest()...)...)
	s.TokenID = token.Int64
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, probity.Errorf(probity.EUNAUTHORIZED, "no such session: sign in again")
	}
	if err != nil {
		return nil, nil, db.wrap(err)
	}
	s.CreatedAt, s.ExpiresAt = parseTime(created), parseTime(expires)
	u := us.user()
	if !now.Before(s.ExpiresAt) || u.Disabled {
		return nil, nil, probity.Errorf(probity.EUNAUTHORIZED, "the session has expired: sign in again")
	}
	return &s, &u, nil
}

// DeleteSession implements probity.AccountStore. Deleting one row needs
// no write transaction.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	_, err := db.execOutside(ctx, `DELETE FROM sessions WHERE id = ?`, id)
	return err
}
