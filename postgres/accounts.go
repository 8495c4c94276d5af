package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/probity/probity"
)

const userColumns = `id, name, email, role, created_at, disabled`

func scanUser(row pgx.Row) (probity.User, error) {
	var u probity.User
	var role, at string
	err := row.Scan(&u.ID, &u.Name, &u.Email, &role, &at, &u.Disabled)
	u.Role, u.CreatedAt = probity.Role(role), parseTime(at)
	return u, err
}

// CreateUser implements probity.AccountStore.
func (db *DB) CreateUser(ctx context.Context, u probity.User, actor string) (probity.User, error) {
	if err := u.Validate(); err != nil {
		return u, err
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = db.Now()
	}
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		var err error
		u.ID, err = tx.insertID(ctx, `INSERT INTO users (name, email, role, created_at, disabled) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			u.Name, u.Email, string(u.Role), formatTime(u.CreatedAt), u.Disabled)
		if isUniqueViolation(err) {
			return probity.Errorf(probity.ECONFLICT, "user %q already exists", u.Name)
		}
		if err != nil {
			return err
		}
		return tx.audit(ctx, actor, "user.create", "user:"+u.Name, nil, u)
	})
	return u, err
}

// UpdateUser implements probity.AccountStore.
func (db *DB) UpdateUser(ctx context.Context, u probity.User, actor string) (probity.User, error) {
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		before, err := scanUser(tx.tx.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, u.ID))
		if errors.Is(err, pgx.ErrNoRows) {
			return probity.Errorf(probity.ENOTFOUND, "user %d not found", u.ID)
		}
		if err != nil {
			return err
		}
		u.Name, u.CreatedAt = before.Name, before.CreatedAt
		if err := u.Validate(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET email = $1, role = $2, disabled = $3 WHERE id = $4`, u.Email, string(u.Role), u.Disabled, u.ID); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "user.update", "user:"+u.Name, before, u)
	})
	return u, err
}

// User implements probity.AccountStore.
func (db *DB) User(ctx context.Context, name string) (*probity.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE name = $1`, name))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, probity.Errorf(probity.ENOTFOUND, "user %q not found", name)
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// UserByID implements probity.AccountStore.
func (db *DB) UserByID(ctx context.Context, id int64) (*probity.User, error) {
	u, err := scanUser(db.pool.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, probity.Errorf(probity.ENOTFOUND, "user %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// Users implements probity.AccountStore.
func (db *DB) Users(ctx context.Context) ([]probity.User, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

const tokenColumns = `t.id, t.user_id, u.name, t.name, t.prefix, t.created_at, t.expires_at, t.revoked_at, t.last_used_at`

const tokenFrom = ` FROM api_tokens t JOIN users u ON u.id = t.user_id`

// tokenScan holds the text columns of a token row until they are parsed.
type tokenScan struct {
	t                               probity.Token
	created, expires, revoked, used string
}

func (s *tokenScan) dest() []any {
	return []any{&s.t.ID, &s.t.UserID, &s.t.User, &s.t.Name, &s.t.Prefix, &s.created, &s.expires, &s.revoked, &s.used}
}

func (s *tokenScan) token() probity.Token {
	t := s.t
	t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt = parseTime(s.created), parseOptTime(s.expires), parseOptTime(s.revoked), parseOptTime(s.used)
	return t
}

func scanToken(row pgx.Row) (probity.Token, error) {
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
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		var name string
		err := tx.tx.QueryRow(ctx, `SELECT name FROM users WHERE id = $1`, t.UserID).Scan(&name)
		if errors.Is(err, pgx.ErrNoRows) {
			return probity.Errorf(probity.ENOTFOUND, "user %d not found", t.UserID)
		}
		if err != nil {
			return err
		}
		t.User = name
		t.ID, err = tx.insertID(ctx, `INSERT INTO api_tokens (user_id, name, prefix, hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			t.UserID, t.Name, t.Prefix, hash, formatTime(t.CreatedAt), optTime(t.ExpiresAt))
		if isUniqueViolation(err) {
			return probity.Errorf(probity.ECONFLICT, "a token with this secret already exists")
		}
		if err != nil {
			return err
		}
		return tx.audit(ctx, actor, "token.create", "token:"+strconv.FormatInt(t.ID, 10), nil, t)
	})
	return t, err
}

// RevokeToken implements probity.AccountStore.
func (db *DB) RevokeToken(ctx context.Context, id int64, actor string) (probity.Token, error) {
	var t probity.Token
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		before, err := scanToken(tx.tx.QueryRow(ctx, `SELECT `+tokenColumns+tokenFrom+` WHERE t.id = $1`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return probity.Errorf(probity.ENOTFOUND, "token %d not found", id)
		}
		if err != nil {
			return err
		}
		if !before.RevokedAt.IsZero() {
			return probity.Errorf(probity.ECONFLICT, "token %d was already revoked at %s", id, before.RevokedAt.UTC().Format(time.RFC3339))
		}
		t = before
		t.RevokedAt = db.Now()
		if _, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2`, formatTime(t.RevokedAt), id); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "token.revoke", "token:"+strconv.FormatInt(id, 10), before, t)
	})
	return t, err
}

// Tokens implements probity.AccountStore.
func (db *DB) Tokens(ctx context.Context, userID int64) ([]probity.Token, error) {
	query, args := `SELECT `+tokenColumns+tokenFrom, []any{}
	if userID != 0 {
		query += ` WHERE t.user_id = $1`
		args = append(args, userID)
	}
	rows, err := db.pool.Query(ctx, query+` ORDER BY t.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// lastUsedResolution is how stale a token's last use may get before
// Authenticate writes it again.
const lastUsedResolution = time.Minute

var errUnauthorized = probity.Errorf(probity.EUNAUTHORIZED, "invalid, expired or revoked token")

// Authenticate implements probity.AccountStore. The time of use is
// written without the writer lock: it is one row, last write wins.
func (db *DB) Authenticate(ctx context.Context, hash string, now time.Time) (*probity.User, *probity.Token, error) {
	row := db.pool.QueryRow(ctx, `SELECT `+tokenColumns+`, `+prefixed("u.", userColumns)+tokenFrom+` WHERE t.hash = $1`, hash)
	var ts tokenScan
	var u probity.User
	var role, userCreated string
	err := row.Scan(append(ts.dest(), &u.ID, &u.Name, &u.Email, &role, &userCreated, &u.Disabled)...)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, errUnauthorized
	}
	if err != nil {
		return nil, nil, err
	}
	t := ts.token()
	u.Role, u.CreatedAt = probity.Role(role), parseTime(userCreated)
	if !t.Active(now) || u.Disabled {
		return nil, nil, errUnauthorized
	}
	if now.Sub(t.LastUsedAt) >= lastUsedResolution {
		if _, err := db.pool.Exec(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, formatTime(now), t.ID); err != nil {
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
	return db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		// Expired sessions are of no use to anyone: drop them as we go.
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at < $1`, formatTime(s.CreatedAt)); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
			s.ID, s.UserID, s.CSRF, formatTime(s.CreatedAt), formatTime(s.ExpiresAt)); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "session.create", "user:"+actor, nil, s)
	})
}

// Session implements probity.AccountStore.
func (db *DB) Session(ctx context.Context, id string, now time.Time) (*probity.Session, *probity.User, error) {
	row := db.pool.QueryRow(ctx, `SELECT s.id, s.user_id, s.csrf, s.created_at, s.expires_at, `+prefixed("u.", userColumns)+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`, id)
	var s probity.Session
	var created, expires string
	var u probity.User
	var role, userCreated string
	err := row.Scan(&s.ID, &s.UserID, &s.CSRF, &created, &expires, &u.ID, &u.Name, &u.Email, &role, &userCreated, &u.Disabled)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, probity.Errorf(probity.EUNAUTHORIZED, "no such session: sign in again")
	}
	if err != nil {
		return nil, nil, err
	}
	s.CreatedAt, s.ExpiresAt = parseTime(created), parseTime(expires)
	u.Role, u.CreatedAt = probity.Role(role), parseTime(userCreated)
	if !now.Before(s.ExpiresAt) || u.Disabled {
		return nil, nil, probity.Errorf(probity.EUNAUTHORIZED, "the session has expired: sign in again")
	}
	return &s, &u, nil
}

// DeleteSession implements probity.AccountStore. Deleting one row needs
// no writer lock.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	if _, err := db.pool.Exec(ctx, `DELETE FROM sessions WHERE id = $1`, id); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}
