package translog

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"golang.org/x/mod/sumdb/tlog"
)

// ErrNoTile is returned for a tile or bundle the tree of the given size
// does not (yet) have.
var ErrNoTile = errors.New("no such tile in the tree")

// tileFits reports whether a tree of size n holds every hash (or entry) of t.
func tileFits(t tlog.Tile, n int64) bool {
	level := max(t.L, 0) * TileHeight
	if t.N > (math.MaxInt64-int64(t.W))>>TileHeight {
		return false
	}
	end := t.N<<TileHeight + int64(t.W) // hashes (at Merkle level `level`) the tile needs
	if level >= 63 {
		return false
	}
	return n>>level >= end
}

// TileData returns the content of a hash tile (t.L ≥ 0): W hashes of
// Merkle level 8·L read from the stored hashes. size is the tree size the
// caller may serve; a tile beyond it is ErrNoTile.
func TileData(ctx context.Context, r Reader, t tlog.Tile, size int64) ([]byte, error) {
	if t.L < 0 || t.H != TileHeight || t.W < 1 || t.W > TileWidth {
		return nil, fmt.Errorf("translog: not a hash tile: %+v", t)
	}
	if !tileFits(t, size) {
		return nil, ErrNoTile
	}
	return tlog.ReadTileData(t, hashReader(ctx, r.LogHashes))
}

// BundleData returns an entry bundle (t.L == EntriesLevel): each entry as
// a big-endian uint16 length and its bytes. count is how many entries the
// store returned; fewer than t.W means entries are missing from the store.
func BundleData(ctx context.Context, r Reader, t tlog.Tile, size int64) (data []byte, count int, err error) {
	if t.L != EntriesLevel || t.W < 1 || t.W > TileWidth {
		return nil, 0, fmt.Errorf("translog: not an entry bundle: %+v", t)
	}
	if !tileFits(t, size) {
		return nil, 0, ErrNoTile
	}
	start := t.N << TileHeight
	entries, err := r.LogEntries(ctx, start, start+int64(t.W))
	if err != nil {
		return nil, 0, err
	}
	return AppendBundle(nil, entries), len(entries), nil
}

// AppendBundle appends entries to b in entry-bundle form.
func AppendBundle(b []byte, entries [][]byte) []byte {
	for _, e := range entries {
		b = binary.BigEndian.AppendUint16(b, uint16(len(e)))
		b = append(b, e...)
	}
	return b
}

// SplitBundle splits an entry bundle into its entries; the entries alias b.
// It fails on a truncated bundle or one of more than max entries.
func SplitBundle(b []byte, max int) ([][]byte, error) {
	var out [][]byte
	for len(b) > 0 {
		if len(out) == max {
			return nil, fmt.Errorf("entry bundle has more than %d entries", max)
		}
		if len(b) < 2 {
			return nil, fmt.Errorf("entry bundle: entry %d: truncated length", len(out))
		}
		n := int(binary.BigEndian.Uint16(b))
		if len(b) < 2+n {
			return nil, fmt.Errorf("entry bundle: entry %d: %d bytes announced, %d left", len(out), n, len(b)-2)
		}
		out = append(out, b[2:2+n])
		b = b[2+n:]
	}
	return out, nil
}

// Tiles returns every tile and entry bundle of a tree of size n, as
// tlog.NewTiles(8, 0, n) gives them plus the entry bundles: what a static
// copy of the log at that size holds.
func Tiles(n int64) []tlog.Tile {
	tiles := tlog.NewTiles(TileHeight, 0, n)
	for _, t := range tiles {
		if t.L == 0 {
			b := t
			b.L = EntriesLevel
			tiles = append(tiles, b)
		}
	}
	return tiles
}
