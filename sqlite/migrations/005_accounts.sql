-- Users, API tokens and web sessions. Only hashes of token and session
-- secrets are stored (SHA-256, hex): a copy of the database does not let
-- anyone sign in.

CREATE TABLE users (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	email      TEXT NOT NULL DEFAULT '',
	role       TEXT NOT NULL CHECK (role IN ('employee', 'reviewer', 'admin')),
	created_at TEXT NOT NULL,
	disabled   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_tokens (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	name         TEXT NOT NULL DEFAULT '',
	prefix       TEXT NOT NULL,
	hash         TEXT NOT NULL UNIQUE,
	created_at   TEXT NOT NULL,
	expires_at   TEXT NOT NULL DEFAULT '',
	revoked_at   TEXT NOT NULL DEFAULT '',
	last_used_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

CREATE TABLE sessions (
	id         TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	csrf       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
