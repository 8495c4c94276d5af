-- 008: the transparency log (package translog; store side in
-- internal/sqlstore/translog.go). Entries and hashes are only ever
-- appended: the triggers refuse an UPDATE or DELETE (someone with the
-- database can drop them; probity verify is what catches that).
CREATE TABLE log_entries (
    idx     INTEGER PRIMARY KEY,
    type    TEXT NOT NULL,
    item_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    digest  BLOB NOT NULL,
    data    BLOB NOT NULL,
    UNIQUE (type, item_id, version)
);

CREATE TABLE log_hashes (
    level INTEGER NOT NULL,
    n     INTEGER NOT NULL,
    hash  BLOB NOT NULL,
    PRIMARY KEY (level, n)
) WITHOUT ROWID;

CREATE TABLE log_checkpoints (
    size      INTEGER PRIMARY KEY,
    note      TEXT NOT NULL,
    signed_at TEXT NOT NULL
);

CREATE TRIGGER log_entries_no_update BEFORE UPDATE ON log_entries
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
CREATE TRIGGER log_entries_no_delete BEFORE DELETE ON log_entries
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
CREATE TRIGGER log_hashes_no_update BEFORE UPDATE ON log_hashes
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
CREATE TRIGGER log_hashes_no_delete BEFORE DELETE ON log_hashes
BEGIN SELECT RAISE(ABORT, 'the transparency log is append-only'); END;
