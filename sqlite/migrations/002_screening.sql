-- Watch lists (every loaded version is kept) and screening results for the
-- organizations of the register.

CREATE TABLE list_versions (
	id          INTEGER PRIMARY KEY,
	list        TEXT NOT NULL,
	source_date TEXT NOT NULL,
	hash        TEXT NOT NULL,
	loaded_at   TEXT NOT NULL,
	entries     INTEGER NOT NULL
);
CREATE INDEX list_versions_list ON list_versions (list, id);

CREATE TABLE list_entries (
	version_id INTEGER NOT NULL REFERENCES list_versions (id),
	source_id  TEXT NOT NULL,
	data       TEXT NOT NULL, -- the probity.WatchlistEntry as JSON
	PRIMARY KEY (version_id, source_id)
) WITHOUT ROWID;

CREATE TABLE screenings (
	org_id          INTEGER NOT NULL REFERENCES organizations (id),
	list            TEXT NOT NULL,
	list_version_id INTEGER NOT NULL REFERENCES list_versions (id),
	source_id       TEXT NOT NULL,
	score           REAL NOT NULL,
	match           INTEGER NOT NULL,
	matcher_version TEXT NOT NULL,
	screened_at     TEXT NOT NULL,
	data            TEXT NOT NULL, -- the probity.ScreeningResult as JSON
	PRIMARY KEY (org_id, list, source_id)
) WITHOUT ROWID;
CREATE INDEX screenings_list ON screenings (list_version_id);
