package faulttest_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/sqlite"
)

var httpClient = &http.Client{Timeout: 30 * time.Second}

func httpRequest(method, url string, body []byte, token string) (*http.Request, error) {
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	return req, nil
}

// smallFS mounts a tmpfs of size bytes (as root; the test skips
// otherwise) and returns its path; resize and readOnly change it.
type smallFS struct{ dir string }

func mountSmallFS(t *testing.T, size int64) *smallFS {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+strconv.FormatInt(size, 10), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("a full disk and a read-only database are made with a small tmpfs, which needs root (mount: %v: %s)", err, strings.TrimSpace(string(out)))
	}
	fs := &smallFS{dir: dir}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return fs
}

func (fs *smallFS) remount(t *testing.T, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+opts, fs.dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s: %v: %s", opts, err, out)
	}
}

// The disk fills up in the middle of a large ingest: the ingest fails with
// a clear error and no panic, the batches before stay whole, and once
// there is room again the next command decides what they wrote and the
// ingest goes on.
func TestFullDiskDuringIngest(t *testing.T) {
	enabled(t)
	file := filepath.Join(shareddata.Dir(t, "ocds", "armenia-armeps"), "armenia-releases.jsonl")
	st, err := os.Stat(baseDB)
	if err != nil {
		t.Fatal(err)
	}
	fs := mountSmallFS(t, st.Size()+6<<20)
	db := copyDB(t, fs.dir)
	out, errs, code := run(t, db, "ingest", "ocds", "--quiet", "--batch", "100", file)
	if code != 1 || !strings.Contains(errs, "full") {
		t.Fatalf("ingest on a full disk: exit %d, want 1 and an error saying the disk is full\nstdout: %s\nstderr: %s", code, out, errs)
	}
	count(1, 0, 0, 0, 0)
	t.Logf("the ingest on a full disk said: %s", strings.TrimSpace(errs))
	fs.remount(t, "size=512m")
	recoverAndCheck(t, db)
	mustRun(t, db, "ingest", "ocds", "--quiet", file)
	check(t, db)
}

// The database is read-only while work is pending: commands say so and
// change nothing; the work is still pending, and done, once it is
// writable again.
func TestReadOnlyDatabase(t *testing.T) {
	enabled(t)
	st, err := os.Stat(baseDB)
	if err != nil {
		t.Fatal(err)
	}
	fs := mountSmallFS(t, st.Size()+64<<20)
	db := copyDB(t, fs.dir)
	// A finding stored without the work that follows it: pending.
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	f := probity.Finding{OrgID: orgNamed(t, db, "Microsoft"), Category: "unlawful_surveillance", Status: "substantiated", Severity: "high",
		Sources: []probity.Source{{Publisher: "Fault Test", Title: "A report", Date: "2024"}}, Summary: "pending when the disk went read-only",
		LegalBasis: []probity.LegalBasis{{Instrument: "ICCPR", Article: "17"}}}
	if f, err = s.AddFinding(ctx, f); err != nil {
		t.Fatal(err)
	}
	s.Close()
	fs.remount(t, "ro")
	count(1, 0, 0, 0, 0)
	for _, args := range [][]string{{"contracts", "list", "--limit", "1"}, {"status"}, {"findings", "add", "--org", "1", "--category", "unlawful_surveillance",
		"--status", "alleged", "--severity", "low", "--source", "A|B|2020", "--summary", "x"}} {
		out, errs, code := run(t, db, args...) // fails on a panic
		if code != 0 && strings.TrimSpace(errs) == "" {
			t.Errorf("probity %s on a read-only database: exit %d without saying why\nstdout: %s", strings.Join(args, " "), code, out)
		}
		t.Logf("probity %s on a read-only database: exit %d: %s", strings.Join(args, " "), code, strings.TrimSpace(errs))
	}
	fs.remount(t, "rw")
	recoverAndCheck(t, db)
	s, err = sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	lost := 0
	if _, err := s.Finding(ctx, f.ID); err != nil {
		lost = 1
		t.Errorf("finding %d lost: %v", f.ID, err)
	}
	count(0, 0, 0, 1, lost)
}
