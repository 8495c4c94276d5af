-- The same award told by several USAspending files (package register,
-- award_merge.go). Each file's account of an award is kept as it read it
-- (contract_sources), and the contract is composed from the accounts by a
-- documented precedence, so that the order the files are ingested in does
-- not change the register. An account without USAspending's unique award
-- key (the Torn Apart list) joins the one award with a key that has the
-- same awarding sub-agency and PIID (match_key); its former contract id
-- stays resolvable as an alias (contract_aliases).

CREATE TABLE contract_sources (
	match_key   TEXT COLLATE "C" NOT NULL, -- awarding sub-agency code / PIID (or FAIN)
	award_key   TEXT COLLATE "C" NOT NULL, -- USAspending's unique award key; '' when the file has none
	file        TEXT COLLATE "C" NOT NULL, -- the file's base name
	layout      TEXT COLLATE "C" NOT NULL, -- the file layout (usaspending.Layout)
	data        TEXT COLLATE "C" NOT NULL, -- JSON: the contract as this file alone describes it
	contract_id TEXT COLLATE "C" NOT NULL, -- the contract it is part of
	rule        TEXT COLLATE "C" NOT NULL, -- why it is part of that contract
	note        TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (match_key, award_key, file)
);
CREATE INDEX contract_sources_contract ON contract_sources (contract_id);

CREATE TABLE contract_aliases (
	alias       TEXT COLLATE "C" PRIMARY KEY, -- a former contract id
	contract_id TEXT COLLATE "C" NOT NULL REFERENCES contracts (id),
	rule        TEXT COLLATE "C" NOT NULL,
	note        TEXT COLLATE "C" NOT NULL,
	at          TEXT COLLATE "C" NOT NULL
);
CREATE INDEX contract_aliases_contract ON contract_aliases (contract_id);
