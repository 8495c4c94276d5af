-- A web session remembers the API token it was made from (NULL for a
-- one-time sign-in link, which is used up at sign-in), so that revoking
-- the token ends the session too.
ALTER TABLE sessions ADD COLUMN token_id INTEGER REFERENCES api_tokens (id);
CREATE INDEX sessions_token ON sessions (token_id);
CREATE INDEX sessions_user ON sessions (user_id);
