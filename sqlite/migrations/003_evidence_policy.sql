-- Findings with their full history, published policy versions, and the
-- decisions taken under them (history: never updated).

CREATE TABLE findings (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES organizations (id),
	status     TEXT NOT NULL,
	version    INTEGER NOT NULL,
	data       TEXT NOT NULL -- the probity.Finding as JSON
);
CREATE INDEX findings_org ON findings (org_id);

CREATE TABLE finding_history (
	finding_id INTEGER NOT NULL REFERENCES findings (id),
	version    INTEGER NOT NULL,
	changed_at TEXT NOT NULL,
	author     TEXT NOT NULL,
	data       TEXT NOT NULL,
	PRIMARY KEY (finding_id, version)
) WITHOUT ROWID;

CREATE TABLE policy_versions (
	id           INTEGER PRIMARY KEY,
	hash         TEXT NOT NULL,
	author       TEXT NOT NULL,
	published_at TEXT NOT NULL,
	files        TEXT NOT NULL -- JSON object: file name → content
);

CREATE TABLE decisions (
	id               INTEGER PRIMARY KEY,
	contract_id      TEXT NOT NULL REFERENCES contracts (id),
	outcome          TEXT NOT NULL,
	previous_outcome TEXT NOT NULL,
	reasons          TEXT NOT NULL, -- JSON array of probity.Reason
	policy_hash      TEXT NOT NULL,
	input_hash       TEXT NOT NULL,
	input            TEXT NOT NULL, -- the decision input as JSON, to reproduce the decision
	decided_at       TEXT NOT NULL
);
CREATE INDEX decisions_contract ON decisions (contract_id, id);
CREATE INDEX decisions_time ON decisions (decided_at);

CREATE TABLE contract_latest_decision (
	contract_id TEXT PRIMARY KEY REFERENCES contracts (id),
	decision_id INTEGER NOT NULL REFERENCES decisions (id)
) WITHOUT ROWID;
