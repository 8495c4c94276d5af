-- The outbox of work that follows a change (package pipeline), and the
-- change counter that serve's snapshot is keyed by. Triggers record a
-- pending change in the same transaction as every change to the register,
-- lists, screening results, findings, relationships and policy versions,
-- whichever code path writes it; the pipeline removes a change once the
-- work it calls for is done.

CREATE TABLE pending_changes (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	kind         TEXT NOT NULL,
	ref          TEXT NOT NULL DEFAULT '',
	org_id       INTEGER NOT NULL DEFAULT 0,
	other_org_id INTEGER NOT NULL DEFAULT 0,
	contract_id  TEXT NOT NULL DEFAULT '',
	at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The change counter: a table in both dialects, so that a copy between
-- stores carries it as it carries every table.
CREATE TABLE change_counter (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO change_counter (id, n) VALUES (1, 0);

CREATE TRIGGER pending_changes_count AFTER INSERT ON pending_changes BEGIN
	UPDATE change_counter SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER contracts_inserted AFTER INSERT ON contracts BEGIN
	INSERT INTO pending_changes (kind, contract_id) VALUES ('contract', NEW.id);
END;
CREATE TRIGGER contracts_updated AFTER UPDATE ON contracts BEGIN
	INSERT INTO pending_changes (kind, contract_id) VALUES ('contract', NEW.id);
END;

CREATE TRIGGER organizations_inserted AFTER INSERT ON organizations BEGIN
	INSERT INTO pending_changes (kind, org_id) VALUES ('organization', NEW.id);
END;
CREATE TRIGGER org_names_inserted AFTER INSERT ON org_names BEGIN
	INSERT INTO pending_changes (kind, org_id) VALUES ('organization', NEW.org_id);
END;

CREATE TRIGGER screenings_inserted AFTER INSERT ON screenings BEGIN
	INSERT INTO pending_changes (kind, org_id) VALUES ('screening', NEW.org_id);
END;
CREATE TRIGGER screenings_updated AFTER UPDATE ON screenings BEGIN
	INSERT INTO pending_changes (kind, org_id) VALUES ('screening', NEW.org_id);
END;
CREATE TRIGGER screenings_deleted AFTER DELETE ON screenings BEGIN
	INSERT INTO pending_changes (kind, org_id) VALUES ('screening', OLD.org_id);
END;

CREATE TRIGGER findings_inserted AFTER INSERT ON findings BEGIN
	INSERT INTO pending_changes (kind, ref, org_id) VALUES ('finding', NEW.id, NEW.org_id);
END;
CREATE TRIGGER findings_updated AFTER UPDATE ON findings BEGIN
	INSERT INTO pending_changes (kind, ref, org_id, other_org_id) VALUES ('finding', NEW.id, NEW.org_id, OLD.org_id);
END;

CREATE TRIGGER relationships_inserted AFTER INSERT ON relationships BEGIN
	INSERT INTO pending_changes (kind, ref, org_id, other_org_id, contract_id)
		VALUES ('relationship', NEW.id, NEW.from_id, coalesce(NEW.to_id, 0), coalesce(NEW.contract_id, ''));
END;

CREATE TRIGGER list_versions_inserted AFTER INSERT ON list_versions BEGIN
	INSERT INTO pending_changes (kind, ref) VALUES ('list', NEW.id);
END;

CREATE TRIGGER policy_versions_inserted AFTER INSERT ON policy_versions BEGIN
	INSERT INTO pending_changes (kind, ref) VALUES ('policy', NEW.id);
END;
