package ocds_test

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/ocds"
)

// writeLarge writes about size bytes of OCDS data built from the Armenia
// releases with rewritten ocids, as JSON Lines or as one release package
// whose version follows its releases (the hardest case to stream).
func writeLarge(t *testing.T, size int64, pkg bool) (string, int) {
	t.Helper()
	lines := bytes.Split(bytes.TrimSpace(armeniaJSONL(t)), []byte("\n"))
	path := filepath.Join(t.TempDir(), "large.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if pkg {
		w.WriteString(`{"uri":"x","releases":[`)
	}
	var written int64
	n := 0
	for written < size {
		for _, l := range lines {
			i := bytes.Index(l, []byte(`"ocid":"`))
			j := bytes.IndexByte(l[i+8:], '"')
			if pkg && n > 0 {
				w.WriteByte(',')
			}
			k, _ := w.Write(l[:i+8])
			m, _ := w.WriteString("big-" + strconv.Itoa(n))
			o, _ := w.Write(l[i+8+j:])
			w.WriteByte('\n')
			written += int64(k + m + o + 1)
			n++
		}
	}
	if pkg {
		w.WriteString(`],"version":"1.1"}`)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path, n
}

// TestReadMemoryFlat streams 200 MB of JSON Lines and a 200 MB release
// package and checks that the heap stays far below the input size.
func TestReadMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 2 × 200 MB temporary files; skipped with -short")
	}
	for _, pkg := range []bool{false, true} {
		path, n := writeLarge(t, 200<<20, pkg)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var peak uint64
		var ms runtime.MemStats
		count := 0
		err = ocds.Read(context.Background(), f, path, func(r probity.Release) error {
			count++
			if r.Version != "1.1" && pkg {
				t.Fatalf("release %d: version %q, want 1.1 (from the package, after the releases)", count, r.Version)
			}
			if count%2000 == 0 {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak {
					peak = ms.HeapInuse
				}
			}
			return nil
		})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if count != n {
			t.Fatalf("read %d releases, want %d", count, n)
		}
		t.Logf("package=%v: %d releases, peak heap in use %d MB", pkg, count, peak>>20)
		if peak > 48<<20 {
			t.Errorf("package=%v: peak heap %d MB for a 200 MB input", pkg, peak>>20)
		}
		os.Remove(path)
	}
}
