package translog

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// Cache policies: full tiles and bundles never change; the checkpoint
// changes every few seconds; a partial tile is replaced by the full one.
const (
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheShort     = "public, max-age=5"
	cacheNone      = "no-store"
)

// Handler serves the log under a prefix (default "/log/") the C2SP
// tlog-tiles way:
//
//	checkpoint                          the newest signed checkpoint
//	tile/<L>/<N>[.p/<W>]                hash tiles
//	tile/entries/<N>[.p/<W>]            entry bundles
//	proof/inclusion?index=I&size=N      inclusion proof (JSON)
//	proof/consistency?old=M&size=N      consistency proof (JSON)
//	key                                 the verifier keys, one a line
//
// Every path element and parameter is checked before the store is asked.
type Handler struct {
	Reader Reader
	// Keys are the log's verifier keys, served at key for clients that
	// trust on first use (pinning them with --key is better).
	Keys   []string
	Prefix string       // "" means "/log/"
	Logger *slog.Logger // nil: slog.Default()
}

var _ http.Handler = (*Handler)(nil)

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	prefix := h.Prefix
	if prefix == "" {
		prefix = "/log/"
	}
	path, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok || len(r.URL.RawQuery) > 128 {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	switch {
	case path == "checkpoint":
		h.checkpoint(w, r)
	case path == "key":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.Write([]byte(strings.Join(h.Keys, "\n") + "\n"))
	case path == "proof/inclusion":
		h.inclusion(w, r)
	case path == "proof/consistency":
		h.consistency(w, r)
	case strings.HasPrefix(path, "tile/"):
		h.tile(w, r, path)
	default:
		http.Error(w, "not found", http.StatusNotFound)
	}
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, ErrNoTile) {
		http.Error(w, "not found: "+err.Error(), http.StatusNotFound)
		return
	}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the client went away
	}
	logger := h.Logger
	if logger == nil {
		logger = slog.Default()
	}
	logger.Error("transparency log", "path", r.URL.Path, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}

func (h *Handler) checkpoint(w http.ResponseWriter, r *http.Request) {
	msg, err := h.Reader.LogCheckpoint(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if msg == nil {
		w.Header().Set("Cache-Control", cacheNone)
		http.Error(w, "no checkpoint signed yet", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", cacheShort)
	w.Write(msg)
}

func (h *Handler) tile(w http.ResponseWriter, r *http.Request, path string) {
	t, err := ParseTilePath(path)
	if err != nil {
		http.Error(w, "not found: "+err.Error(), http.StatusNotFound)
		return
	}
	size, err := h.Reader.LogSize(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var data []byte
	cache := cacheImmutable
	if t.W < TileWidth {
		cache = cacheShort
	}
	if t.L == EntriesLevel {
		var n int
		data, n, err = BundleData(r.Context(), h.Reader, t, size)
		if err == nil && n < t.W {
			// The store lost entries: serve what it has, uncached, and
			// let clients see the hole.
			cache = cacheNone
		}
	} else {
		data, err = TileData(r.Context(), h.Reader, t, size)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Cache-Control", cache)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// param reads a non-negative integer query parameter.
func param(r *http.Request, name string) (int64, bool) {
	s := r.URL.Query().Get(name)
	if s == "" || len(s) > 19 {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= 0 && s[0] != '+'
}

func (h *Handler) inclusion(w http.ResponseWriter, r *http.Request) {
	index, ok1 := param(r, "index")
	size, ok2 := param(r, "size")
	if !ok1 || !ok2 {
		http.Error(w, "index and size must be non-negative integers", http.StatusBadRequest)
		return
	}
	limit, err := h.Reader.LogSize(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := ProveInclusion(r.Context(), h.Reader, index, size, limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, p)
}

func (h *Handler) consistency(w http.ResponseWriter, r *http.Request) {
	old, ok1 := param(r, "old")
	size, ok2 := param(r, "size")
	if !ok1 || !ok2 {
		http.Error(w, "old and size must be non-negative integers", http.StatusBadRequest)
		return
	}
	limit, err := h.Reader.LogSize(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, err := ProveConsistency(r.Context(), h.Reader, old, size, limit)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, p)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", cacheImmutable) // a proof for fixed sizes never changes
	json.NewEncoder(w).Encode(v)
}
