package verify

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// State is what verify remembers between runs: the log it follows, the
// keys it trusts and the last checkpoint it verified (the signed note as
// served, so that it is evidence on its own).
type State struct {
	Prefix     string   `json:"prefix"`
	Origin     string   `json:"origin"`
	Keys       []string `json:"keys"`
	Checkpoint string   `json:"checkpoint"`
}

// maxStateSize bounds the state file (a few keys and one checkpoint).
const maxStateSize = 1 << 20

// LoadState reads a state file; a missing file is an empty state.
func LoadState(path string) (*State, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &State{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("state %s: %w", path, err)
	}
	if len(data) > maxStateSize {
		return nil, fmt.Errorf("state %s: larger than %d bytes", path, maxStateSize)
	}
	var s State
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("state %s: %w", path, err)
	}
	return &s, nil
}

// Save writes the state file through a temporary file and a rename.
func (s *State) Save(path string) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("state %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, ".state-*")
	if err != nil {
		return fmt.Errorf("state %s: %w", path, err)
	}
	_, err = tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("state %s: %w", path, err)
	}
	return nil
}
