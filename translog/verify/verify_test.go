package verify_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/probity/probity"
	"github.com/probity/probity/translog"
	"github.com/probity/probity/translog/verify"
)

// testLog is a log in memory served over HTTP, with its signer.
type testLog struct {
	m      *translog.Memory
	signer *translog.Signer
	cp     *translog.Checkpointer
	srv    *httptest.Server
}

func newTestLog(t *testing.T, n int) *testLog {
	t.Helper()
	s, _, err := translog.LoadOrCreateKey(filepath.Join(t.TempDir(), "log.key"), "test.example/log")
	if err != nil {
		t.Fatal(err)
	}
	l := &testLog{m: translog.NewMemory(), signer: s}
	l.cp = &translog.Checkpointer{Store: l.m, Signer: s}
	l.srv = httptest.NewServer(&translog.Handler{Reader: l.m, Keys: s.VerifierKeys()})
	t.Cleanup(l.srv.Close)
	l.add(t, n)
	return l
}

// add publishes n decisions and signs a checkpoint.
func (l *testLog) add(t *testing.T, n int) {
	t.Helper()
	ctx := context.Background()
	base, _ := l.m.LogSize(ctx)
	err := l.m.Update(ctx, func(tx translog.Tx) error {
		for i := range n {
			id := base + int64(i)
			d := probity.Decision{ID: id, ContractID: fmt.Sprintf("ocds-b5fd17-%06d", id), Outcome: []string{"allow", "review", "deny"}[id%3],
				Reasons: []probity.Reason{{RuleID: "sanctioned_buyer", Message: "the buyer is on a list"}}, PolicyHash: "ph", InputHash: "ih",
				DecidedAt: time.Date(2018, 6, 20, 0, 0, int(id), 0, time.UTC)}
			if _, _, err := translog.Append(ctx, tx, translog.DecisionItem(d)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := l.cp.Once(ctx); err != nil {
		t.Fatal(err)
	}
}

func (l *testLog) opts(t *testing.T, dir string) verify.Options {
	return verify.Options{Server: l.srv.URL, State: filepath.Join(dir, "state.json"), Keys: l.signer.VerifierKeys(), Mirror: filepath.Join(dir, "mirror")}
}

func mustMismatch(t *testing.T, err error, want ...string) *verify.Mismatch {
	t.Helper()
	var m *verify.Mismatch
	if !errors.As(err, &m) {
		t.Fatalf("want a mismatch, got %v", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
	return m
}

func TestVerifyGrowingLog(t *testing.T) {
	l := newTestLog(t, 300)
	dir := t.TempDir()
	o := l.opts(t, dir)
	rep, err := verify.Run(context.Background(), o)
	if err != nil || rep.Checkpoint.Size != 300 || rep.Previous != nil {
		t.Fatalf("first run: %+v %v", rep, err)
	}
	l.add(t, 213) // crosses a tile boundary: 513 entries
	rep, err = verify.Run(context.Background(), o)
	if err != nil || rep.Checkpoint.Size != 513 || rep.Previous == nil || rep.Previous.Size != 300 {
		t.Fatalf("second run: %+v %v", rep, err)
	}
	// The mirror holds every entry as an export would.
	if _, err := os.Stat(filepath.Join(dir, "mirror", "tile", "entries", "001")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "mirror", "tile", "entries", "002.p", "1")); err != nil {
		t.Fatal(err)
	}
	// Without --key the first run trusts the published key and says so.
	o2 := verify.Options{Server: l.srv.URL + "/", State: filepath.Join(t.TempDir(), "s.json")}
	var out strings.Builder
	o2.Out = &out
	rep, err = verify.Run(context.Background(), o2)
	if err != nil || !rep.KeyFirstUse || !strings.Contains(out.String(), "first use") {
		t.Fatalf("first use: %v %q", err, out.String())
	}
}

// tamper runs verify once (trusting the log), lets fn change the store,
// signs a new checkpoint when resign is set (as an insider with the key
// would) and returns the second run's error.
func tamper(t *testing.T, mirror bool, resign bool, fn func(entries []translog.Record, hashes []tlog.Hash) ([]translog.Record, []tlog.Hash)) error {
	t.Helper()
	l := newTestLog(t, 600)
	o := l.opts(t, t.TempDir())
	if !mirror {
		o.Mirror = ""
	}
	if _, err := verify.Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	l.m.Tamper(fn)
	if resign {
		cur, err := translog.CurrentCheckpoint(context.Background(), l.m, l.signer.Origin())
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := l.signer.Sign(cur)
		l.m.SetCheckpoint(msg)
	}
	_, err := verify.Run(context.Background(), o)
	return err
}

func setEntry(i int, data string) func([]translog.Record, []tlog.Hash) ([]translog.Record, []tlog.Hash) {
	return func(e []translog.Record, h []tlog.Hash) ([]translog.Record, []tlog.Hash) {
		e[i].Data = []byte(data)
		return e, h
	}
}

func TestVerifyCatchesTampering(t *testing.T) {
	edited := `{"id":"42","item":{"contract_id":"ocds-b5fd17-000042","outcome":"allow"},"type":"decision","version":1}`
	t.Run("edited entry", func(t *testing.T) {
		m := mustMismatch(t, tamper(t, false, false, setEntry(42, edited)), "entry 42:", "old hash", "new hash", "test.example/log@600")
		if m.Index != 42 || *m.New != tlog.RecordHash([]byte(edited)) {
			t.Errorf("mismatch %+v", m)
		}
	})
	t.Run("edited entry, mirror", func(t *testing.T) {
		m := mustMismatch(t, tamper(t, true, false, setEntry(42, edited)), "entry 42: rewritten", "mirror")
		if m.Index != 42 {
			t.Errorf("index %d", m.Index)
		}
	})
	t.Run("deleted entry", func(t *testing.T) {
		err := tamper(t, false, false, func(e []translog.Record, h []tlog.Hash) ([]translog.Record, []tlog.Hash) {
			return append(e[:100:100], e[101:]...), h
		})
		mustMismatch(t, err, "entry 100:")
	})
	t.Run("deleted last entries", func(t *testing.T) {
		err := tamper(t, false, false, func(e []translog.Record, h []tlog.Hash) ([]translog.Record, []tlog.Hash) {
			return e[:590], h[:tlog.StoredHashCount(590)]
		})
		mustMismatch(t, err, "entry 512:", "599", "removed")
	})
	t.Run("replaced stored hash", func(t *testing.T) {
		err := tamper(t, false, false, func(e []translog.Record, h []tlog.Hash) ([]translog.Record, []tlog.Hash) {
			h[tlog.StoredHashIndex(0, 7)] = tlog.RecordHash([]byte("forged"))
			return e, h
		})
		m := mustMismatch(t, err, "entry 7:")
		if *m.Old != tlog.RecordHash([]byte("forged")) {
			t.Errorf("old hash should be the forged tree hash: %+v", m)
		}
	})
	t.Run("rewritten and re-signed with the key", func(t *testing.T) {
		// An insider rewrites entry 5, recomputes every hash and signs:
		// only the trusted checkpoint (or the mirror) can tell.
		err := tamper(t, false, true, func(e []translog.Record, _ []tlog.Hash) ([]translog.Record, []tlog.Hash) {
			e[5].Data = []byte(edited)
			var hs []tlog.Hash
			r := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
				out := make([]tlog.Hash, len(idx))
				for i, x := range idx {
					out[i] = hs[x]
				}
				return out, nil
			})
			for i, rec := range e {
				sh, _ := tlog.StoredHashes(int64(i), rec.Data, r)
				hs = append(hs, sh...)
			}
			return e, hs
		})
		mustMismatch(t, err, "fork")
	})
	t.Run("rewritten, re-signed and grown, mirror", func(t *testing.T) {
		l := newTestLog(t, 300)
		o := l.opts(t, t.TempDir())
		if _, err := verify.Run(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		l.m.Tamper(setEntry(3, edited))
		l.add(t, 10) // the checkpointer refuses to sign over changed hashes? entries only changed: it signs
		_, err := verify.Run(context.Background(), o)
		mustMismatch(t, err, "entry 3:")
	})
}

func TestVerifyRefusesForgedCheckpoints(t *testing.T) {
	ctx := context.Background()
	l := newTestLog(t, 40)
	o := l.opts(t, t.TempDir())
	if _, err := verify.Run(ctx, o); err != nil {
		t.Fatal(err)
	}
	cur, _ := translog.CurrentCheckpoint(ctx, l.m, l.signer.Origin())
	other, _, _ := translog.LoadOrCreateKey(filepath.Join(t.TempDir(), "other.key"), "test.example/log")
	wrongKey, _ := other.Sign(cur)
	good, _ := l.signer.Sign(cur)
	// Flip one bit of the signature itself (after the 4-byte key hash).
	sigAt := strings.LastIndexByte(strings.TrimSuffix(string(good), "\n"), ' ') + 1
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(good[sigAt:])))
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)-1] ^= 0x01
	badSig := []byte(string(good[:sigAt]) + base64.StdEncoding.EncodeToString(raw) + "\n")
	smaller := cur
	smaller.Size = 30
	smaller.Root, _ = tlog.TreeHash(30, tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) { return l.m.LogHashes(ctx, idx) }))
	smallMsg, _ := l.signer.Sign(smaller)
	fork := cur
	fork.Root = tlog.RecordHash([]byte("fork"))
	forkMsg, _ := l.signer.Sign(fork)
	otherOrigin, _, _ := translog.LoadOrCreateKey(filepath.Join(t.TempDir(), "o.key"), "evil.example/log")
	wrongOrigin, _ := otherOrigin.Sign(translog.Checkpoint{Origin: "evil.example/log", Size: 40, Root: cur.Root})
	unsigned, _ := note.Sign(&note.Note{Text: cur.Text()})
	for _, tc := range []struct {
		name string
		msg  []byte
		want string
	}{
		{"wrong key", wrongKey, "not signed by a trusted key"},
		{"bad signature", badSig, "signature does not verify"},
		{"smaller tree", smallMsg, "shrank"},
		{"fork", forkMsg, "fork"},
		{"other log", wrongOrigin, "not signed by a trusted key"},
		{"unsigned", unsigned, "malformed"},
		{"garbage", []byte("hello\n"), "malformed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l.m.SetCheckpoint(tc.msg)
			_, err := verify.Run(ctx, o)
			mustMismatch(t, err, tc.want)
		})
	}
	// The state still trusts the good checkpoint.
	l.m.SetCheckpoint(good)
	if _, err := verify.Run(ctx, o); err != nil {
		t.Fatalf("after the forgeries, the genuine checkpoint: %v", err)
	}
}

func TestCheckpointerRefusesToSignOverChangedHashes(t *testing.T) {
	l := newTestLog(t, 20)
	l.m.Tamper(func(e []translog.Record, h []tlog.Hash) ([]translog.Record, []tlog.Hash) {
		h[tlog.StoredHashIndex(4, 0)] = tlog.Hash{} // one the root is computed from
		return e, h
	})
	if _, _, err := l.cp.Once(context.Background()); err == nil || !strings.Contains(err.Error(), "refusing to sign") {
		t.Fatalf("signed over changed hashes: %v", err)
	}
}

func TestIndependentCheckerAgrees(t *testing.T) {
	for _, n := range []int{1, 2, 3, 255, 256, 257, 700} {
		l := newTestLog(t, n)
		rep, err := verify.Run(context.Background(), verify.Options{Server: l.srv.URL, Keys: l.signer.VerifierKeys()})
		if err != nil {
			t.Fatal(err)
		}
		claimed, computed, size, err := rfc6962Root(l.srv.URL + "/log/")
		if err != nil {
			t.Fatal(err)
		}
		if size != n || claimed != computed || computed != rep.Checkpoint.Root {
			t.Errorf("n=%d: checkpoint root %x, RFC 6962 root %x, verify's %s", n, claimed, computed, rep.Checkpoint.Root)
		}
	}
}

// TestVerifyWaitsWhenRateLimited: a server that answers 429 with
// Retry-After is asked again, and the log still verifies.
func TestVerifyWaitsWhenRateLimited(t *testing.T) {
	l := newTestLog(t, 20)
	var mu sync.Mutex
	refused := 0
	h := &translog.Handler{Reader: l.m, Keys: l.signer.VerifierKeys()}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		refuse := refused < 2 && strings.Contains(r.URL.Path, "tile/")
		if refuse {
			refused++
		}
		mu.Unlock()
		if refuse {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()
	if _, err := verify.Run(context.Background(), verify.Options{Server: srv.URL, Keys: l.signer.VerifierKeys()}); err != nil || refused != 2 {
		t.Fatalf("after two 429s: %v (refused %d)", err, refused)
	}
}
