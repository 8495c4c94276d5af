package policy

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Bundle is a policy folder as loaded: its Rego modules, its Rego tests
// (files named *_test.rego) and its Markdown text, each keyed by file name,
// with the content hash that identifies the version.
type Bundle struct {
	Dir     string            // the folder as given to Load, for messages
	Modules map[string]string // policy modules (*.rego but not *_test.rego)
	Tests   map[string]string // Rego tests (*_test.rego)
	Docs    map[string]string // published text (*.md)
	Hash    string            // hex SHA-256, see Load
}

//go:embed default
var defaultFS embed.FS

// Default returns the default policy shipped with probity (folder default/
// of this package). This package's tests check that it loads, compiles and
// passes its tests, so an error here means a broken build.
func Default() (*Bundle, error) { return LoadFS(defaultFS, "default") }

// Load reads a policy folder. Only its top-level *.rego and *.md files are
// read; other and hidden files are ignored. The content hash is the SHA-256
// over the files sorted by name, each contributing its name, a newline, its
// length in decimal, a newline and its content. Modules are parsed (Rego v1)
// so that syntax errors are refused here, with file:line.
func Load(dir string) (*Bundle, error) {
	return loadFS(os.DirFS(dir), ".", dir)
}

// LoadFS reads a policy folder from fsys, as Load does.
func LoadFS(fsys fs.FS, dir string) (*Bundle, error) { return loadFS(fsys, dir, dir) }

// loadFS reads folder dir of fsys; display names it in messages.
func loadFS(fsys fs.FS, dir, display string) (*Bundle, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, &Error{Step: "load", Problems: []Problem{{File: display, Message: err.Error()}}}
	}
	b := &Bundle{Dir: display, Modules: map[string]string{}, Tests: map[string]string{}, Docs: map[string]string{}}
	h := sha256.New()
	for _, e := range entries { // fs.ReadDir sorts by name
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") {
			continue
		}
		var into map[string]string
		switch {
		case strings.HasSuffix(name, "_test.rego"):
			into = b.Tests
		case strings.HasSuffix(name, ".rego"):
			into = b.Modules
		case strings.HasSuffix(name, ".md"):
			into = b.Docs
		default:
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, &Error{Step: "load", Problems: []Problem{{File: b.displayName(name), Message: err.Error()}}}
		}
		into[name] = string(data)
		fmt.Fprintf(h, "%s\n%d\n", name, len(data))
		h.Write(data)
	}
	if len(b.Modules) == 0 {
		return nil, &Error{Step: "load", Problems: []Problem{{File: display, Message: "no Rego module (*.rego) in the folder"}}}
	}
	b.Hash = hex.EncodeToString(h.Sum(nil))
	if _, err := b.parse(b.Modules, b.Tests); err != nil {
		return nil, err
	}
	return b, nil
}

// Files returns the names of all files of the bundle, sorted.
func (b *Bundle) Files() []string {
	var names []string
	for _, m := range []map[string]string{b.Modules, b.Tests, b.Docs} {
		for n := range m {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// displayName is a file's name as shown in messages.
func (b *Bundle) displayName(name string) string {
	if b.Dir == "" || b.Dir == "." {
		return name
	}
	return path.Join(b.Dir, name)
}

// parse parses the given sets of files into fresh modules keyed by display
// name (OPA's compiler rewrites modules, so each use parses anew).
func (b *Bundle) parse(sets ...map[string]string) (map[string]*ast.Module, error) {
	mods := map[string]*ast.Module{}
	var all *Error
	for _, set := range sets {
		for _, name := range sortedKeys(set) {
			file := b.displayName(name)
			m, err := ast.ParseModuleWithOpts(file, set[name], ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
			if err != nil {
				e := fromOPA("parse", err)
				if all == nil {
					all = e
				} else {
					all.Problems = append(all.Problems, e.Problems...)
				}
				continue
			}
			mods[file] = m
		}
	}
	if all != nil {
		return nil, all
	}
	return mods, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
