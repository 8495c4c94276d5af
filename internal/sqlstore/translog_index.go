package sqlstore

import (
	"context"
	"fmt"
)

// logIndexesScan is the number of ids above which LogIndexes reads every
// entry of the type in one scan instead of asking for the ids in lists:
// the scan reads every item of the type, so it pays only when the ids are
// most of them (one department's 5,000 contracts of 100,000: lists take
// a tenth of the scan's time).
var logIndexesScan = 50_000

// logIndexesChunk is the number of ids of one list.
var logIndexesChunk = 1000

// LogIndexes returns the index of the newest log entry of each of the
// items of one type that has one (an item without an entry is absent from
// the map): what an export or a feed prints beside each item. Entries are
// only appended, so an item's newest entry is its highest index. A long
// list is answered by one scan of the type's entries; a shorter one in
// lists of logIndexesChunk ids.
func (db *DB) LogIndexes(ctx context.Context, typ string, ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	read := func(query string, args ...any) error {
		rows, err := db.query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var idx int64
			if err := rows.Scan(&id, &idx); err != nil {
				return err
			}
			out[id] = idx
		}
		return rows.Err()
	}
	if len(ids) > logIndexesScan {
		want := make(map[string]bool, len(ids))
		for _, id := range ids {
			want[id] = true
		}
		if err := read(`SELECT item_id, max(idx) FROM log_entries WHERE type = ? GROUP BY item_id`, typ); err != nil {
			return nil, fmt.Errorf("log indexes of %s: %w", typ, db.wrap(err))
		}
		for id := range out {
			if !want[id] {
				delete(out, id)
			}
		}
		return out, nil
	}
	for start := 0; start < len(ids); start += logIndexesChunk {
		list, err := db.d.ListArg(ids[start:min(start+logIndexesChunk, len(ids))])
		if err != nil {
			return nil, err
		}
		if err := read(`SELECT item_id, max(idx) FROM log_entries WHERE type = ? AND `+db.d.InList("item_id")+` GROUP BY item_id`, typ, list); err != nil {
			return nil, fmt.Errorf("log indexes of %s: %w", typ, db.wrap(err))
		}
	}
	return out, nil
}
