package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/probity/probity"
)

const listVersionColumns = `id, list, source_date, hash, loaded_at, entries`

// CurrentList implements probity.ListStore.
func (db *DB) CurrentList(ctx context.Context, list string) (*probity.ListVersion, []probity.WatchlistEntry, error) {
	var v probity.ListVersion
	err := db.pool.QueryRow(ctx, `SELECT `+listVersionColumns+` FROM list_versions
		WHERE list = $1 ORDER BY id DESC LIMIT 1`, list).Scan(&v.ID, &v.List, &v.SourceDate, &v.Hash, &v.LoadedAt, &v.Entries)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil, probity.Errorf(probity.ENOTFOUND, "list %q has not been loaded", list)
	}
	if err != nil {
		return nil, nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT data FROM list_entries WHERE version_id = $1 ORDER BY source_id`, v.ID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	entries := make([]probity.WatchlistEntry, 0, v.Entries)
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, nil, err
		}
		var e probity.WatchlistEntry
		if err := json.Unmarshal(data, &e); err != nil {
			return nil, nil, fmt.Errorf("postgres: list %s entry: %w", list, err)
		}
		entries = append(entries, e)
	}
	return &v, entries, rows.Err()
}

// CurrentLists implements probity.ListStore.
func (db *DB) CurrentLists(ctx context.Context) ([]probity.ListVersion, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+listVersionColumns+` FROM list_versions
		WHERE id IN (SELECT max(id) FROM list_versions GROUP BY list) ORDER BY list`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.ListVersion
	for rows.Next() {
		var v probity.ListVersion
		if err := rows.Scan(&v.ID, &v.List, &v.SourceDate, &v.Hash, &v.LoadedAt, &v.Entries); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SaveList implements probity.ListStore. The entries are written with
// COPY into a temporary table and merged from there (a list has tens of
// thousands of entries: one round trip each would take seconds).
func (db *DB) SaveList(ctx context.Context, v probity.ListVersion, entries []probity.WatchlistEntry) (probity.ListVersion, error) {
	if v.LoadedAt == "" {
		v.LoadedAt = db.Now().UTC().Format(time.RFC3339)
	}
	v.Entries = len(entries)
	rows := make([][]any, 0, len(entries))
	for i, e := range entries {
		data, err := json.Marshal(e)
		if err != nil {
			return v, err
		}
		rows = append(rows, []any{int32(i), e.SourceID, string(data)})
	}
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		var err error
		v.ID, err = tx.insertID(ctx, `INSERT INTO list_versions (list, source_date, hash, loaded_at, entries) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			v.List, v.SourceDate, v.Hash, v.LoadedAt, v.Entries)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `CREATE TEMPORARY TABLE list_entries_load (ord INTEGER NOT NULL, source_id TEXT COLLATE "C" NOT NULL, data TEXT NOT NULL) ON COMMIT DROP`); err != nil {
			return err
		}
		if _, err := tx.tx.CopyFrom(ctx, pgx.Identifier{"list_entries_load"}, []string{"ord", "source_id", "data"}, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("postgres: list %s: copy entries: %w", v.List, err)
		}
		// A source id given twice keeps its last entry, as one INSERT …
		// ON CONFLICT DO UPDATE per entry would.
		_, err = tx.exec(ctx, `INSERT INTO list_entries (version_id, source_id, data)
			SELECT DISTINCT ON (source_id) $1::bigint, source_id, data FROM list_entries_load ORDER BY source_id, ord DESC`, v.ID)
		return err
	})
	return v, err
}

// ReplaceScreenings implements probity.ListStore.
func (db *DB) ReplaceScreenings(ctx context.Context, orgIDs []int64, results []probity.ScreeningResult) error {
	return db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		if len(orgIDs) > 0 {
			if _, err := tx.exec(ctx, `DELETE FROM screenings WHERE org_id = ANY($1)`, orgIDs); err != nil {
				return err
			}
		}
		for _, r := range results {
			data, err := json.Marshal(r)
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO screenings (org_id, list, list_version_id, source_id, score, match, matcher_version, screened_at, data)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (org_id, list, source_id) DO UPDATE SET score = excluded.score, match = excluded.match,
				list_version_id = excluded.list_version_id, matcher_version = excluded.matcher_version,
				screened_at = excluded.screened_at, data = excluded.data
				WHERE excluded.score > screenings.score`,
				r.OrgID, r.List, r.ListVersionID, r.SourceID, r.Score, r.Match, r.MatcherVersion, r.ScreenedAt, string(data)); err != nil {
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
		query = `SELECT data FROM screenings WHERE org_id = $1 ORDER BY score DESC, list, source_id`
		args = append(args, orgID)
	}
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.ScreeningResult
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var r probity.ScreeningResult
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, fmt.Errorf("postgres: screening: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
