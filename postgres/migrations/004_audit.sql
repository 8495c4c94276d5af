-- The audit log: every change of state, append-only. The triggers refuse
-- any UPDATE, DELETE or TRUNCATE, so not even a bug in probity can rewrite
-- history.

CREATE TABLE audit_log (
	id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at     TEXT COLLATE "C" NOT NULL,
	actor  TEXT COLLATE "C" NOT NULL,
	action TEXT COLLATE "C" NOT NULL,
	object TEXT COLLATE "C" NOT NULL,
	before TEXT COLLATE "C",
	after  TEXT COLLATE "C"
);
CREATE INDEX audit_object ON audit_log (object, id);
CREATE INDEX audit_actor ON audit_log (actor, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
