package translog

import (
	"context"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// InclusionProof proves that entry Index is in the tree of Size entries
// whose root is Root: the RFC 6962 audit path, as tlog.RecordProof.
type InclusionProof struct {
	Index    int64       `json:"index"`
	Size     int64       `json:"size"`
	LeafHash tlog.Hash   `json:"leaf_hash"`
	Root     tlog.Hash   `json:"root_hash"`
	Proof    []tlog.Hash `json:"proof"`
}

// ConsistencyProof proves that the tree of Old entries (root OldRoot) is a
// prefix of the tree of Size entries (root Root), as tlog.TreeProof.
type ConsistencyProof struct {
	Old     int64       `json:"old"`
	Size    int64       `json:"size"`
	OldRoot tlog.Hash   `json:"old_root_hash"`
	Root    tlog.Hash   `json:"root_hash"`
	Proof   []tlog.Hash `json:"proof"`
}

// ProveInclusion builds the inclusion proof of entry index in the tree of
// size entries; size may not exceed limit (what the server has).
func ProveInclusion(ctx context.Context, r Reader, index, size, limit int64) (*InclusionProof, error) {
	if index < 0 || index >= size || size > limit {
		return nil, fmt.Errorf("%w: need 0 ≤ index < size ≤ %d", ErrNoTile, limit)
	}
	var leaf, root tlog.Hash
	var p tlog.RecordProof
	err := prefetch(ctx, r, func(hr tlog.HashReader) (err error) {
		h, err := hr.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
		if err != nil {
			return err
		}
		leaf = h[0]
		if root, err = tlog.TreeHash(size, hr); err != nil {
			return err
		}
		p, err = tlog.ProveRecord(size, index, hr)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &InclusionProof{Index: index, Size: size, LeafHash: leaf, Root: root, Proof: nonNil(p)}, nil
}

// ProveConsistency builds the consistency proof from the tree of old
// entries to the tree of size entries; size may not exceed limit.
func ProveConsistency(ctx context.Context, r Reader, old, size, limit int64) (*ConsistencyProof, error) {
	if old < 1 || old > size || size > limit {
		return nil, fmt.Errorf("%w: need 1 ≤ old ≤ size ≤ %d", ErrNoTile, limit)
	}
	var oldRoot, root tlog.Hash
	var p tlog.TreeProof
	err := prefetch(ctx, r, func(hr tlog.HashReader) (err error) {
		if oldRoot, err = tlog.TreeHash(old, hr); err != nil {
			return err
		}
		if root, err = tlog.TreeHash(size, hr); err != nil {
			return err
		}
		p, err = tlog.ProveTree(size, old, hr)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &ConsistencyProof{Old: old, Size: size, OldRoot: oldRoot, Root: root, Proof: nonNil(p)}, nil
}

// Check verifies an inclusion proof against its own root: a client
// compares Root with a checkpoint it trusts.
func (p *InclusionProof) Check() error {
	return tlog.CheckRecord(p.Proof, p.Size, p.Root, p.Index, p.LeafHash)
}

// Check verifies a consistency proof between its two roots.
func (p *ConsistencyProof) Check() error {
	return tlog.CheckTree(p.Proof, p.Size, p.Root, p.Old, p.OldRoot)
}

func nonNil(h []tlog.Hash) []tlog.Hash {
	if h == nil {
		return []tlog.Hash{}
	}
	return h
}

// prefetch runs fn twice: first with a reader that only records which
// hashes fn asks for, then, after reading all of them from r in one call
// (one query on a SQL store), with a reader that answers from those.
// tlog's proof functions read the same hashes whatever values they get.
func prefetch(ctx context.Context, r Reader, fn func(tlog.HashReader) error) error {
	var need []int64
	record := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		need = append(need, idx...)
		return make([]tlog.Hash, len(idx)), nil
	})
	if err := fn(record); err != nil {
		return err
	}
	hashes, err := r.LogHashes(ctx, need)
	if err != nil {
		return err
	}
	have := make(map[int64]tlog.Hash, len(need))
	for i, x := range need {
		have[x] = hashes[i]
	}
	return fn(tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			h, ok := have[x]
			if !ok {
				return nil, fmt.Errorf("translog: proof read hash %d it did not ask for before", x)
			}
			out[i] = h
		}
		return out, nil
	}))
}
