package translog

import (
	"context"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// Append adds item to the log inside tx, the transaction that publishes
// it, and returns the entry's index. An item published before gets a new
// entry with the next version that names the entry it supersedes; an item
// whose content and attachment did not change gets no entry, and Append
// returns the index of its newest one with appended false.
func Append(ctx context.Context, tx Tx, item Item) (index int64, appended bool, err error) {
	if err := item.validate(); err != nil {
		return 0, false, err
	}
	body, digest, err := item.canonicalBody()
	if err != nil {
		return 0, false, err
	}
	head, found, err := tx.LogHead(ctx, item.Type, item.ID)
	if err != nil {
		return 0, false, fmt.Errorf("translog: %s %s: %w", item.Type, item.ID, err)
	}
	version, prev := int64(1), int64(-1)
	if found {
		if head.Digest == digest {
			return head.Index, false, nil
		}
		version, prev = head.Version+1, head.Index
	}
	data, err := encode(item, body, version, prev)
	if err != nil {
		return 0, false, err
	}
	n, err := tx.LogSize(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("translog: size: %w", err)
	}
	hashes, err := tlog.StoredHashes(n, data, hashReader(ctx, tx.LogHashes))
	if err != nil {
		return 0, false, fmt.Errorf("translog: hashes for entry %d: %w", n, err)
	}
	rec := Record{Index: n, Type: item.Type, ItemID: item.ID, Version: version, Digest: digest, Data: data}
	if err := tx.LogAppend(ctx, rec, hashes); err != nil {
		return 0, false, fmt.Errorf("translog: append entry %d: %w", n, err)
	}
	return n, true, nil
}
