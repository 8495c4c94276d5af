package input_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/input"
)

func readAll(t *testing.T, paths []string, opts input.Options) (map[string]string, error) {
	t.Helper()
	got := map[string]string{}
	err := input.Walk(paths, opts, func(f *input.File) error {
		b, err := io.ReadAll(f.R)
		if err != nil {
			return err
		}
		got[filepath.Base(f.Name)] = string(b)
		return nil
	})
	return got, err
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "a.json"), []byte("\xef\xbb\xbf{\"a\":1}"), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "b.json.gz"), gz(`{"b":"é"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("skip"), 0o644)

	got, err := readAll(t, []string{dir}, input.Options{Exts: []string{".json"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.json": `{"a":1}`, "b.json.gz": `{"b":"é"}`}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

func TestStdin(t *testing.T) {
	got, err := readAll(t, []string{"-"}, input.Options{Stdin: bytes.NewReader(gz("x\ny"))})
	if err != nil || got["-"] != "x\ny" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestInvalidUTF8NamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.csv")
	os.WriteFile(p, []byte("name\nok\ncaf\xe9\n"), 0o644)
	_, err := readAll(t, []string{p}, input.Options{})
	var ie *probity.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("want InputError, got %v", err)
	}
	if ie.File != p || ie.Line != 3 || !strings.Contains(ie.Reason, "0xe9") {
		t.Fatalf("unexpected error: %+v", ie)
	}
	got, err := readAll(t, []string{p}, input.Options{Encoding: "windows-1252"})
	if err != nil || got["bad.csv"] != "name\nok\ncafé\n" {
		t.Fatalf("converted: %q, %v", got, err)
	}
}

func TestRuneAcrossReads(t *testing.T) {
	// 70,000 two-byte runes cross every 64 KiB buffer boundary.
	s := strings.Repeat("é", 70000)
	got, err := readAll(t, []string{"-"}, input.Options{Stdin: bytes.NewReader([]byte(s))})
	if err != nil || got["-"] != s {
		t.Fatalf("round trip failed: %v (len %d)", err, len(got["-"]))
	}
}

func TestMissing(t *testing.T) {
	_, err := readAll(t, []string{"/nonexistent/x.json"}, input.Options{})
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/x.json") {
		t.Fatalf("want error naming the path, got %v", err)
	}
}

func FuzzValidator(f *testing.F) {
	f.Add([]byte("abc"), "")
	f.Add([]byte("\xef\xbb\xbfé\xff"), "windows-1252")
	f.Fuzz(func(t *testing.T, b []byte, enc string) {
		_ = input.Walk([]string{"-"}, input.Options{Stdin: bytes.NewReader(b), Encoding: enc}, func(f *input.File) error {
			out, err := io.ReadAll(f.R)
			if err == nil && enc == "" && !bytes.Equal(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), out) {
				t.Fatalf("valid input changed: %q -> %q", b, out)
			}
			return err
		})
	})
}
