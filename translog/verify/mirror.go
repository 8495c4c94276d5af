package verify

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/probity/probity/translog"
)

// mirror is a local copy of the entries, laid out as a log export
// (checkpoint, tile/entries/…), so that a mirror can itself be served.
type mirror struct {
	dir     string
	cp      *translog.Checkpoint // of the last verified run; nil if none
	created []string             // files written this run, removed if it fails
}

func openMirror(dir string) (*mirror, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("verify: mirror: %w", err)
	}
	m := &mirror{dir: dir}
	msg, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("verify: mirror: %w", err)
	}
	cp, err := parseNoteText(string(msg))
	if err != nil {
		return nil, fmt.Errorf("verify: mirror %s: checkpoint: %w", dir, err)
	}
	m.cp = &cp
	return m, nil
}

func (m *mirror) path(t tlog.Tile) string {
	return filepath.Join(m.dir, filepath.FromSlash(translog.TilePath(t)))
}

// bundle returns the mirrored entries of bundle k (none beyond the
// mirror's size).
func (m *mirror) bundle(k int64) ([][]byte, error) {
	if m.cp == nil || k*translog.TileWidth >= m.cp.Size {
		return nil, nil
	}
	t := tileAt(k, m.cp.Size)
	t.L = translog.EntriesLevel
	data, err := os.ReadFile(m.path(t))
	if err != nil {
		return nil, fmt.Errorf("verify: mirror: entries %d…: %w", k*translog.TileWidth, err)
	}
	entries, err := translog.SplitBundle(data, t.W)
	if err != nil || len(entries) != t.W {
		return nil, fmt.Errorf("verify: mirror %s: damaged (%d entries, want %d): %v", m.path(t), len(entries), t.W, err)
	}
	return entries, nil
}

// save keeps bundle k of width w unless the mirror already has it.
func (m *mirror) save(k int64, w int, data []byte) error {
	if m == nil {
		return nil
	}
	t := tlog.Tile{H: translog.TileHeight, L: translog.EntriesLevel, N: k, W: w}
	name := m.path(t)
	if _, err := os.Stat(name); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("verify: mirror: %w", err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("verify: mirror: %w", err)
	}
	m.created = append(m.created, name)
	return nil
}

// commit records the verified checkpoint; abandon removes what this run
// wrote. Both do nothing on a nil mirror.
func (m *mirror) commit(msg []byte) error {
	if m == nil {
		return nil
	}
	name := filepath.Join(m.dir, "checkpoint")
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, msg, 0o644); err != nil {
		return fmt.Errorf("verify: mirror: %w", err)
	}
	if err := os.Rename(tmp, name); err != nil {
		return fmt.Errorf("verify: mirror: %w", err)
	}
	return nil
}

func (m *mirror) abandon() {
	if m == nil {
		return
	}
	for _, name := range m.created {
		os.Remove(name)
	}
}
