package translog

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/mod/sumdb/tlog"
)

// Memory is a log store in memory: the reference implementation of Tx,
// Reader and CheckpointStore, used by tests and benchmarks of this package
// and of its clients. Update gives it transactions: what fn wrote is
// dropped if fn fails.
type Memory struct {
	mu          sync.RWMutex
	entries     []Record
	hashes      []tlog.Hash
	heads       map[[2]string]Head
	checkpoints [][]byte
	sizes       []int64
}

// NewMemory returns an empty in-memory log.
func NewMemory() *Memory { return &Memory{heads: map[[2]string]Head{}} }

// Update runs fn in a transaction over m; one at a time.
func (m *Memory) Update(ctx context.Context, fn func(Tx) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memTx{m: m, heads: map[[2]string]Head{}}
	if err := fn(tx); err != nil {
		return err
	}
	m.entries = append(m.entries, tx.entries...)
	m.hashes = append(m.hashes, tx.hashes...)
	for k, h := range tx.heads {
		m.heads[k] = h
	}
	return nil
}

type memTx struct {
	m       *Memory
	entries []Record
	hashes  []tlog.Hash
	heads   map[[2]string]Head
}

func (tx *memTx) LogSize(context.Context) (int64, error) {
	return int64(len(tx.m.entries) + len(tx.entries)), nil
}

func (tx *memTx) LogHashes(_ context.Context, idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	base := int64(len(tx.m.hashes))
	for i, x := range idx {
		switch {
		case x >= 0 && x < base:
			out[i] = tx.m.hashes[x]
		case x >= base && x-base < int64(len(tx.hashes)):
			out[i] = tx.hashes[x-base]
		default:
			return nil, fmt.Errorf("no stored hash %d", x)
		}
	}
	return out, nil
}

func (tx *memTx) LogHead(_ context.Context, typ, id string) (Head, bool, error) {
	k := [2]string{typ, id}
	if h, ok := tx.heads[k]; ok {
		return h, true, nil
	}
	h, ok := tx.m.heads[k]
	return h, ok, nil
}

func (tx *memTx) LogAppend(ctx context.Context, r Record, hashes []tlog.Hash) error {
	n, _ := tx.LogSize(ctx)
	if r.Index != n {
		return fmt.Errorf("entry %d appended at size %d", r.Index, n)
	}
	if want := tlog.StoredHashCount(n); int64(len(tx.m.hashes)+len(tx.hashes)) != want {
		return fmt.Errorf("hashes out of step at entry %d", n)
	}
	tx.entries = append(tx.entries, r)
	tx.hashes = append(tx.hashes, hashes...)
	tx.heads[[2]string{r.Type, r.ItemID}] = Head{Index: r.Index, Version: r.Version, Digest: r.Digest}
	return nil
}

// LogSize implements Reader.
func (m *Memory) LogSize(context.Context) (int64, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return int64(len(m.entries)), nil
}

// LogHashes implements Reader.
func (m *Memory) LogHashes(_ context.Context, idx []int64) ([]tlog.Hash, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		if x < 0 || x >= int64(len(m.hashes)) {
			return nil, fmt.Errorf("no stored hash %d", x)
		}
		out[i] = m.hashes[x]
	}
	return out, nil
}

// LogEntries implements Reader.
func (m *Memory) LogEntries(_ context.Context, start, end int64) ([][]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	end = min(end, int64(len(m.entries)))
	var out [][]byte
	for i := start; i < end; i++ {
		out = append(out, m.entries[i].Data)
	}
	return out, nil
}

// LogCheckpoint implements Reader.
func (m *Memory) LogCheckpoint(context.Context) ([]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if len(m.checkpoints) == 0 {
		return nil, nil
	}
	return m.checkpoints[len(m.checkpoints)-1], nil
}

// LogSaveCheckpoint implements CheckpointStore.
func (m *Memory) LogSaveCheckpoint(_ context.Context, size int64, note []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n := len(m.sizes); n > 0 && m.sizes[n-1] >= size {
		return nil
	}
	m.sizes = append(m.sizes, size)
	m.checkpoints = append(m.checkpoints, note)
	return nil
}

// Tamper gives tests write access to the stored state, as someone with the
// database would have: set replaces entry data or a stored hash, drop
// removes the newest entries and their hashes.
func (m *Memory) Tamper(fn func(entries []Record, hashes []tlog.Hash) ([]Record, []tlog.Hash)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries, m.hashes = fn(m.entries, m.hashes)
}

// SetCheckpoint replaces the served checkpoint (for tests of forged ones).
func (m *Memory) SetCheckpoint(note []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.checkpoints = append(m.checkpoints, note)
}
