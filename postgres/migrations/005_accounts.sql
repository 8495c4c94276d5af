-- Users, API tokens and web sessions. Only hashes of token and session
-- secrets are stored (SHA-256, hex): a copy of the database does not let
-- anyone sign in.

CREATE TABLE users (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name       TEXT COLLATE "C" NOT NULL UNIQUE,
	email      TEXT COLLATE "C" NOT NULL DEFAULT '',
	role       TEXT COLLATE "C" NOT NULL CHECK (role IN ('employee', 'reviewer', 'admin')),
	created_at TEXT COLLATE "C" NOT NULL,
	disabled   BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE api_tokens (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id      BIGINT NOT NULL REFERENCES users (id),
	name         TEXT COLLATE "C" NOT NULL DEFAULT '',
	prefix       TEXT COLLATE "C" NOT NULL,
	hash         TEXT COLLATE "C" NOT NULL UNIQUE,
	created_at   TEXT COLLATE "C" NOT NULL,
	expires_at   TEXT COLLATE "C" NOT NULL DEFAULT '',
	revoked_at   TEXT COLLATE "C" NOT NULL DEFAULT '',
	last_used_at TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

CREATE TABLE sessions (
	id         TEXT COLLATE "C" PRIMARY KEY,
	user_id    BIGINT NOT NULL REFERENCES users (id),
	csrf       TEXT COLLATE "C" NOT NULL,
	created_at TEXT COLLATE "C" NOT NULL,
	expires_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
