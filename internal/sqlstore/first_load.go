package sqlstore

import (
	"context"
	"slices"

	"github.com/probity/probity"
)

// A first load: a write transaction that finds the register empty (no
// release, organization or contract) when it first touches it, on a
// dialect that asks for it (BulkFirstLoad: PostgreSQL, where every
// statement is a round trip). Under the writer lock nothing else writes,
// so what the register holds is exactly what this transaction wrote: the
// transaction keeps the keys it wrote and answers the ingest's lookups
// from them (is this release new, which organization holds this
// identifier or name, is this contract stored) with no round trip, and
// keeps the releases themselves to load them with one COPY.
type firstLoad struct {
	keys     map[string]bool    // (ocid, id, date) of every release written
	rows     [][]any            // releases not yet loaded
	size     int                // bytes of rows
	unloaded map[string][]int   // ocid → its releases in rows
	loaded   map[string]bool    // ocids with releases in the table
	idents   map[string]int64   // scheme, ident → organization (the first one wins)
	names    map[string][]int64 // normalised name → organizations, ascending
	contract map[string]bool    // contracts written
}

// firstLoadFlush is how many bytes of releases a first load keeps before
// it loads them.
const firstLoadFlush = 32 << 20

// firstLoad returns the transaction's first load, or nil: it checks once,
// on the first call, whether the register is empty.
func (tx *Tx) firstLoad(ctx context.Context) (*firstLoad, error) {
	if !tx.db.d.BulkFirstLoad || tx.firstChecked {
		return tx.first, nil
	}
	tx.firstChecked = true
	var empty bool
	err := tx.queryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM releases) AND NOT EXISTS (SELECT 1 FROM organizations)
		AND NOT EXISTS (SELECT 1 FROM contracts)`).Scan(&empty)
	if err != nil {
		return nil, tx.db.wrap(err)
	}
	if empty {
		tx.first = &firstLoad{keys: map[string]bool{}, unloaded: map[string][]int{}, loaded: map[string]bool{},
			idents: map[string]int64{}, names: map[string][]int64{}, contract: map[string]bool{}}
	}
	return tx.first, nil
}

// endFirstLoad loads the kept releases and stops answering from memory
// (before a statement the load cannot follow: ExecForTest).
func (tx *Tx) endFirstLoad(ctx context.Context) error {
	err := tx.flushReleases(ctx)
	tx.first, tx.firstChecked = nil, true
	return err
}

// addRelease keeps a release of the load and reports whether it is new.
func (l *firstLoad) addRelease(r probity.Release) bool {
	key := r.OCID + "\x00" + r.ID + "\x00" + r.Date
	if l.keys[key] {
		return false
	}
	l.keys[key] = true
	l.unloaded[r.OCID] = append(l.unloaded[r.OCID], len(l.rows))
	l.rows = append(l.rows, []any{r.OCID, r.ID, r.Date, r.Version, r.Source, []byte(r.Raw)})
	l.size += len(r.Raw)
	return true
}

// flushReleases loads the releases a first load kept.
func (tx *Tx) flushReleases(ctx context.Context) error {
	l := tx.first
	if l == nil || len(l.rows) == 0 {
		return nil
	}
	rows := l.rows
	for ocid := range l.unloaded {
		l.loaded[ocid] = true
	}
	l.rows, l.size, l.unloaded = nil, 0, map[string][]int{}
	return tx.bulkInsert(ctx, "releases", releaseColumns, rows)
}

// releasesOf returns the releases of ocid when they are all still kept.
func (l *firstLoad) releasesOf(ocid string) ([]probity.Release, bool) {
	if l.loaded[ocid] {
		return nil, false
	}
	var out []probity.Release
	for _, i := range l.unloaded[ocid] {
		row := l.rows[i]
		out = append(out, probity.Release{OCID: row[0].(string), ID: row[1].(string), Date: row[2].(string),
			Version: row[3].(string), Source: row[4].(string), Raw: row[5].([]byte)})
	}
	return out, true
}

func identKey(id probity.Identifier) string { return id.Scheme + "\x00" + id.ID }

// ident returns the organization holding id (l may be nil: none).
func (l *firstLoad) ident(id probity.Identifier) (int64, bool) {
	if l == nil {
		return 0, false
	}
	org, ok := l.idents[identKey(id)]
	return org, ok
}

// orgsNamed returns the organizations holding a name normalised as norm
// (l may be nil: none).
func (l *firstLoad) orgsNamed(norm string) []int64 {
	if l == nil {
		return nil
	}
	return slices.Clone(l.names[norm])
}

// addName notes that org holds a name normalised as norm.
func (l *firstLoad) addName(norm string, org int64) {
	ids := l.names[norm]
	if i, found := slices.BinarySearch(ids, org); !found {
		l.names[norm] = slices.Insert(ids, i, org)
	}
}
