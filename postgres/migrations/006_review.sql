-- Review cases (with comments and evidence) and employee concerns (with
-- their signatures). Every change to these tables is also recorded in the
-- audit log, in the same transaction.

CREATE TABLE cases (
	id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	contract_id      TEXT COLLATE "C" REFERENCES contracts (id),
	org_id           BIGINT REFERENCES organizations (id),
	origin           TEXT COLLATE "C" NOT NULL CHECK (origin IN ('decision', 'concern', 'request')),
	decision_id      BIGINT REFERENCES decisions (id),
	decision_outcome TEXT COLLATE "C" NOT NULL DEFAULT '',
	state            TEXT COLLATE "C" NOT NULL CHECK (state IN ('open', 'in_review', 'decided')),
	priority         TEXT COLLATE "C" NOT NULL CHECK (priority IN ('normal', 'high')),
	requested_by     TEXT COLLATE "C" NOT NULL DEFAULT '',
	assignee         TEXT COLLATE "C" NOT NULL DEFAULT '',
	outcome          TEXT COLLATE "C" NOT NULL DEFAULT '',
	conditions       TEXT COLLATE "C" NOT NULL DEFAULT '',
	decided_by       TEXT COLLATE "C" NOT NULL DEFAULT '',
	decided_at       TEXT COLLATE "C" NOT NULL DEFAULT '',
	first_by         TEXT COLLATE "C" NOT NULL DEFAULT '', -- a pending (or the first) approval of a deny override
	first_outcome    TEXT COLLATE "C" NOT NULL DEFAULT '',
	first_conditions TEXT COLLATE "C" NOT NULL DEFAULT '',
	first_at         TEXT COLLATE "C" NOT NULL DEFAULT '',
	opened_at        TEXT COLLATE "C" NOT NULL,
	due_at           TEXT COLLATE "C" NOT NULL,
	updated_at       TEXT COLLATE "C" NOT NULL,
	CHECK ((contract_id IS NULL) <> (org_id IS NULL)),
	CHECK ((state = 'decided') = (outcome <> ''))
);
CREATE INDEX cases_contract ON cases (contract_id, id);
CREATE INDEX cases_due ON cases (state, due_at);
-- A contract has at most one undecided case.
CREATE UNIQUE INDEX cases_one_undecided ON cases (contract_id) WHERE state <> 'decided' AND contract_id IS NOT NULL;

CREATE TABLE case_comments (
	id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	case_id BIGINT NOT NULL REFERENCES cases (id),
	author  TEXT COLLATE "C" NOT NULL,
	text    TEXT COLLATE "C" NOT NULL,
	at      TEXT COLLATE "C" NOT NULL
);
CREATE INDEX case_comments_case ON case_comments (case_id, id);

CREATE TABLE case_evidence (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	case_id    BIGINT NOT NULL REFERENCES cases (id),
	kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('finding', 'url')),
	finding_id BIGINT REFERENCES findings (id),
	url        TEXT COLLATE "C" NOT NULL DEFAULT '',
	title      TEXT COLLATE "C" NOT NULL DEFAULT '',
	added_by   TEXT COLLATE "C" NOT NULL,
	at         TEXT COLLATE "C" NOT NULL
);
CREATE INDEX case_evidence_case ON case_evidence (case_id, id);

CREATE TABLE concerns (
	id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	contract_id TEXT COLLATE "C" REFERENCES contracts (id),
	org_id      BIGINT REFERENCES organizations (id),
	text        TEXT COLLATE "C" NOT NULL,
	raised_by   TEXT COLLATE "C" NOT NULL,
	raised_at   TEXT COLLATE "C" NOT NULL,
	threshold   INTEGER NOT NULL CHECK (threshold > 0),
	status      TEXT COLLATE "C" NOT NULL CHECK (status IN ('open', 'escalated', 'closed')),
	case_id     BIGINT REFERENCES cases (id),
	CHECK ((contract_id IS NULL) <> (org_id IS NULL))
);
CREATE INDEX concerns_case ON concerns (case_id);

-- One signature per person and concern: the primary key is the rule. The
-- signer's name is always kept; anonymous hides it from the public only.
-- seq keeps the order signatures were made in (SQLite uses its rowid).
CREATE TABLE concern_signatures (
	seq        BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
	concern_id BIGINT NOT NULL REFERENCES concerns (id),
	signer     TEXT COLLATE "C" NOT NULL,
	anonymous  BOOLEAN NOT NULL,
	signed_at  TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (concern_id, signer)
);
