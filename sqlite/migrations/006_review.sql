-- Review cases (with comments and evidence) and employee concerns (with
-- their signatures). Every change to these tables is also recorded in the
-- audit log, in the same transaction.

CREATE TABLE cases (
	id               INTEGER PRIMARY KEY,
	contract_id      TEXT REFERENCES contracts (id),
	org_id           INTEGER REFERENCES organizations (id),
	origin           TEXT NOT NULL CHECK (origin IN ('decision', 'concern', 'request')),
	decision_id      INTEGER REFERENCES decisions (id),
	decision_outcome TEXT NOT NULL DEFAULT '',
	state            TEXT NOT NULL CHECK (state IN ('open', 'in_review', 'decided')),
	priority         TEXT NOT NULL CHECK (priority IN ('normal', 'high')),
	requested_by     TEXT NOT NULL DEFAULT '',
	assignee         TEXT NOT NULL DEFAULT '',
	outcome          TEXT NOT NULL DEFAULT '',
	conditions       TEXT NOT NULL DEFAULT '',
	decided_by       TEXT NOT NULL DEFAULT '',
	decided_at       TEXT NOT NULL DEFAULT '',
	first_by         TEXT NOT NULL DEFAULT '', -- a pending (or the first) approval of a deny override
	first_outcome    TEXT NOT NULL DEFAULT '',
	first_conditions TEXT NOT NULL DEFAULT '',
	first_at         TEXT NOT NULL DEFAULT '',
	opened_at        TEXT NOT NULL,
	due_at           TEXT NOT NULL,
	updated_at       TEXT NOT NULL,
	CHECK ((contract_id IS NULL) <> (org_id IS NULL)),
	CHECK ((state = 'decided') = (outcome <> ''))
);
CREATE INDEX cases_contract ON cases (contract_id, id);
CREATE INDEX cases_due ON cases (state, due_at);
-- A contract has at most one undecided case.
CREATE UNIQUE INDEX cases_one_undecided ON cases (contract_id) WHERE state <> 'decided' AND contract_id IS NOT NULL;

CREATE TABLE case_comments (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	author  TEXT NOT NULL,
	text    TEXT NOT NULL,
	at      TEXT NOT NULL
);
CREATE INDEX case_comments_case ON case_comments (case_id, id);

CREATE TABLE case_evidence (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	kind       TEXT NOT NULL CHECK (kind IN ('finding', 'url')),
	finding_id INTEGER REFERENCES findings (id),
	url        TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	added_by   TEXT NOT NULL,
	at         TEXT NOT NULL
);
CREATE INDEX case_evidence_case ON case_evidence (case_id, id);

CREATE TABLE concerns (
	id          INTEGER PRIMARY KEY,
	contract_id TEXT REFERENCES contracts (id),
	org_id      INTEGER REFERENCES organizations (id),
	text        TEXT NOT NULL,
	raised_by   TEXT NOT NULL,
	raised_at   TEXT NOT NULL,
	threshold   INTEGER NOT NULL CHECK (threshold > 0),
	status      TEXT NOT NULL CHECK (status IN ('open', 'escalated', 'closed')),
	case_id     INTEGER REFERENCES cases (id),
	CHECK ((contract_id IS NULL) <> (org_id IS NULL))
);
CREATE INDEX concerns_case ON concerns (case_id);

-- One signature per person and concern: the primary key is the rule. The
-- signer's name is always kept; anonymous hides it from the public only.
CREATE TABLE concern_signatures (
	concern_id INTEGER NOT NULL REFERENCES concerns (id),
	signer     TEXT NOT NULL,
	anonymous  INTEGER NOT NULL,
	signed_at  TEXT NOT NULL,
	PRIMARY KEY (concern_id, signer)
);
