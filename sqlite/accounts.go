package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
)

// optTime formats a time that may be zero (stored as ”).
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

func parseOptTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return parseTime(s)
}

// audit appends an audit entry with before and after as JSON (nil: null).
func (tx *Tx) audit(ctx context.Context, actor, action, object string, before, after any) error {
	e := probity.AuditEntry{Actor: actor, Action: action, Object: object}
	if before != nil {
		b, err := json.Marshal(before)
		if err != nil {
			return err
		}
		e.Before = b
	}
	if after != nil {
		b, err := json.Marshal(after)
		if err != nil {
			return err
		}
		e.After = b
	}
	_, err := tx.AppendAudit(ctx, e)
	return err
}

func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

const userColumns = `id, name, email, role, created_at, disabled`

func scanUser(row interface{ Scan(...any) error }) (probity.User, error) {
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
		res, err := tx.exec(ctx, `INSERT INTO users (name, email, role, created_at, disabled) VALUES (?, ?, ?, ?, ?)`,
			u.Name, u.Email, string(u.Role), formatTime(u.CreatedAt), u.Disabled)
		if isUniqueViolation(err) {
			return probity.Errorf(probity.ECONFLICT, "user %q already exists", u.Name)
		}
		if err != nil {
			return err
		}
		if u.ID, err = res.LastInsertId(); err != nil {
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
		before, err := scanUser(tx.tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, u.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return probity.Errorf(probity.ENOTFOUND, "user %d not found", u.ID)
		}
		if err != nil {
			return err
		}
		u.Name, u.CreatedAt = before.Name, before.CreatedAt
		if err := u.Validate(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE users SET email = ?, role = ?, disabled = ? WHERE id = ?`, u.Email, string(u.Role), u.Disabled, u.ID); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "user.update", "user:"+u.Name, before, u)
	})
	return u, err
}

// User implements probity.AccountStore.
func (db *DB) User(ctx context.Context, name string) (*probity.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, probity.Errorf(probity.ENOTFOUND, "user %q not found", name)
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// UserByID implements probity.AccountStore.
func (db *DB) UserByID(ctx context.Context, id int64) (*probity.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, probity.Errorf(probity.ENOTFOUND, "user %d not found", id)
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// Users implements probity.AccountStore.
func (db *DB) Users(ctx context.Context) ([]probity.User, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
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

func scanToken(row interface{ Scan(...any) error }) (probity.Token, error) {
	var t probity.Token
	var created, expires, revoked, used string
	err := row.Scan(&t.ID, &t.UserID, &t.User, &t.Name, &t.Prefix, &created, &expires, &revoked, &used)
	t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt = parseTime(created), parseOptTime(expires), parseOptTime(revoked), parseOptTime(used)
	return t, err
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
		err := tx.tx.QueryRowContext(ctx, `SELECT name FROM users WHERE id = ?`, t.UserID).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return probity.Errorf(probity.ENOTFOUND, "user %d not found", t.UserID)
		}
		if err != nil {
			return err
		}
		t.User = name
		res, err := tx.exec(ctx, `INSERT INTO api_tokens (user_id, name, prefix, hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			t.UserID, t.Name, t.Prefix, hash, formatTime(t.CreatedAt), optTime(t.ExpiresAt))
		if isUniqueViolation(err) {
			return probity.Errorf(probity.ECONFLICT, "a token with this secret already exists")
		}
		if err != nil {
			return err
		}
		if t.ID, err = res.LastInsertId(); err != nil {
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
		before, err := scanToken(tx.tx.QueryRowContext(ctx, `SELECT `+tokenColumns+tokenFrom+` WHERE t.id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
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
		if _, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, formatTime(t.RevokedAt), id); err != nil {
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
		query += ` WHERE t.user_id = ?`
		args = append(args, userID)
	}
	rows, err := db.read.QueryContext(ctx, query+` ORDER BY t.id`, args...)
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

// Authenticate implements probity.AccountStore.
func (db *DB) Authenticate(ctx context.Context, hash string, now time.Time) (*probity.User, *probity.Token, error) {
	row := db.read.QueryRowContext(ctx, `SELECT `+tokenColumns+`, `+prefixed("u.", userColumns)+tokenFrom+` WHERE t.hash = ?`, hash)
	var t probity.Token
	var u probity.User
	var created, expires, revoked, used, role, userCreated string
	err := row.Scan(&t.ID, &t.UserID, &t.User, &t.Name, &t.Prefix, &created, &expires, &revoked, &used,
		&u.ID, &u.Name, &u.Email, &role, &userCreated, &u.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errUnauthorized
	}
	if err != nil {
		return nil, nil, err
	}
	t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt = parseTime(created), parseOptTime(expires), parseOptTime(revoked), parseOptTime(used)
	u.Role, u.CreatedAt = probity.Role(role), parseTime(userCreated)
	if !t.Active(now) || u.Disabled {
		return nil, nil, errUnauthorized
	}
	if now.Sub(t.LastUsedAt) >= lastUsedResolution {
		err := db.Update(ctx, func(ptx probity.Tx) error {
			_, err := ptx.(*Tx).exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, formatTime(now), t.ID)
			return err
		})
		if err != nil {
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
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, formatTime(s.CreatedAt)); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			s.ID, s.UserID, s.CSRF, formatTime(s.CreatedAt), formatTime(s.ExpiresAt)); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "session.create", "user:"+actor, nil, s)
	})
}

// Session implements probity.AccountStore.
func (db *DB) Session(ctx context.Context, id string, now time.Time) (*probity.Session, *probity.User, error) {
	row := db.read.QueryRowContext(ctx, `SELECT s.id, s.user_id, s.csrf, s.created_at, s.expires_at, `+prefixed("u.", userColumns)+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`, id)
	var s probity.Session
	var created, expires string
	var u probity.User
	var role, userCreated string
	err := row.Scan(&s.ID, &s.UserID, &s.CSRF, &created, &expires, &u.ID, &u.Name, &u.Email, &role, &userCreated, &u.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
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

// DeleteSession implements probity.AccountStore.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	return db.Update(ctx, func(ptx probity.Tx) error {
		_, err := ptx.(*Tx).exec(ctx, `DELETE FROM sessions WHERE id = ?`, id)
		return err
	})
}
