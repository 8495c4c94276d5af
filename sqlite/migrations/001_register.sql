-- The contract register: source releases kept verbatim, organizations
-- resolved across sources, contracts with their parties, relationships.

CREATE TABLE releases (
	seq        INTEGER PRIMARY KEY,
	ocid       TEXT NOT NULL,
	release_id TEXT NOT NULL,
	date       TEXT NOT NULL,
	version    TEXT NOT NULL,
	source     TEXT NOT NULL,
	data       BLOB NOT NULL,
	UNIQUE (ocid, release_id, date)
);

CREATE TABLE organizations (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL,
	kind    TEXT NOT NULL,
	country TEXT NOT NULL DEFAULT ''
);

CREATE TABLE org_names (
	org_id INTEGER NOT NULL REFERENCES organizations (id),
	name   TEXT NOT NULL,
	norm   TEXT NOT NULL,
	source TEXT NOT NULL,
	PRIMARY KEY (org_id, name, source)
) WITHOUT ROWID;
CREATE INDEX org_names_norm ON org_names (norm);

CREATE TABLE org_identifiers (
	scheme TEXT NOT NULL,
	ident  TEXT NOT NULL,
	org_id INTEGER NOT NULL REFERENCES organizations (id),
	PRIMARY KEY (scheme, ident)
) WITHOUT ROWID;
CREATE INDEX org_identifiers_org ON org_identifiers (org_id);

CREATE TABLE org_roles (
	org_id INTEGER NOT NULL REFERENCES organizations (id),
	role   TEXT NOT NULL,
	PRIMARY KEY (org_id, role)
) WITHOUT ROWID;

CREATE TABLE org_merges (
	org_id INTEGER NOT NULL REFERENCES organizations (id),
	rule   TEXT NOT NULL,
	key    TEXT NOT NULL,
	name   TEXT NOT NULL,
	source TEXT NOT NULL,
	at     TEXT NOT NULL,
	PRIMARY KEY (org_id, name, source) -- one reason per name per source file
) WITHOUT ROWID;

CREATE TABLE contracts (
	id               TEXT PRIMARY KEY,
	title            TEXT NOT NULL,
	description      TEXT NOT NULL,
	status           TEXT NOT NULL,
	buyer_id         INTEGER REFERENCES organizations (id),
	value_amount     REAL,
	value_currency   TEXT,
	period_start     TEXT NOT NULL,
	period_end       TEXT NOT NULL,
	source           TEXT NOT NULL,
	source_reference TEXT NOT NULL,
	source_files     TEXT NOT NULL -- JSON array
);
CREATE INDEX contracts_buyer ON contracts (buyer_id);
CREATE INDEX contracts_status ON contracts (status);

CREATE TABLE contract_parties (
	contract_id TEXT NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
	role        TEXT NOT NULL, -- supplier, subcontractor
	org_id      INTEGER NOT NULL REFERENCES organizations (id),
	ord         INTEGER NOT NULL,
	PRIMARY KEY (contract_id, role, org_id)
) WITHOUT ROWID;
CREATE INDEX contract_parties_org ON contract_parties (org_id);

CREATE TABLE relationships (
	id          INTEGER PRIMARY KEY,
	from_id     INTEGER NOT NULL REFERENCES organizations (id),
	to_id       INTEGER REFERENCES organizations (id),
	contract_id TEXT,
	kind        TEXT NOT NULL,
	source      TEXT NOT NULL,
	start_date  TEXT NOT NULL DEFAULT '',
	end_date    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX relationships_edge ON relationships (from_id, kind, ifnull(to_id, 0), ifnull(contract_id, ''));
CREATE INDEX relationships_to ON relationships (to_id);
CREATE INDEX relationships_contract ON relationships (contract_id);
