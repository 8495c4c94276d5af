-- Watch lists (every loaded version is kept) and screening results for the
-- organizations of the register.

CREATE TABLE list_versions (
	id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	list        TEXT COLLATE "C" NOT NULL,
	source_date TEXT COLLATE "C" NOT NULL,
	hash        TEXT COLLATE "C" NOT NULL,
	loaded_at   TEXT COLLATE "C" NOT NULL,
	entries     INTEGER NOT NULL
);
CREATE INDEX list_versions_list ON list_versions (list, id);

CREATE TABLE list_entries (
	version_id BIGINT NOT NULL REFERENCES list_versions (id),
	source_id  TEXT COLLATE "C" NOT NULL,
	data       TEXT COLLATE "C" NOT NULL, -- the probity.WatchlistEntry as JSON
	PRIMARY KEY (version_id, source_id)
);

CREATE TABLE screenings (
	org_id          BIGINT NOT NULL REFERENCES organizations (id),
	list            TEXT COLLATE "C" NOT NULL,
	list_version_id BIGINT NOT NULL REFERENCES list_versions (id),
	source_id       TEXT COLLATE "C" NOT NULL,
	score           DOUBLE PRECISION NOT NULL,
	match           BOOLEAN NOT NULL,
	matcher_version TEXT COLLATE "C" NOT NULL,
	screened_at     TEXT COLLATE "C" NOT NULL,
	data            TEXT COLLATE "C" NOT NULL, -- the probity.ScreeningResult as JSON (text: byte-exact)
	PRIMARY KEY (org_id, list, source_id)
);
CREATE INDEX screenings_list ON screenings (list_version_id);
