package translog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Export writes the log as of its newest stored checkpoint to dir as the
// static tree a web host can serve under the log's prefix: checkpoint,
// key, tile/<L>/… and tile/entries/…, the same bytes Handler serves. Full
// tiles already in dir are kept (they never change), so exporting again
// only adds what is new. Each file is written to a temporary name and
// renamed; the checkpoint comes last, so a reader of dir never sees a
// checkpoint whose tiles are missing.
func Export(ctx context.Context, r Reader, keys []string, dir string) (Checkpoint, error) {
	msg, err := r.LogCheckpoint(ctx)
	if err != nil {
		return Checkpoint{}, err
	}
	if msg == nil {
		return Checkpoint{}, fmt.Errorf("translog: no checkpoint signed yet: run probity serve (or sign one) first")
	}
	cp, err := OpenCheckpoint(msg, "", keys...)
	if err != nil {
		return Checkpoint{}, fmt.Errorf("translog: newest checkpoint: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return cp, err
	}
	for _, t := range Tiles(cp.Size) {
		name := filepath.Join(dir, filepath.FromSlash(TilePath(t)))
		if t.W == TileWidth {
			if _, err := os.Stat(name); err == nil {
				continue
			}
		}
		var data []byte
		if t.L == EntriesLevel {
			var n int
			data, n, err = BundleData(ctx, r, t, cp.Size)
			if err == nil && n != t.W {
				err = fmt.Errorf("translog: entries %d to %d: the store has %d of %d", t.N*TileWidth, t.N*TileWidth+int64(t.W)-1, n, t.W)
			}
		} else {
			data, err = TileData(ctx, r, t, cp.Size)
		}
		if err != nil {
			return cp, err
		}
		if err := writeFile(name, data); err != nil {
			return cp, err
		}
	}
	if err := writeFile(filepath.Join(dir, "key"), []byte(strings.Join(keys, "\n")+"\n")); err != nil {
		return cp, err
	}
	return cp, writeFile(filepath.Join(dir, "checkpoint"), msg)
}

// writeFile writes data to name through a temporary file and a rename.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("translog: write %s: %w", name, err)
	}
	return nil
}
