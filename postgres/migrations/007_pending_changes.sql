-- The outbox of work that follows a change (package pipeline), and the
-- change counter that serve's snapshot is keyed by. Triggers record a
-- pending change in the same transaction as every change to the register,
-- lists, screening results, findings, relationships and policy versions,
-- whichever code path writes it; the pipeline removes a change once the
-- work it calls for is done.
--
-- The triggers are per statement, over the statement's transition table:
-- one INSERT … SELECT for a whole COPY or multi-row write, and a counter
-- bump only when the statement changed rows.

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

-- pending_changes_counted bumps the counter when a statement added rows.
CREATE FUNCTION pending_changes_counted(added BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF added > 0 THEN
		UPDATE change_counter SET n = n + 1 WHERE id = 1;
	END IF;
END $$;

CREATE FUNCTION pending_contracts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE added BIGINT;
BEGIN
	INSERT INTO pending_changes (kind, contract_id) SELECT 'contract', id FROM changed_rows;
	GET DIAGNOSTICS added = ROW_COUNT;
	PERFORM pending_changes_counted(added);
	RETURN NULL;
END $$;
CREATE TRIGGER contracts_inserted AFTER INSERT ON contracts REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_contracts();
CREATE TRIGGER contracts_updated AFTER UPDATE ON contracts REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_contracts();

CREATE FUNCTION pending_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE added BIGINT;
BEGIN
	INSERT INTO pending_changes (kind, org_id) SELECT 'organization', id FROM changed_rows;
	GET DIAGNOSTICS added = ROW_COUNT;
	PERFORM pending_changes_counted(added);
	RETURN NULL;
END $$;
CREATE TRIGGER organizations_inserted AFTER INSERT ON organizations REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_organizations();

CREATE FUNCTION pending_org_names() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE added BIGINT;
BEGIN
	INSERT INTO pending_changes (kind, org_id) SELECT 'organization', org_id FROM changed_rows;
	GET DIAGNOSTICS added = ROW_COUNT;
	PERFORM pending_changes_counted(added);
	RETURN NULL;
END $$;
CREATE TRIGGER org_names_inserted AFTER INSERT ON org_names REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_org_names();

CREATE FUNCTION pending_screenings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE added BIGINT;
BEGIN
	INSERT INTO pending_changes (kind, org_id) SELECT 'screening', org_id FROM changed_rows;
	GET DIAGNOSTICS added = ROW_COUNT;
	PERFORM pending_changes_counted(added);
	RETURN NULL;
END $$;
CREATE TRIGGER screenings_inserted AFTER INSERT ON screenings REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_screenings();
CREATE TRIGGER screenings_updated AFTER UPDATE ON screenings REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_screenings();
CREATE TRIGGER screenings_deleted AFTER DELETE ON screenings REFERENCING OLD TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_screenings();

CREATE FUNCTION pending_findings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE added BIGINT;
BEGIN
	INSERT INTO pending_changes (kind, ref, org_id) SELECT 'finding', id::text, org_id FROM changed_rows;
	GET DIAGNOSTICS added = ROW_COUNT;
	PERFORM pending_changes_counted(added);
	RETURN NULL;
END $$;
CREATE TRIGGER findings_inserted AFTER INSERT ON findings REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_findings_inserted();

-- A finding may move to another organization: both are affected.
CREATE FUNCTION pending_findings_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE added BIGINT;
BEGIN
	INSERT INTO pending_changes (kind, ref, org_id, other_org_id)
		SELECT 'finding', n.id::text, n.org_id, o.org_id FROM changed_rows n JOIN old_rows o ON o.id = n.id;
	GET DIAGNOSTICS added = ROW_COUNT;
	PERFORM pending_changes_counted(added);
	RETURN NULL;
END $$;
CREATE TRIGGER findings_updated AFTER UPDATE ON findings REFERENCING NEW TABLE AS changed_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_findings_updated();

CREATE FUNCTION pending_relationships() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE added BIGINT;
BEGIN
	INSERT INTO pending_changes (kind, ref, org_id, other_org_id, contract_id)
		SELECT 'relationship', id::text, from_id, coalesce(to_id, 0), coalesce(contract_id, '') FROM changed_rows;
	GET DIAGNOSTICS added = ROW_COUNT;
	PERFORM pending_changes_counted(added);
	RETURN NULL;
END $$;
CREATE TRIGGER relationships_inserted AFTER INSERT ON relationships REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_relationships();

CREATE FUNCTION pending_list_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE added BIGINT;
BEGIN
	INSERT INTO pending_changes (kind, ref) SELECT 'list', id::text FROM changed_rows;
	GET DIAGNOSTICS added = ROW_COUNT;
	PERFORM pending_changes_counted(added);
	RETURN NULL;
END $$;
CREATE TRIGGER list_versions_inserted AFTER INSERT ON list_versions REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_list_versions();

CREATE FUNCTION pending_policy_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE added BIGINT;
BEGIN
	INSERT INTO pending_changes (kind, ref) SELECT 'policy', id::text FROM changed_rows;
	GET DIAGNOSTICS added = ROW_COUNT;
	PERFORM pending_changes_counted(added);
	RETURN NULL;
END $$;
CREATE TRIGGER policy_versions_inserted AFTER INSERT ON policy_versions REFERENCING NEW TABLE AS changed_rows
	FOR EACH STATEMENT EXECUTE FUNCTION pending_policy_versions();
