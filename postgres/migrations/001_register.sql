-- The contract register: source releases kept verbatim, organizations
-- resolved across sources, contracts with their parties, relationships.
-- Times are fixed-width UTC text (as in the SQLite store), so that they sort
-- as text and round-trip to the nanosecond. Text columns use the "C"
-- collation: byte order, as SQLite compares, whatever the server's locale,
-- so listings and "after this id" pages come in the same order on both.

CREATE TABLE releases (
	seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ocid       TEXT COLLATE "C" NOT NULL,
	release_id TEXT COLLATE "C" NOT NULL,
	date       TEXT COLLATE "C" NOT NULL,
	version    TEXT COLLATE "C" NOT NULL,
	source     TEXT COLLATE "C" NOT NULL,
	data       BYTEA NOT NULL, -- the release as received, byte for byte
	UNIQUE (ocid, release_id, date)
);

CREATE TABLE organizations (
	id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name    TEXT COLLATE "C" NOT NULL,
	kind    TEXT COLLATE "C" NOT NULL,
	country TEXT COLLATE "C" NOT NULL DEFAULT ''
);

CREATE TABLE org_names (
	org_id BIGINT NOT NULL REFERENCES organizations (id),
	name   TEXT COLLATE "C" NOT NULL,
	norm   TEXT COLLATE "C" NOT NULL,
	source TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (org_id, name, source)
);
CREATE INDEX org_names_norm ON org_names (norm);

CREATE TABLE org_identifiers (
	scheme TEXT COLLATE "C" NOT NULL,
	ident  TEXT COLLATE "C" NOT NULL,
	org_id BIGINT NOT NULL REFERENCES organizations (id),
	PRIMARY KEY (scheme, ident)
);
CREATE INDEX org_identifiers_org ON org_identifiers (org_id);

CREATE TABLE org_roles (
	org_id BIGINT NOT NULL REFERENCES organizations (id),
	role   TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (org_id, role)
);

CREATE TABLE org_merges (
	org_id BIGINT NOT NULL REFERENCES organizations (id),
	rule   TEXT COLLATE "C" NOT NULL,
	key    TEXT COLLATE "C" NOT NULL,
	name   TEXT COLLATE "C" NOT NULL,
	source TEXT COLLATE "C" NOT NULL,
	at     TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (org_id, name, source) -- one reason per name per source file
);

CREATE TABLE contracts (
	id               TEXT COLLATE "C" PRIMARY KEY,
	title            TEXT COLLATE "C" NOT NULL,
	description      TEXT COLLATE "C" NOT NULL,
	status           TEXT COLLATE "C" NOT NULL,
	buyer_id         BIGINT REFERENCES organizations (id),
	value_amount     DOUBLE PRECISION,
	value_currency   TEXT COLLATE "C",
	period_start     TEXT COLLATE "C" NOT NULL,
	period_end       TEXT COLLATE "C" NOT NULL,
	source           TEXT COLLATE "C" NOT NULL,
	source_reference TEXT COLLATE "C" NOT NULL,
	source_files     TEXT COLLATE "C" NOT NULL -- JSON array
);
CREATE INDEX contracts_buyer ON contracts (buyer_id);
CREATE INDEX contracts_status ON contracts (status);

CREATE TABLE contract_parties (
	contract_id TEXT COLLATE "C" NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
	role        TEXT COLLATE "C" NOT NULL, -- supplier, subcontractor
	org_id      BIGINT NOT NULL REFERENCES organizations (id),
	ord         INTEGER NOT NULL,
	PRIMARY KEY (contract_id, role, org_id)
);
CREATE INDEX contract_parties_org ON contract_parties (org_id);

CREATE TABLE relationships (
	id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	from_id     BIGINT NOT NULL REFERENCES organizations (id),
	to_id       BIGINT REFERENCES organizations (id),
	contract_id TEXT COLLATE "C",
	kind        TEXT COLLATE "C" NOT NULL,
	source      TEXT COLLATE "C" NOT NULL,
	start_date  TEXT COLLATE "C" NOT NULL DEFAULT '',
	end_date    TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX relationships_edge ON relationships (from_id, kind, coalesce(to_id, 0), coalesce(contract_id, ''));
CREATE INDEX relationships_to ON relationships (to_id);
CREATE INDEX relationships_contract ON relationships (contract_id);
