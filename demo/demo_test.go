package demo_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/probity/probity/demo"
)

// TestAttribution: every embedded data file is named in ATTRIBUTION.md,
// and every compressed one holds, byte for byte, the source file whose
// SHA-256 the note gives (its first and last eight hex digits).
func TestAttribution(t *testing.T) {
	note, err := fs.ReadFile(demo.Data, "data/ATTRIBUTION.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(note)
	err = fs.WalkDir(demo.Data, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "data/ATTRIBUTION.md" {
			return err
		}
		rel := strings.TrimPrefix(p, "data/")
		named := strings.Contains(text, "`"+rel+"`")
		if !named { // a row may name a family of files: `ocds/ocds-b5fd17-*.json`
			for _, m := range regexp.MustCompile("`([^`]*\\*[^`]*)`").FindAllStringSubmatch(text, -1) {
				if ok, _ := path.Match(m[1], rel); ok {
					named = true
				}
			}
		}
		if !named {
			t.Errorf("%s is not named in ATTRIBUTION.md", rel)
		}
		if !strings.HasSuffix(p, ".gz") {
			return nil
		}
		r, err := demo.Open(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		defer r.Close()
		h := sha256.New()
		if _, err := io.Copy(h, r); err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		sum := hex.EncodeToString(h.Sum(nil))
		if !strings.Contains(text, sum[:8]+"…"+sum[len(sum)-4:]) {
			t.Errorf("%s holds a file of sha256 %s, which ATTRIBUTION.md does not give", p, sum)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOpen: Open reads a plain file as it is and a compressed one as it
// was published; DisplayName drops data/ and .gz.
func TestOpen(t *testing.T) {
	r, err := demo.Open(demo.WatchListSDN)
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 6)
	if _, err := io.ReadFull(r, head); err != nil || string(head) != "36,\"AE" {
		t.Errorf("sdn.csv begins %q, %v", head, err)
	}
	if err := r.Close(); err != nil {
		t.Error(err)
	}
	if got := demo.DisplayName(demo.WatchListSDN); got != "demo/ofac-sdn/sdn-2024-05-03.csv" {
		t.Errorf("DisplayName = %q", got)
	}
	if _, err := demo.Open("data/missing.csv.gz"); err == nil {
		t.Error("a missing file opened")
	}
	files, err := demo.OCDSFiles()
	if err != nil || len(files) != 16 {
		t.Errorf("OCDSFiles = %v, %v", files, err)
	}
}
