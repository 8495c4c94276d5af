package policy

import (
	"testing/fstest"
)

// FromFiles loads a policy from its files (name → content), as a published
// policy version keeps them. The hash is the same as Load's on a folder
// with those files.
func FromFiles(files map[string]string) (*Bundle, error) {
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys["policy/"+name] = &fstest.MapFile{Data: []byte(content), Mode: 0o644}
	}
	return LoadFS(fsys, "policy")
}

// AllFiles returns every file of the bundle (modules, tests and text) by
// name, for publishing.
func (b *Bundle) AllFiles() map[string]string {
	out := map[string]string{}
	for _, m := range []map[string]string{b.Modules, b.Tests, b.Docs} {
		for n, c := range m {
			out[n] = c
		}
	}
	return out
}
