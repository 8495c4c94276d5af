package translog

import (
	"context"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// BulkTx is what a store may add to Tx so that a batch of appends costs a
// few statements instead of a few per entry.
type BulkTx interface {
	Tx
	// LogHeads returns the newest entry of each of the items of one type
	// that has any (ids without an entry are absent from the map).
	LogHeads(ctx context.Context, typ string, ids []string) (map[string]Head, error)
	// LogAppendMany stores records (consecutive indexes from the current
	// size) and their hashes, stored-hash indexes from first onwards.
	LogAppendMany(ctx context.Context, recs []Record, first int64, hashes []tlog.Hash) error
}

// AppendBatch appends items in order inside tx, as Append would one by
// one (an unchanged item gets no entry and keeps its newest index; an item
// twice in the batch gets a second version only if it changed), and
// returns each item's index. On a BulkTx it reads the items' heads in one
// query a type and writes everything at the end; the hashes a new entry
// needs come from the batch itself or, for the older tree, from the store.
func AppendBatch(ctx context.Context, tx Tx, items []Item) ([]int64, error) {
	type prepared struct {
		body   []byte
		digest [32]byte
	}
	preps := make([]prepared, len(items))
	for i, it := range items {
		if err := it.validate(); err != nil {
			return nil, err
		}
		body, digest, err := it.canonicalBody()
		if err != nil {
			return nil, err
		}
		preps[i] = prepared{body, digest}
	}
	heads := map[[2]string]Head{}
	bulk, isBulk := tx.(BulkTx)
	if isBulk {
		byType := map[string][]string{}
		for _, it := range items {
			byType[it.Type] = append(byType[it.Type], it.ID)
		}
		for typ, ids := range byType {
			hs, err := bulk.LogHeads(ctx, typ, ids)
			if err != nil {
				return nil, fmt.Errorf("translog: %s heads: %w", typ, err)
			}
			for id, h := range hs {
				heads[[2]string{typ, id}] = h
			}
		}
	} else {
		for _, it := range items {
			k := [2]string{it.Type, it.ID}
			if _, ok := heads[k]; ok {
				continue
			}
			h, found, err := tx.LogHead(ctx, it.Type, it.ID)
			if err != nil {
				return nil, fmt.Errorf("translog: %s %s: %w", it.Type, it.ID, err)
			}
			if found {
				heads[k] = h
			}
		}
	}
	n0, err := tx.LogSize(ctx)
	if err != nil {
		return nil, fmt.Errorf("translog: size: %w", err)
	}
	first := tlog.StoredHashCount(n0)
	var fresh []tlog.Hash // stored hashes from index first on, written by this batch
	hr := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		var old []int64
		for _, x := range idx {
			if x < first {
				old = append(old, x)
			}
		}
		var oldHashes []tlog.Hash
		if len(old) > 0 {
			var err error
			if oldHashes, err = tx.LogHashes(ctx, old); err != nil {
				return nil, err
			}
		}
		for i, x := range idx {
			if x < first {
				out[i], oldHashes = oldHashes[0], oldHashes[1:]
			} else if x-first < int64(len(fresh)) {
				out[i] = fresh[x-first]
			} else {
				return nil, fmt.Errorf("translog: hash %d is not stored yet", x)
			}
		}
		return out, nil
	})
	out := make([]int64, len(items))
	var recs []Record
	var spans []int // hashes of each record, for a store without LogAppendMany
	n := n0
	for i, it := range items {
		k := [2]string{it.Type, it.ID}
		version, prev := int64(1), int64(-1)
		if h, ok := heads[k]; ok {
			if h.Digest == preps[i].digest {
				out[i] = h.Index
				continue
			}
			version, prev = h.Version+1, h.Index
		}
		data, err := encode(it, preps[i].body, version, prev)
		if err != nil {
			return nil, err
		}
		hs, err := tlog.StoredHashes(n, data, hr)
		if err != nil {
			return nil, fmt.Errorf("translog: hashes for entry %d: %w", n, err)
		}
		fresh = append(fresh, hs...)
		spans = append(spans, len(hs))
		recs = append(recs, Record{Index: n, Type: it.Type, ItemID: it.ID, Version: version, Digest: preps[i].digest, Data: data})
		heads[k] = Head{Index: n, Version: version, Digest: preps[i].digest}
		out[i] = n
		n++
	}
	if len(recs) == 0 {
		return out, nil
	}
	if isBulk {
		if err := bulk.LogAppendMany(ctx, recs, first, fresh); err != nil {
			return nil, fmt.Errorf("translog: append entries %d to %d: %w", n0, n-1, err)
		}
		return out, nil
	}
	for i, r := range recs {
		if err := tx.LogAppend(ctx, r, fresh[:spans[i]]); err != nil {
			return nil, fmt.Errorf("translog: append entry %d: %w", r.Index, err)
		}
		fresh = fresh[spans[i]:]
	}
	return out, nil
}
