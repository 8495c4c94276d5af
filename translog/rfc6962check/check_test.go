package rfc6962check

import (
	"crypto/sha256"
	"encoding/hex"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestStandardLibraryOnly keeps the checker independent: check.go may
// import nothing outside the standard library.
func TestStandardLibraryOnly(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "check.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
			t.Errorf("check.go imports %s: the independent checker must use the standard library only", path)
		}
	}
}

// TestMTH checks the RFC 6962 tree hash on hand-computed trees.
func TestMTH(t *testing.T) {
	leaf := func(s string) [32]byte { return sha256.Sum256(append([]byte{0}, s...)) }
	node := func(l, r [32]byte) [32]byte { return sha256.Sum256(append(append([]byte{1}, l[:]...), r[:]...)) }
	a, b, c := leaf("a"), leaf("b"), leaf("c")
	if got := mth(nil); hex.EncodeToString(got[:]) != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("empty tree %x", got)
	}
	if mth([][32]byte{a}) != a {
		t.Error("one leaf")
	}
	if mth([][32]byte{a, b, c}) != node(node(a, b), c) {
		t.Error("three leaves: the left subtree is the largest power of two")
	}
	if got := indexPath(1234067); got != "x001/x234/067" {
		t.Errorf("indexPath = %s", got)
	}
}
