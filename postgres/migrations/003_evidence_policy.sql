-- Findings with their full history, published policy versions, and the
-- decisions taken under them (history: never updated). JSON is kept as
-- text, not jsonb: decision inputs are hashed, so their bytes must survive.

CREATE TABLE findings (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	org_id     BIGINT NOT NULL REFERENCES organizations (id),
	status     TEXT COLLATE "C" NOT NULL,
	version    INTEGER NOT NULL,
	data       TEXT COLLATE "C" NOT NULL -- the probity.Finding as JSON
);
CREATE INDEX findings_org ON findings (org_id);

CREATE TABLE finding_history (
	finding_id BIGINT NOT NULL REFERENCES findings (id),
	version    INTEGER NOT NULL,
	changed_at TEXT COLLATE "C" NOT NULL,
	author     TEXT COLLATE "C" NOT NULL,
	data       TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (finding_id, version)
);

CREATE TABLE policy_versions (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	hash         TEXT COLLATE "C" NOT NULL,
	author       TEXT COLLATE "C" NOT NULL,
	published_at TEXT COLLATE "C" NOT NULL,
	files        TEXT COLLATE "C" NOT NULL -- JSON object: file name → content
);

CREATE TABLE decisions (
	id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	contract_id      TEXT COLLATE "C" NOT NULL REFERENCES contracts (id),
	outcome          TEXT COLLATE "C" NOT NULL,
	previous_outcome TEXT COLLATE "C" NOT NULL,
	reasons          TEXT COLLATE "C" NOT NULL, -- JSON array of probity.Reason
	policy_hash      TEXT COLLATE "C" NOT NULL,
	input_hash       TEXT COLLATE "C" NOT NULL,
	input            TEXT COLLATE "C" NOT NULL, -- the decision input as JSON, to reproduce the decision
	decided_at       TEXT COLLATE "C" NOT NULL
);
CREATE INDEX decisions_contract ON decisions (contract_id, id);
CREATE INDEX decisions_time ON decisions (decided_at);

CREATE TABLE contract_latest_decision (
	contract_id TEXT COLLATE "C" PRIMARY KEY REFERENCES contracts (id),
	decision_id BIGINT NOT NULL REFERENCES decisions (id)
);
