// Package input opens what the user names on the command line for ingest:
// files, folders (walked recursively in name order), "-" for standard input,
// and gzip-compressed files (recognised by their magic bytes, not their
// name). Every byte handed on is valid UTF-8: input in another encoding is
// converted when Options.Encoding names it, and otherwise refused with an
// error naming the file, line and byte offset. A leading byte-order mark is
// dropped.
package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"

	"github.com/probity/probity"
)

// Options control how inputs are opened.
type Options struct {
	// Encoding names the input's character encoding (any WHATWG name:
	// "windows-1252", "iso-8859-1", "utf-16le", ...). Empty means UTF-8.
	Encoding string
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// Exts, if set, limits which files are taken from folders (".json",
	// ".jsonl", ".csv"); a ".gz" suffix is looked through. Files named
	// directly are always taken.
	Exts []string
}

// File is one opened input.
type File struct {
	Name string    // path as given or found in a folder; "-" for stdin
	R    io.Reader // decompressed, decoded, validated UTF-8
	Size int64     // size on disk (compressed), -1 if unknown
	read *atomic.Int64
}

// BytesRead reports how many bytes of the file on disk (before
// decompression) have been consumed so far: with Size it drives progress.
func (f *File) BytesRead() int64 { return f.read.Load() }

// Walk calls fn once for each input named by paths, in order. Folders are
// walked recursively, files sorted by name. fn must consume f.R before it
// returns; the file is closed afterwards.
func Walk(paths []string, opts Options, fn func(f *File) error) error {
	if len(paths) == 0 {
		return probity.Errorf(probity.EINVALID, "no input named")
	}
	for _, p := range paths {
		if p == "-" {
			in := opts.Stdin
			if in == nil {
				in = os.Stdin
			}
			if err := open("-", in, -1, opts, fn); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return probity.Errorf(probity.EINVALID, "%s: %v", p, unwrapPathError(err))
		}
		if !st.IsDir() {
			if err := openFile(p, opts, fn); err != nil {
				return err
			}
			continue
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && wanted(path, opts.Exts) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return probity.Errorf(probity.EINVALID, "%s: %v", p, unwrapPathError(err))
		}
		sort.Strings(files)
		for _, f := range files {
			if err := openFile(f, opts, fn); err != nil {
				return err
			}
		}
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func wanted(path string, exts []string) bool {
	if len(exts) == 0 {
		return !strings.HasPrefix(filepath.Base(path), ".")
	}
	name := strings.ToLower(strings.TrimSuffix(path, ".gz"))
	for _, e := range exts {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}

func openFile(path string, opts Options, fn func(*File) error) error {
	f, err := os.Open(path)
	if err != nil {
		return probity.Errorf(probity.EINVALID, "%s: %v", path, unwrapPathError(err))
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return open(path, f, size, opts, fn)
}

func open(name string, raw io.Reader, size int64, opts Options, fn func(*File) error) error {
	counter := &countingReader{r: raw, n: new(atomic.Int64)}
	br := bufio.NewReaderSize(counter, 1<<16)
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return &probity.InputError{File: name, Reason: "not a valid gzip file: " + err.Error(), Err: err}
		}
		defer zr.Close()
		r = zr
	}
	if opts.Encoding != "" && !isUTF8Name(opts.Encoding) {
		enc, err := htmlindex.Get(opts.Encoding)
		if err != nil {
			return probity.Errorf(probity.EINVALID, "unknown encoding %q (use a WHATWG name such as windows-1252, iso-8859-1, utf-16le)", opts.Encoding)
		}
		r = transform.NewReader(r, enc.NewDecoder())
	}
	v := &validator{r: r, name: name, line: 1}
	return fn(&File{Name: name, R: bufio.NewReaderSize(v, 1<<16), Size: size, read: counter.n})
}

func isUTF8Name(s string) bool {
	s = strings.ToLower(strings.ReplaceAll(s, "-", ""))
	return s == "utf8"
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// validator passes bytes through, checking that they are UTF-8 (a rune may
// straddle two reads), counting lines for the error message and dropping a
// leading byte-order mark.
type validator struct {
	r       io.Reader
	name    string
	line    int
	offset  int64
	pending []byte // an incomplete rune held back from the previous read
	started bool
	err     error
}

func (v *validator) Read(p []byte) (int, error) {
	if v.err != nil {
		return 0, v.err
	}
	if len(p) < utf8.UTFMax*2 {
		return 0, io.ErrShortBuffer // File.R wraps the validator in a bufio.Reader
	}
	n := copy(p, v.pending)
	v.pending = v.pending[:0]
	m, err := v.r.Read(p[n:])
	n += m
	chunk := p[:n]
	if !v.started && n > 0 {
		if len(chunk) < 3 && err == nil && bytes.HasPrefix([]byte("\xef\xbb\xbf"), chunk) {
			v.pending = append(v.pending, chunk...)
			return 0, nil
		}
		v.started = true
		if bytes.HasPrefix(chunk, []byte("\xef\xbb\xbf")) {
			copy(chunk, chunk[3:])
			n -= 3
			chunk = chunk[:n]
			v.offset += 3
		}
	}
	// Hold back a trailing incomplete rune unless the input is over.
	if err == nil {
		cut := incompleteTail(chunk)
		if cut > 0 {
			v.pending = append(v.pending, chunk[len(chunk)-cut:]...)
			n -= cut
			chunk = chunk[:n]
		}
	}
	if !utf8.Valid(chunk) {
		i := firstInvalid(chunk)
		line := v.line + bytes.Count(chunk[:i], []byte{'\n'})
		v.err = &probity.InputError{File: v.name, Line: line,
			Reason: fmt.Sprintf("not valid UTF-8 (byte 0x%02x at offset %d); name the file's encoding with --encoding, e.g. --encoding windows-1252", chunk[i], v.offset+int64(i))}
		return 0, v.err
	}
	v.line += bytes.Count(chunk, []byte{'\n'})
	v.offset += int64(n)
	if err == io.EOF && len(v.pending) > 0 {
		err = nil
	}
	return n, err
}

// incompleteTail returns how many bytes at the end of b begin a rune that
// is not complete yet.
func incompleteTail(b []byte) int {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return 0
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return i
			}
			return 0
		}
	}
	return 0
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}
