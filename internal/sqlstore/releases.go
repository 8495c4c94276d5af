package sqlstore

import (
	"context"
	"database/sql"

	"github.com/probity/probity"
)

const releasesQuery = `SELECT ocid, release_id, date, version, source, data FROM releases`

var releaseColumns = []string{"ocid", "release_id", "date", "version", "source", "data"}

// firstLoad holds the releases of a first load, not yet bulk-loaded.
type firstLoad struct {
	keys map[string]bool // (ocid, id, date) of every release of the load
	rows [][]any
	size int
}

// firstLoadFlush is how many bytes of releases a first load keeps before
// it bulk-loads them.
const firstLoadFlush = 32 << 20

// PutRelease implements probity.Tx. Where the dialect asks for it
// (BulkFirstLoad) and the releases table was empty when the transaction
// wrote its first release, releases are kept and bulk-loaded (COPY):
// under the writer lock nothing else writes releases, so a release is new
// exactly when this load has not seen its (ocid, id, date) before.
func (tx *Tx) PutRelease(ctx context.Context, r probity.Release) (bool, error) {
	if tx.db.d.BulkFirstLoad && !tx.firstChecked {
		tx.firstChecked = true
		var empty bool
		if err := tx.queryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM releases)`).Scan(&empty); err != nil {
			return false, tx.db.wrap(err)
		}
		if empty {
			tx.first = &firstLoad{keys: map[string]bool{}}
		}
	}
	if l := tx.first; l != nil {
		key := r.OCID + "\x00" + r.ID + "\x00" + r.Date
		if l.keys[key] {
			return false, nil
		}
		l.keys[key] = true
		l.rows = append(l.rows, []any{r.OCID, r.ID, r.Date, r.Version, r.Source, []byte(r.Raw)})
		if l.size += len(r.Raw); l.size >= firstLoadFlush {
			return true, tx.flushReleases(ctx)
		}
		return true, nil
	}
	n, err := tx.execN(ctx, `INSERT INTO releases (ocid, release_id, date, version, source, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		r.OCID, r.ID, r.Date, r.Version, r.Source, []byte(r.Raw))
	return n > 0, err
}

// flushReleases bulk-loads the releases a first load kept.
func (tx *Tx) flushReleases(ctx context.Context) error {
	if tx.first == nil || len(tx.first.rows) == 0 {
		return nil
	}
	rows := tx.first.rows
	tx.first.rows, tx.first.size = nil, 0
	return tx.bulkInsert(ctx, "releases", releaseColumns, rows)
}

// ReleasesOf implements probity.Tx.
func (tx *Tx) ReleasesOf(ctx context.Context, ocid string) ([]probity.Release, error) {
	if err := tx.flushReleases(ctx); err != nil {
		return nil, err
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
