// Package shareddata finds the real test data that lives beside the
// repository, in ../shared/data, for tests and benchmarks. Tests that need it
// call Dir(tb), which skips the test with a clear message when it is absent.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Env overrides where the shared data is looked for.
const Env = "PROBITY_SHARED_DATA"

// Find returns the shared data folder, or "" when it cannot be found. It
// looks at $PROBITY_SHARED_DATA, then for shared/data beside every parent of
// the working directory (the repository is a sibling of shared/).
func Find() string {
	if d := os.Getenv(Env); d != "" {
		if isDir(d) {
			return d
		}
		return ""
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared", "data")
		if isDir(cand) {
			return cand
		}
		if parent := filepath.Dir(dir); parent == dir {
			return ""
		}
	}
}

// Dir returns the shared data folder joined with elem, skipping tb when the
// folder (or the named file) does not exist.
func Dir(tb testing.TB, elem ...string) string {
	tb.Helper()
	root := Find()
	if root == "" {
		tb.Skipf("shared test data not found: put the shared/ folder beside the repository or set %s (this test needs real data from ../shared/data)", Env)
	}
	p := filepath.Join(append([]string{root}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared test data %s not found: %v", p, err)
	}
	return p
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
