package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/probity/probity"
)

// CurrentList implements probity.ListStore.
func (db *DB) CurrentList(ctx context.Context, list string) (*probity.ListVersion, []probity.WatchlistEntry, error) {
	var v probity.ListVersion
	err := db.read.QueryRowContext(ctx, `SELECT id, list, source_date, hash, loaded_at, entries FROM list_versions
		WHERE list = ? ORDER BY id DESC LIMIT 1`, list).Scan(&v.ID, &v.List, &v.SourceDate, &v.Hash, &v.LoadedAt, &v.Entries)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, probity.Errorf(probity.ENOTFOUND, "list %q has not been loaded", list)
	}
	if err != nil {
		return nil, nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT data FROM list_entries WHERE version_id = ? ORDER BY source_id`, v.ID)
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
			return nil, nil, fmt.Errorf("sqlite: list %s entry: %w", list, err)
		}
		entries = append(entries, e)
	}
	return &v, entries, rows.Err()
}

// CurrentLists implements probity.ListStore.
func (db *DB) CurrentLists(ctx context.Context) ([]probity.ListVersion, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, list, source_date, hash, loaded_at, entries FROM list_versions
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

// SaveList implements probity.ListStore.
func (db *DB) SaveList(ctx context.Context, v probity.ListVersion, entries []probity.WatchlistEntry) (probity.ListVersion, error) {
	if v.LoadedAt == "" {
		v.LoadedAt = db.Now().UTC().Format(time.RFC3339)
	}
	v.Entries = len(entries)
	err := db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		res, err := tx.exec(ctx, `INSERT INTO list_versions (list, source_date, hash, loaded_at, entries) VALUES (?, ?, ?, ?, ?)`,
			v.List, v.SourceDate, v.Hash, v.LoadedAt, v.Entries)
		if err != nil {
			return err
		}
		if v.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, e := range entries {
			data, err := json.Marshal(e)
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO list_entries (version_id, source_id, data) VALUES (?, ?, ?)
				ON CONFLICT DO UPDATE SET data = excluded.data`, v.ID, e.SourceID, string(data)); err != nil {
				return err
			}
		}
		return nil
	})
	return v, err
}

// ReplaceScreenings implements probity.ListStore.
func (db *DB) ReplaceScreenings(ctx context.Context, orgIDs []int64, results []probity.ScreeningResult) error {
	return db.Update(ctx, func(ptx probity.Tx) error {
		tx := ptx.(*Tx)
		for _, id := range orgIDs {
			if _, err := tx.exec(ctx, `DELETE FROM screenings WHERE org_id = ?`, id); err != nil {
				return err
			}
		}
		for _, r := range results {
			data, err := json.Marshal(r)
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO screenings (org_id, list, list_version_id, source_id, score, match, matcher_version, screened_at, data)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET score = excluded.score, match = excluded.match,
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
		query = `SELECT data FROM screenings WHERE org_id = ? ORDER BY score DESC, list, source_id`
		args = append(args, orgID)
	}
	rows, err := db.read.QueryContext(ctx, query, args...)
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
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
