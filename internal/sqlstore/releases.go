package sqlstore

import (
	"context"
	"database/sql"

	"github.com/probity/probity"
)

const releasesQuery = `SELECT ocid, release_id, date, version, source, data FROM releases`

var releaseColumns = []string{"ocid", "release_id", "date", "version", "source", "data"}

// PutRelease implements probity.Tx. In a first load (see firstLoad) the
// release is kept, to be loaded with the others in one bulk load.
func (tx *Tx) PutRelease(ctx context.Context, r probity.Release) (bool, error) {
	l, err := tx.firstLoad(ctx)
	if err != nil {
		return false, err
	}
	if l != nil {
		added := l.addRelease(r)
		if l.size >= firstLoadFlush {
			return added, tx.flushReleases(ctx)
		}
		return added, nil
	}
	n, err := tx.execN(ctx, `INSERT INTO releases (ocid, release_id, date, version, source, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		r.OCID, r.ID, r.Date, r.Version, r.Source, []byte(r.Raw))
	return n > 0, err
}

// ReleasesOf implements probity.Tx.
func (tx *Tx) ReleasesOf(ctx context.Context, ocid string) ([]probity.Release, error) {
	if l := tx.first; l != nil {
		if rs, ok := l.releasesOf(ocid); ok {
			return rs, nil
		}
		if err := tx.flushReleases(ctx); err != nil {
			return nil, err
		}
	}
	rows, err := tx.query(ctx, releasesQuery+` WHERE ocid = ? ORDER BY seq`, ocid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []probity.Release
	err = scanReleases(rows, func(r probity.Release) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

func scanReleases(rows *sql.Rows, fn func(probity.Release) error) error {
	for rows.Next() {
		var r probity.Release
		var data []byte
		if err := rows.Scan(&r.OCID, &r.ID, &r.Date, &r.Version, &r.Source, &data); err != nil {
			return err
		}
		r.Raw = data
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Releases implements probity.Store: the releases of one process (ocid),
// or of every process in ocid order, one process at a time.
func (db *DB) Releases(ctx context.Context, ocid string, fn func(string, []probity.Release) error) error {
	query := releasesQuery + ` ORDER BY ocid, seq`
	var args []any
	if ocid != "" {
		query = releasesQuery + ` WHERE ocid = ? ORDER BY seq`
		args = append(args, ocid)
	}
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur string
	var batch []probity.Release
	err = scanReleases(rows, func(r probity.Release) error {
		if r.OCID != cur && len(batch) > 0 {
			if err := fn(cur, batch); err != nil {
				return err
			}
			batch = nil
		}
		cur = r.OCID
		batch = append(batch, r)
		return nil
	})
	if err != nil {
		return err
	}
	if len(batch) > 0 {
		return fn(cur, batch)
	}
	return nil
}
