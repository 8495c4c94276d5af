package translog_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/probity/probity"
	"github.com/probity/probity/translog"
)

// newSigner creates a key file in a temporary directory.
func newSigner(tb testing.TB, origin string) (*translog.Signer, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "keys", "log.key")
	s, created, err := translog.LoadOrCreateKey(path, origin)
	if err != nil || !created {
		tb.Fatalf("LoadOrCreateKey: %v (created %v)", err, created)
	}
	return s, path
}

// appendItems appends the items in one transaction.
func appendItems(tb testing.TB, m *translog.Memory, items ...translog.Item) []int64 {
	tb.Helper()
	var idx []int64
	err := m.Update(context.Background(), func(tx translog.Tx) error {
		for _, it := range items {
			i, _, err := translog.Append(context.Background(), tx, it)
			if err != nil {
				return err
			}
			idx = append(idx, i)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return idx
}

func decision(id int64, outcome string) probity.Decision {
	return probity.Decision{ID: id, ContractID: fmt.Sprintf("ocds-%d", id), Outcome: outcome,
		Reasons:    []probity.Reason{{RuleID: "r1", Message: "buyer <agency> & \u2028 co", Refs: []probity.Ref{{Kind: "finding", ID: "3"}}}},
		PolicyHash: "p", InputHash: "i", DecidedAt: time.Date(2018, 6, 1, 12, 0, 0, 0, time.UTC)}
}

func TestAppendVersionsAndSupersedes(t *testing.T) {
	ctx := context.Background()
	m := translog.NewMemory()
	f := probity.Finding{ID: 7, OrgID: 1, Category: "family_separation", Status: "credible", Severity: "high",
		Sources: []probity.Source{{Publisher: "OIG", Title: "Report"}}, Summary: "s", Author: "alice"}
	it, ok := translog.FindingItem(f, false)
	if !ok {
		t.Fatal("public finding has no item")
	}
	first := appendItems(t, m, it, translog.DecisionItem(decision(1, "deny")))
	// Unchanged: no entry. Changed: version 2 superseding the first.
	again := appendItems(t, m, it)
	if again[0] != first[0] {
		t.Fatalf("unchanged item got index %d, want its old %d", again[0], first[0])
	}
	f.Status = "substantiated"
	it2, _ := translog.FindingItem(f, true)
	second := appendItems(t, m, it2)
	f.Confidential = true
	it3, ok := translog.FindingItem(f, true)
	if !ok {
		t.Fatal("a published finding made confidential must be logged as withdrawn")
	}
	third := appendItems(t, m, it3)
	if _, ok := translog.FindingItem(f, false); ok {
		t.Fatal("a confidential finding never published entered the log")
	}
	entries, _ := m.LogEntries(ctx, 0, 10)
	if len(entries) != 4 {
		t.Fatalf("%d entries, want 4", len(entries))
	}
	for i, want := range []struct {
		idx        int64
		version    int64
		supersedes int64
	}{{first[0], 1, -1}, {second[0], 2, first[0]}, {third[0], 3, second[0]}} {
		e, err := translog.ParseEntry(entries[want.idx])
		if err != nil {
			t.Fatal(err)
		}
		if e.Version != want.version || (want.supersedes < 0) != (e.Supersedes == nil) || (e.Supersedes != nil && *e.Supersedes != want.supersedes) {
			t.Errorf("step %d: entry %s", i, entries[want.idx])
		}
		if strings.Contains(string(entries[want.idx]), "alice") {
			t.Errorf("the author's name entered the log: %s", entries[want.idx])
		}
	}
	if s := string(entries[third[0]]); !strings.Contains(s, `"withdrawn":true`) || strings.Contains(s, "family_separation") {
		t.Errorf("withdrawn finding entry %s", s)
	}
	// Canonical: sorted keys, no HTML escaping, U+2028 left as is.
	d := string(entries[first[1]])
	if !strings.HasPrefix(d, `{"id":"1","item":{"contract_id":"ocds-1",`) || !strings.Contains(d, "<agency> & \u2028 co") {
		t.Errorf("decision entry is not canonical JSON: %s", d)
	}
}

func TestAppendRollsBackWithTransaction(t *testing.T) {
	m := translog.NewMemory()
	appendItems(t, m, translog.DecisionItem(decision(1, "allow")))
	err := m.Update(context.Background(), func(tx translog.Tx) error {
		if _, _, err := translog.Append(context.Background(), tx, translog.DecisionItem(decision(2, "deny"))); err != nil {
			return err
		}
		return fmt.Errorf("publishing failed")
	})
	if err == nil {
		t.Fatal("want the transaction's error")
	}
	if n, _ := m.LogSize(context.Background()); n != 1 {
		t.Fatalf("size %d after a rolled back append, want 1", n)
	}
}

func TestAppendRejectsBadItems(t *testing.T) {
	m := translog.NewMemory()
	for _, it := range []translog.Item{
		{Type: "", ID: "1", Body: 1},
		{Type: "Decision", ID: "1", Body: 1},
		{Type: "decision", ID: "", Body: 1},
		{Type: "policy", ID: "1", Body: 1, AttachmentSHA256: "XYZ"},
		{Type: "decision", ID: "1", Body: strings.Repeat("x", translog.MaxEntrySize)},
		{Type: "decision", ID: "1", Body: func() {}},
	} {
		err := m.Update(context.Background(), func(tx translog.Tx) error {
			_, _, err := translog.Append(context.Background(), tx, it)
			return err
		})
		if err == nil {
			t.Errorf("item %+v: no error", it.Type)
		}
	}
}

func TestRootMatchesTreeHash(t *testing.T) {
	ctx := context.Background()
	m := translog.NewMemory()
	for i := range 300 {
		appendItems(t, m, translog.DecisionItem(decision(int64(i), "review")))
	}
	s, _ := newSigner(t, "example.org/log")
	cp, err := translog.CurrentCheckpoint(ctx, m, s.Origin())
	if err != nil || cp.Size != 300 {
		t.Fatal(cp, err)
	}
	// Recompute from the entries alone.
	entries, _ := m.LogEntries(ctx, 0, 300)
	var hashes []tlog.Hash
	r := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = hashes[x]
		}
		return out, nil
	})
	for i, e := range entries {
		h, _ := tlog.StoredHashes(int64(i), e, r)
		hashes = append(hashes, h...)
	}
	root, _ := tlog.TreeHash(300, r)
	if root != cp.Root {
		t.Fatalf("root %s, recomputed %s", cp.Root, root)
	}
	p, err := translog.ProveInclusion(ctx, m, 123, 300, 300)
	if err != nil || p.Check() != nil || p.Root != root {
		t.Fatalf("inclusion proof: %v %v", err, p.Check())
	}
	c, err := translog.ProveConsistency(ctx, m, 17, 300, 300)
	if err != nil || c.Check() != nil {
		t.Fatalf("consistency proof: %v", err)
	}
	b, _ := json.Marshal(p)
	if !strings.Contains(string(b), `"leaf_hash":"`) {
		t.Errorf("proof JSON %s", b)
	}
}

func TestKeyFile(t *testing.T) {
	s, path := newSigner(t, "example.org/log")
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", info.Mode().Perm())
	}
	again, created, err := translog.LoadOrCreateKey(path, "other.org/log")
	if err != nil || created || again.Origin() != "example.org/log" || again.VerifierKeys()[0] != s.VerifierKeys()[0] {
		t.Fatalf("reload: %v created=%v", err, created)
	}
	secret, _ := os.ReadFile(path)
	os.Chmod(path, 0o644)
	_, err = translog.LoadKey(path)
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a world-readable key file: %v", err)
	}
	os.Chmod(path, 0o600)
	os.WriteFile(path, []byte("PRIVATE+KEY+broken+00000000+AAAA\n"), 0o600)
	_, err = translog.LoadKey(path)
	if err == nil || strings.Contains(err.Error(), "AAAA") {
		t.Fatalf("broken key: %v", err)
	}
	for _, line := range strings.Split(string(secret), "\n") {
		if strings.HasPrefix(line, "PRIVATE") && err != nil && strings.Contains(err.Error(), line) {
			t.Fatal("error quotes the key")
		}
	}
	if _, _, err := translog.LoadOrCreateKey(filepath.Join(t.TempDir(), "k"), "bad origin"); err == nil {
		t.Fatal("an origin with a space was accepted")
	}
}

func TestKeyRotationSignsWithBoth(t *testing.T) {
	s, path := newSigner(t, "example.org/log")
	vnew, err := translog.AddKey(path)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := translog.LoadKey(path)
	if err != nil || len(s2.VerifierKeys()) != 2 || s2.VerifierKeys()[1] != vnew {
		t.Fatalf("after AddKey: %v %v", err, s2.VerifierKeys())
	}
	msg, _ := s2.Sign(translog.Checkpoint{Origin: s.Origin(), Size: 1})
	for _, k := range []string{s.VerifierKeys()[0], vnew} {
		if _, err := translog.OpenCheckpoint(msg, s.Origin(), k); err != nil {
			t.Errorf("checkpoint does not verify with %s: %v", k, err)
		}
	}
}

// FuzzAppendCanonical checks that whatever an item holds, its entry is
// canonical JSON (one pass of JCS on the envelope, the body spliced in)
// that decodes to the same type and id.
func FuzzAppendCanonical(f *testing.F) {
	f.Add("ocds-1", "buyer", 1.5)
	f.Add(`x","item":0,"`, "\u2028<&>\x01\"", math.Copysign(0, -1))
	f.Add("é\\", "", 1e21)
	f.Fuzz(func(t *testing.T, id, msg string, amount float64) {
		if id == "" || len(id) > 1024 || !utf8.ValidString(id) {
			return
		}
		m := translog.NewMemory()
		c := probity.Contract{ID: id, Title: msg, Status: "active", Value: &probity.Value{Amount: amount, Currency: "USD"}}
		var idx int64
		err := m.Update(context.Background(), func(tx translog.Tx) (err error) {
			idx, _, err = translog.Append(context.Background(), tx, translog.ContractItem(c))
			return err
		})
		if err != nil {
			return // NaN and infinities have no JSON form
		}
		entries, _ := m.LogEntries(context.Background(), idx, idx+1)
		e, err := translog.ParseEntry(entries[0])
		if err != nil {
			t.Fatalf("entry %q: %v", entries[0], err)
		}
		if e.ID != id || e.Type != translog.TypeContract {
			t.Fatalf("entry %q decodes to %q %q", entries[0], e.Type, e.ID)
		}
	})
}

// TestAppendBatchMatchesAppend checks that a batch gives the same log,
// byte for byte, as the same items appended one by one.
func TestAppendBatchMatchesAppend(t *testing.T) {
	ctx := context.Background()
	var items []translog.Item
	for i := range 700 {
		items = append(items, translog.DecisionItem(decision(int64(i%500), []string{"allow", "deny"}[i/500])))
	}
	items = append(items, items[3])   // changed back to allow: a third version
	items = append(items, items[600]) // unchanged: no entry
	one, batch := translog.NewMemory(), translog.NewMemory()
	appendItems(t, one, items[:10]...)
	appendItems(t, batch, items[:10]...)
	want := appendItems(t, one, items[10:]...)
	var got []int64
	err := batch.Update(ctx, func(tx translog.Tx) (err error) {
		got, err = translog.AppendBatch(ctx, tx, items[10:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("indexes differ:\n%v\n%v", got, want)
	}
	s := translog.Checkpoint{}
	for _, m := range []*translog.Memory{one, batch} {
		cp, err := translog.CurrentCheckpoint(ctx, m, "x")
		if err != nil {
			t.Fatal(err)
		}
		if s.Size != 0 && cp != s {
			t.Fatalf("batch log %v, one by one %v", cp, s)
		}
		s = cp
	}
	if s.Size != 500+200+1 {
		t.Fatalf("size %d, want 701 (200 decisions changed once, one twice)", s.Size)
	}
}
