-- 008: the transparency log (package translog; store side in
-- internal/sqlstore/translog.go). Entries and hashes are only ever
-- appended: the triggers refuse an UPDATE, DELETE or TRUNCATE (someone
-- with the database can drop them; probity verify is what catches that).
CREATE TABLE log_entries (
    idx     BIGINT PRIMARY KEY,
    type    TEXT NOT NULL,
    item_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    digest  BYTEA NOT NULL,
    data    BYTEA NOT NULL,
    UNIQUE (type, item_id, version)
);

CREATE TABLE log_hashes (
    level INTEGER NOT NULL,
    n     BIGINT NOT NULL,
    hash  BYTEA NOT NULL,
    PRIMARY KEY (level, n)
);

CREATE TABLE log_checkpoints (
    size      BIGINT PRIMARY KEY,
    note      TEXT NOT NULL,
    signed_at TEXT NOT NULL
);

CREATE FUNCTION log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the transparency log is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END
$$;

CREATE TRIGGER log_entries_append_only BEFORE UPDATE OR DELETE ON log_entries
    FOR EACH ROW EXECUTE FUNCTION log_append_only();
CREATE TRIGGER log_entries_no_truncate BEFORE TRUNCATE ON log_entries
    FOR EACH STATEMENT EXECUTE FUNCTION log_append_only();
CREATE TRIGGER log_hashes_append_only BEFORE UPDATE OR DELETE ON log_hashes
    FOR EACH ROW EXECUTE FUNCTION log_append_only();
CREATE TRIGGER log_hashes_no_truncate BEFORE TRUNCATE ON log_hashes
    FOR EACH STATEMENT EXECUTE FUNCTION log_append_only();
