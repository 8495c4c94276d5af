package translog

import (
	"context"

	"golang.org/x/mod/sumdb/tlog"
)

// Head is the newest entry of one published item: where it is, its
// version and the digest of its content (see Item), so that publishing an
// unchanged item again adds nothing.
type Head struct {
	Index   int64
	Version int64
	Digest  [32]byte
}

// Record is an entry as a store keeps it: the canonical bytes plus the
// columns that find an item's newest entry.
type Record struct {
	Index   int64
	Type    string
	ItemID  string
	Version int64
	Digest  [32]byte
	Data    []byte
}

// Tx is what the log needs from the write transaction that publishes an
// item. Stores implement it on their own transaction type, so that the
// entry and the published row commit or roll back together. Hash indexes
// are tlog stored-hash indexes (tlog.StoredHashIndex).
type Tx interface {
	// LogSize returns the number of entries in the log.
	LogSize(ctx context.Context) (int64, error)
	// LogHashes returns the stored hashes at the given indexes, in order.
	LogHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
	// LogHead returns the newest entry of an item; false if it has none.
	LogHead(ctx context.Context, typ, id string) (Head, bool, error)
	// LogAppend stores r at index r.Index (the current size) and hashes at
	// stored-hash indexes tlog.StoredHashCount(r.Index) onwards.
	LogAppend(ctx context.Context, r Record, hashes []tlog.Hash) error
}

// Reader is what serving the log, exporting it and signing checkpoints
// need from a store. Everything it reads below the size it reports is
// immutable, so no snapshot is needed across calls.
type Reader interface {
	LogSize(ctx context.Context) (int64, error)
	LogHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
	// LogEntries returns the entries with index in [start, end), in order;
	// fewer if some are missing (the caller treats that as an error).
	LogEntries(ctx context.Context, start, end int64) ([][]byte, error)
	// LogCheckpoint returns the newest stored signed checkpoint, or nil.
	LogCheckpoint(ctx context.Context) ([]byte, error)
}

// CheckpointStore keeps signed checkpoints so that every replica serves
// the same one.
type CheckpointStore interface {
	Reader
	// LogSaveCheckpoint stores a signed checkpoint of the given size unless
	// one of that size or larger is already stored.
	LogSaveCheckpoint(ctx context.Context, size int64, note []byte) error
}

// hashReader adapts a context-taking hash source to tlog.HashReader.
func hashReader(ctx context.Context, read func(context.Context, []int64) ([]tlog.Hash, error)) tlog.HashReader {
	return tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) { return read(ctx, idx) })
}
