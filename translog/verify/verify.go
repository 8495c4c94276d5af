package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/probity/probity/translog"
)

// Options says which log to verify and what to remember.
type Options struct {
	// Server is the base URL of probity serve ("https://host"), whose log
	// is under /log/, or the URL of any directory holding a log export.
	Server string
	// State is the state file; "" remembers nothing (the log is still
	// verified in full, but not against an earlier checkpoint).
	State string
	// Keys are the verifier keys to trust; none: those of the state file,
	// or on first use the keys the server publishes at key.
	Keys []string
	// Mirror, when set, is a directory that keeps a copy of every entry.
	Mirror string
	// Client is the HTTP client (nil: one with a 60 s timeout).
	Client *http.Client
	// Parallel is how many downloads run at once (0: 8).
	Parallel int
	// Out receives notes for the user (trust on first use); nil discards.
	Out io.Writer
}

// Report says what a successful run verified.
type Report struct {
	Checkpoint  translog.Checkpoint
	Previous    *translog.Checkpoint // the checkpoint trusted before this run
	Entries     int64                // entries downloaded and rehashed
	KeyFirstUse bool                 // the keys were taken from the server
}

// Mismatch is a verification failure: what is wrong, the entry index
// concerned (-1 when it is not one entry), the old and new hash when there
// are two to compare, and the checkpoint concerned.
type Mismatch struct {
	Reason     string
	Index      int64
	Old, New   *tlog.Hash
	Checkpoint string
}

func (m *Mismatch) Error() string {
	var b strings.Builder
	b.WriteString("verify: ")
	if m.Index >= 0 {
		fmt.Fprintf(&b, "entry %d: ", m.Index)
	}
	b.WriteString(m.Reason)
	if m.Old != nil {
		fmt.Fprintf(&b, "; old hash %s", m.Old)
	}
	if m.New != nil {
		fmt.Fprintf(&b, "; new hash %s", m.New)
	}
	if m.Checkpoint != "" {
		fmt.Fprintf(&b, "; checkpoint %s", m.Checkpoint)
	}
	return b.String()
}

func hashPtr(h tlog.Hash) *tlog.Hash { return &h }

// Prefix turns a server URL into the log's URL prefix: a bare server
// ("https://host" or "https://host/") gets /log/; any other path is taken
// as the prefix itself (a static export).
func Prefix(server string) (string, error) {
	u, err := url.Parse(server)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("verify: --server %q is not an http(s) URL", server)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/log/"
	} else if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment, u.RawPath = "", "", ""
	return u.String(), nil
}

type client struct {
	prefix string
	http   *http.Client
}

// get fetches prefix+path, refusing a body of more than limit bytes. A
// server that answers 429 or 503 (rate limited, busy) is asked again after
// the Retry-After it gives (1 s if none, at most 30 s), up to 20 times.
func (c *client) get(ctx context.Context, path string, limit int64) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		body, wait, err := c.getOnce(ctx, path, limit)
		if wait == 0 || attempt == 20 {
			return body, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}

// getOnce fetches once; wait > 0 means try again after wait.
func (c *client) getOnce(ctx context.Context, path string, limit int64) (body []byte, wait time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.prefix+path, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("verify: GET %s: %w", c.prefix+path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		err := fmt.Errorf("verify: GET %s: %s: %s", c.prefix+path, resp.Status, bytes.TrimSpace(msg))
		switch resp.StatusCode {
		case http.StatusNotFound:
			err = &notFoundError{err}
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			wait = time.Second
			if s, perr := strconv.Atoi(resp.Header.Get("Retry-After")); perr == nil && s > 0 {
				wait = time.Duration(min(s, 30)) * time.Second
			}
		}
		return nil, wait, err
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, 0, fmt.Errorf("verify: GET %s: %w", c.prefix+path, err)
	}
	if int64(len(body)) > limit {
		return nil, 0, fmt.Errorf("verify: GET %s: more than %d bytes", c.prefix+path, limit)
	}
	return body, 0, nil
}

// notFoundError is a 404: the server says a resource does not exist.
type notFoundError struct{ error }

func (e *notFoundError) Unwrap() error { return e.error }

// parseNoteText returns the checkpoint in a signed note without checking
// its signature (for the state's checkpoint, checked when it was saved).
func parseNoteText(msg string) (translog.Checkpoint, error) {
	i := strings.LastIndex(msg, "\n\n")
	if i < 0 {
		return translog.Checkpoint{}, errors.New("not a signed note")
	}
	return translog.ParseCheckpoint(msg[:i+1])
}

// Run verifies the log at o.Server. It returns a *Mismatch when the log
// contradicts itself, the trusted checkpoint or the mirror, and other
// errors when it cannot tell (the server is down, a file is unreadable).
// The state and the mirror are only updated when everything verifies.
func Run(ctx context.Context, o Options) (*Report, error) {
	prefix, err := Prefix(o.Server)
	if err != nil {
		return nil, err
	}
	c := &client{prefix: prefix, http: o.Client}
	if c.http == nil {
		c.http = &http.Client{Timeout: 60 * time.Second}
	}
	out := o.Out
	if out == nil {
		out = io.Discard
	}
	st := &State{}
	if o.State != "" {
		if st, err = LoadState(o.State); err != nil {
			return nil, err
		}
	}
	rep := &Report{}
	keys := o.Keys
	if len(keys) == 0 {
		keys = st.Keys
	}
	if len(keys) == 0 {
		body, err := c.get(ctx, "key", 1<<14)
		if err != nil {
			return nil, fmt.Errorf("%w (give the log's key with --key)", err)
		}
		for _, l := range strings.Split(string(body), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				keys = append(keys, l)
			}
		}
		rep.KeyFirstUse = true
		fmt.Fprintf(out, "trusting the key the server publishes, on first use: %s\n(compare it with the one the log's owner publishes elsewhere; pin it with --key)\n", strings.Join(keys, " "))
	}
	for _, k := range keys {
		if _, err := note.NewVerifier(k); err != nil {
			return nil, fmt.Errorf("verify: key %q: %v", k, err)
		}
	}

	msg, err := c.get(ctx, "checkpoint", 1<<16)
	if err != nil {
		return nil, err
	}
	cp, err := translog.OpenCheckpoint(msg, st.Origin, keys...)
	if err != nil {
		return nil, &Mismatch{Reason: "the server's checkpoint is refused: " + err.Error(), Index: -1}
	}
	rep.Checkpoint = cp
	if st.Checkpoint != "" {
		prev, err := parseNoteText(st.Checkpoint)
		if err != nil {
			return nil, fmt.Errorf("verify: state %s: checkpoint: %w", o.State, err)
		}
		rep.Previous = &prev
		if cp.Size < prev.Size {
			return nil, &Mismatch{Reason: fmt.Sprintf("the log shrank: the server's checkpoint has %d entries, the trusted one %s has %d (entries were removed)", cp.Size, prev, prev.Size), Index: -1, Checkpoint: cp.String()}
		}
		if cp.Size == prev.Size && cp.Root != prev.Root {
			return nil, &Mismatch{Reason: fmt.Sprintf("fork: the server's checkpoint has the same size as the trusted %s but another root", prev), Index: -1, Old: hashPtr(prev.Root), New: hashPtr(cp.Root), Checkpoint: cp.String()}
		}
	}

	var m *mirror
	if o.Mirror != "" {
		if m, err = openMirror(o.Mirror); err != nil {
			return nil, err
		}
		if m.cp != nil && m.cp.Origin != cp.Origin {
			return nil, fmt.Errorf("verify: mirror %s holds log %q, not %q", o.Mirror, m.cp.Origin, cp.Origin)
		}
	}
	hashes, err := c.checkEntries(ctx, cp, m, o.Parallel)
	if err != nil {
		m.abandon()
		return nil, err
	}
	rep.Entries = cp.Size
	hr := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		outH := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			if x < 0 || x >= int64(len(hashes)) {
				return nil, fmt.Errorf("hash %d out of range", x)
			}
			outH[i] = hashes[x]
		}
		return outH, nil
	})
	if err := c.checkUpperTiles(ctx, cp, hr, o.Parallel); err != nil {
		m.abandon()
		return nil, err
	}
	root, err := tlog.TreeHash(cp.Size, hr)
	if err != nil {
		m.abandon()
		return nil, err
	}
	if root != cp.Root {
		m.abandon()
		return nil, &Mismatch{Reason: "the entries served do not hash to the checkpoint's root (old: the signed root, new: the entries' root)", Index: -1, Old: hashPtr(cp.Root), New: hashPtr(root), Checkpoint: cp.String()}
	}
	if p := rep.Previous; p != nil && p.Size > 0 {
		old, err := tlog.TreeHash(p.Size, hr)
		if err != nil {
			m.abandon()
			return nil, err
		}
		if old != p.Root {
			m.abandon()
			return nil, &Mismatch{Reason: fmt.Sprintf("the log was rewritten: its first %d entries no longer hash to the trusted checkpoint %s (old: trusted root, new: today's)", p.Size, p), Index: -1, Old: hashPtr(p.Root), New: hashPtr(old), Checkpoint: cp.String()}
		}
	}
	if err := m.commit(msg); err != nil {
		return nil, err
	}
	if o.State != "" {
		st.Prefix, st.Origin, st.Keys, st.Checkpoint = prefix, cp.Origin, keys, string(msg)
		if err := st.Save(o.State); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// fetched is one bundle and its level-0 tile.
type fetched struct {
	bundle, tile []byte
	err          error
	done         chan struct{}
}

// checkEntries downloads every entry bundle and level-0 tile of the tree
// of cp.Size entries (parallel downloads, checked in order), compares each
// entry's hash with the tile and the mirror, and returns the stored hashes
// of the tree the entries make.
func (c *client) checkEntries(ctx context.Context, cp translog.Checkpoint, m *mirror, parallel int) ([]tlog.Hash, error) {
	if parallel <= 0 {
		parallel = 8
	}
	n := cp.Size
	bundles := (n + translog.TileWidth - 1) / translog.TileWidth
	hashes := make([]tlog.Hash, 0, tlog.StoredHashCount(n))
	hr := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		outH := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			outH[i] = hashes[x]
		}
		return outH, nil
	})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := make([]*fetched, bundles)
	sem := make(chan struct{}, parallel)
	next := int64(0)
	start := func(k int64) {
		for next < bundles && next < k+int64(4*parallel) {
			k := next
			next++
			f := &fetched{done: make(chan struct{})}
			window[k] = f
			go func() {
				defer close(f.done)
				sem <- struct{}{}
				defer func() { <-sem }()
				t := tileAt(k, n)
				f.bundle, f.err = c.get(ctx, translog.TilePath(withLevel(t, translog.EntriesLevel)), int64(t.W)*(2+translog.MaxEntrySize))
				if f.err == nil {
					f.tile, f.err = c.get(ctx, translog.TilePath(t), int64(t.W)*tlog.HashSize)
				}
			}()
		}
	}
	for k := int64(0); k < bundles; k++ {
		start(k)
		f := window[k]
		<-f.done
		window[k] = nil
		t := tileAt(k, n)
		base := k * translog.TileWidth
		var nf *notFoundError
		if errors.As(f.err, &nf) {
			return nil, &Mismatch{Reason: fmt.Sprintf("missing: the server no longer serves entries %d to %d, which its checkpoint contains (were they removed?): %v", base, base+int64(t.W)-1, f.err), Index: base, Checkpoint: cp.String()}
		}
		if f.err != nil {
			return nil, f.err
		}
		if len(f.tile) != t.W*tlog.HashSize {
			return nil, &Mismatch{Reason: fmt.Sprintf("tile %s has %d bytes, not %d", translog.TilePath(t), len(f.tile), t.W*tlog.HashSize), Index: -1, Checkpoint: cp.String()}
		}
		entries, err := translog.SplitBundle(f.bundle, t.W)
		if err != nil {
			return nil, &Mismatch{Reason: fmt.Sprintf("entry bundle %s: %v", translog.TilePath(withLevel(t, translog.EntriesLevel)), err), Index: -1, Checkpoint: cp.String()}
		}
		var old [][]byte
		if m != nil {
			if old, err = m.bundle(k); err != nil {
				return nil, err
			}
		}
		for i := 0; i < t.W; i++ {
			idx := base + int64(i)
			var tree tlog.Hash
			copy(tree[:], f.tile[i*tlog.HashSize:])
			if i >= len(entries) {
				return nil, &Mismatch{Reason: fmt.Sprintf("missing: the server's entry bundle has %d entries where the tree has %d (the entry was removed); old: the tree's hash", len(entries), t.W), Index: idx, Old: &tree, Checkpoint: cp.String()}
			}
			h := tlog.RecordHash(entries[i])
			if i < len(old) {
				if oh := tlog.RecordHash(old[i]); oh != h {
					return nil, &Mismatch{Reason: "rewritten: the entry differs from the copy in the mirror (old: mirror, new: server)", Index: idx, Old: &oh, New: &h, Checkpoint: cp.String()}
				}
			}
			if h != tree {
				return nil, &Mismatch{Reason: "the entry served does not hash to the log's tree (old: the tree's hash, new: the entry's)", Index: idx, Old: &tree, New: &h, Checkpoint: cp.String()}
			}
			sh, err := tlog.StoredHashesForRecordHash(idx, h, hr)
			if err != nil {
				return nil, err
			}
			hashes = append(hashes, sh...)
		}
		if m != nil {
			if err := m.save(k, t.W, f.bundle); err != nil {
				return nil, err
			}
		}
	}
	return hashes, nil
}

// tileAt returns level-0 tile k of a tree of n entries.
func tileAt(k, n int64) tlog.Tile {
	t := tlog.Tile{H: translog.TileHeight, L: 0, N: k, W: translog.TileWidth}
	if rest := n - k*translog.TileWidth; rest < translog.TileWidth {
		t.W = int(rest)
	}
	return t
}

func withLevel(t tlog.Tile, l int) tlog.Tile { t.L = l; return t }

// checkUpperTiles downloads the hash tiles above level 0 of the tree of
// cp.Size entries and compares each with the tile recomputed from the
// entries (hr): a stored hash changed on the server shows here even when
// the entries are intact.
func (c *client) checkUpperTiles(ctx context.Context, cp translog.Checkpoint, hr tlog.HashReader, parallel int) error {
	var tiles []tlog.Tile
	for _, t := range tlog.NewTiles(translog.TileHeight, 0, cp.Size) {
		if t.L > 0 {
			tiles = append(tiles, t)
		}
	}
	if parallel <= 0 {
		parallel = 8
	}
	got := make([][]byte, len(tiles))
	errs := make([]error, len(tiles))
	sem := make(chan struct{}, parallel)
	done := make(chan struct{})
	for i, t := range tiles {
		go func() {
			sem <- struct{}{}
			defer func() { <-sem; done <- struct{}{} }()
			got[i], errs[i] = c.get(ctx, translog.TilePath(t), int64(t.W)*tlog.HashSize)
		}()
	}
	for range tiles {
		<-done
	}
	for i, t := range tiles {
		span := int64(1) << (translog.TileHeight * t.L) // entries under one hash of the tile
		if errs[i] != nil {
			var nf *notFoundError
			if errors.As(errs[i], &nf) {
				return &Mismatch{Reason: fmt.Sprintf("missing: the server does not serve %s, which its checkpoint needs", translog.TilePath(t)), Index: -1, Checkpoint: cp.String()}
			}
			return errs[i]
		}
		want, err := tlog.ReadTileData(t, hr)
		if err != nil {
			return err
		}
		if len(got[i]) != len(want) {
			return &Mismatch{Reason: fmt.Sprintf("tile %s has %d bytes, not %d", translog.TilePath(t), len(got[i]), len(want)), Index: -1, Checkpoint: cp.String()}
		}
		for j := 0; j < t.W; j++ {
			var served, made tlog.Hash
			copy(served[:], got[i][j*tlog.HashSize:])
			copy(made[:], want[j*tlog.HashSize:])
			if served != made {
				first := (t.N<<translog.TileHeight + int64(j)) * span
				return &Mismatch{Reason: fmt.Sprintf("the server's tile %s holds a hash of entries %d to %d that those entries do not make (old: served, new: recomputed from the entries)", translog.TilePath(t), first, first+span-1), Index: first, Old: &served, New: &made, Checkpoint: cp.String()}
			}
		}
	}
	return nil
}
