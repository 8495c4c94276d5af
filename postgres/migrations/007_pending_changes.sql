-- The outbox of work that follows a change (package pipeline), and the
-- change counter that serve's snapshot is keyed by. Triggers record a
-- pending change in the same transaction as every change to the register,
-- lists, screening results, findings, relationships and policy versions,
-- whichever code path writes it (COPY included); the pipeline removes a
-- change once the work it calls for is done.

CREATE TABLE change_counter (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  BIGINT NOT NULL
);
INSERT INTO change_counter (id, n) VALUES (1, 0);

CREATE TABLE pending_changes (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind         TEXT NOT NULL,
	ref          TEXT NOT NULL DEFAULT '',
	org_id       BIGINT NOT NULL DEFAULT 0,
	other_org_id BIGINT NOT NULL DEFAULT 0,
	contract_id  TEXT COLLATE "C" NOT NULL DEFAULT '',
	at           TEXT NOT NULL DEFAULT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
);

CREATE FUNCTION pending_changes_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE change_counter SET n = n + 1 WHERE id = 1;
	RETURN NULL;
END $$;
CREATE TRIGGER pending_changes_count AFTER INSERT ON pending_changes
	FOR EACH STATEMENT EXECUTE FUNCTION pending_changes_count();

CREATE FUNCTION pending_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	CASE TG_TABLE_NAME
	WHEN 'contracts' THEN
		INSERT INTO pending_changes (kind, contract_id) VALUES ('contract', NEW.id);
	WHEN 'organizations' THEN
		INSERT INTO pending_changes (kind, org_id) VALUES ('organization', NEW.id);
	WHEN 'org_names' THEN
		INSERT INTO pending_changes (kind, org_id) VALUES ('organization', NEW.org_id);
	WHEN 'screenings' THEN
		IF TG_OP = 'DELETE' THEN
			INSERT INTO pending_changes (kind, org_id) VALUES ('screening', OLD.org_id);
		ELSE
			INSERT INTO pending_changes (kind, org_id) VALUES ('screening', NEW.org_id);
		END IF;
	WHEN 'findings' THEN
		IF TG_OP = 'UPDATE' THEN
			INSERT INTO pending_changes (kind, ref, org_id, other_org_id) VALUES ('finding', NEW.id::text, NEW.org_id, OLD.org_id);
		ELSE
			INSERT INTO pending_changes (kind, ref, org_id) VALUES ('finding', NEW.id::text, NEW.org_id);
		END IF;
	WHEN 'relationships' THEN
		INSERT INTO pending_changes (kind, ref, org_id, other_org_id, contract_id)
			VALUES ('relationship', NEW.id::text, NEW.from_id, coalesce(NEW.to_id, 0), coalesce(NEW.contract_id, ''));
	WHEN 'list_versions' THEN
		INSERT INTO pending_changes (kind, ref) VALUES ('list', NEW.id::text);
	WHEN 'policy_versions' THEN
		INSERT INTO pending_changes (kind, ref) VALUES ('policy', NEW.id::text);
	END CASE;
	RETURN NULL;
END $$;

CREATE TRIGGER contracts_pending AFTER INSERT OR UPDATE ON contracts FOR EACH ROW EXECUTE FUNCTION pending_change();
CREATE TRIGGER organizations_pending AFTER INSERT ON organizations FOR EACH ROW EXECUTE FUNCTION pending_change();
CREATE TRIGGER org_names_pending AFTER INSERT ON org_names FOR EACH ROW EXECUTE FUNCTION pending_change();
CREATE TRIGGER screenings_pending AFTER INSERT OR UPDATE OR DELETE ON screenings FOR EACH ROW EXECUTE FUNCTION pending_change();
CREATE TRIGGER findings_pending AFTER INSERT OR UPDATE ON findings FOR EACH ROW EXECUTE FUNCTION pending_change();
CREATE TRIGGER relationships_pending AFTER INSERT ON relationships FOR EACH ROW EXECUTE FUNCTION pending_change();
CREATE TRIGGER list_versions_pending AFTER INSERT ON list_versions FOR EACH ROW EXECUTE FUNCTION pending_change();
CREATE TRIGGER policy_versions_pending AFTER INSERT ON policy_versions FOR EACH ROW EXECUTE FUNCTION pending_change();
