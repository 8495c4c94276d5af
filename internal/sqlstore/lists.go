package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/probity/probity"
)

const listVersionColumns = `id, list, source_date, hash, loaded_at, entries`

func scanListVersion(row scanner) (probity.ListVersion, error) {
	var v probity.ListVersion
	var at string
	err := row.Scan(&v.ID, &v.List, &v.SourceDate, &v.Hash, &at, &v.Entries)
	v.LoadedAt = parseTime(at)
	return v, err
}

// CurrentList implements probity.ListStore.
func (db *DB) CurrentList(ctx context.Context, list string) (*probity.ListVersion, []probity.WatchlistEntry, error) {
	v, err := scanListVersion(db.queryRow(ctx, `SELECT `+listVersionColumns+` FROM list_versions WHERE list = ? ORDER BY id DESC LIMIT 1`, list))
	if err != nil {
		return nil, nil, db.wrap(notFound(err, "list %q has not been loaded", list))
	}
	entries := make([]probity.WatchlistEntry, 0, v.Entries)
	err = eachRow(ctx, db, `SELECT data FROM list_entries WHERE version_id = ? ORDER BY source_id`, []any{v.ID}, func(rows *sql.Rows) error {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return err
		}
		var e probity.WatchlistEntry
		if err := json.Unmarshal(data, &e); err != nil {
			return fmt.Errorf("%s: list %s entry: %w", db.d.Name, list, err)
		}
		entries = append(entries, e)
		return nil
	})
	return &v, entries, err
}

// CurrentLists implements probity.ListStore.
func (db *DB) CurrentLists(ctx context.Context) ([]probity.ListVersion, error) {
	var out []probity.ListVersion
	err := eachRow(ctx, db, `SELECT `+listVersionColumns+` FROM list_versions
		WHERE id IN (SELECT max(id) FROM list_versions GROUP BY list) ORDER BY list`, nil, func(rows *sql.Rows) error {
		v, err := scanListVersion(rows)
		out = append(out, v)
		return err
	})
	return out, err
}

// SaveList implements probity.ListStore. The entries go in as one bulk
// load (a list has tens of thousands of entries); a source id given twice
// keeps its last entry.
func (db *DB) SaveList(ctx context.Context, v probity.ListVersion, entries []probity.WatchlistEntry) (probity.ListVersion, error) {
	if v.LoadedAt.IsZero() {
		v.LoadedAt = db.Now().UTC().Truncate(time.Second)
	}
	v.Entries = len(entries)
	last := make(map[string]int, len(entries))
	for i, e := range entries {
		last[e.SourceID] = i
	}
	rows := make([][]any, 0, len(last))
	for i, e := range entries {
		if last[e.SourceID] != i {
			continue
		}
		data, err := jsonText(e)
		if err != nil {
			return v, err
		}
		rows = append(rows, []any{nil, e.SourceID, data})
	}
	err := db.write(ctx, func(tx *Tx) error {
		var err error
		v.ID, err = tx.insertID(ctx, `INSERT INTO list_versions (list, source_date, hash, loaded_at, entries) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			v.List, v.SourceDate, v.Hash, formatTime(v.LoadedAt), v.Entries)
		if err != nil {
			return err
		}
		for _, r := range rows {
			r[0] = v.ID
		}
		if err := tx.bulkInsert(ctx, "list_entries", []string{"version_id", "source_id", "data"}, rows); err != nil {
			return fmt.Errorf("list %s: %w", v.List, err)
		}
		return nil
	})
	return v, err
}

// ReplaceScreenings implements probity.ListStore.
func (db *DB) ReplaceScreenings(ctx context.Context, orgIDs []int64, results []probity.ScreeningResult) error {
	return db.write(ctx, func(tx *Tx) error {
		if len(orgIDs) > 0 {
			list, err := db.d.ListArg(orgIDs)
			if err != nil {
				return err
			}
			if err := tx.put(ctx, `DELETE FROM screenings WHERE `+db.d.InList("org_id"), list); err != nil {
				return err
			}
		}
		for _, r := range results {
			data, err := jsonText(r)
			if err != nil {
				return err
			}
			if err := tx.put(ctx, `INSERT INTO screenings (org_id, list, list_version_id, source_id, score, match, matcher_version, screened_at, data)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, list, source_id) DO UPDATE SET score = excluded.score, match = excluded.match,
				list_version_id = excluded.list_version_id, matcher_version = excluded.matcher_version,
				screened_at = excluded.screened_at, data = excluded.data
				WHERE excluded.score > screenings.score`,
				r.OrgID, r.List, r.ListVersionID, r.SourceID, r.Score, r.Match, r.MatcherVersion, formatTime(r.ScreenedAt), data); err != nil {
				return err
			}
		}
		return nil
	})
}

// Screenings implements probity.ListStore.
func (db *DB) Screenings(ctx context.Context, orgID int64) ([]probity.ScreeningResult, error) {
	query := `SELECT data FROM screenings ORDER BY score DESC, org_id, list, source_id`
	var args []any
	if orgID != 0 {
		query = `SELECT data FROM screenings WHERE org_id = ? ORDER BY score DESC, list, source_id`
		args = append(args, orgID)
	}
	var out []probity.ScreeningResult
	err := eachRow(ctx, db, query, args, func(rows *sql.Rows) error {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return err
		}
		var r probity.ScreeningResult
		if err := json.Unmarshal(data, &r); err != nil {
			return fmt.Errorf("%s: screening: %w", db.d.Name, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}
