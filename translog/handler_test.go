package translog_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/probity/probity/translog"
)

func TestHandler(t *testing.T) {
	m := translog.NewMemory()
	for i := range 300 {
		appendItems(t, m, translog.DecisionItem(decision(int64(i), "deny")))
	}
	s, _ := newSigner(t, "example.org/log")
	h := &translog.Handler{Reader: m, Keys: s.VerifierKeys()}
	get := func(method, path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(method, path, nil))
		return w
	}
	if w := get("GET", "/log/checkpoint"); w.Code != 404 {
		t.Errorf("checkpoint before signing: %d", w.Code)
	}
	if _, _, err := (&translog.Checkpointer{Store: m, Signer: s}).Once(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, path string
		code         int
		cache        string
		size         int
	}{
		{"GET", "/log/checkpoint", 200, "max-age=5", -1},
		{"GET", "/log/key", 200, "", -1},
		{"GET", "/log/tile/0/000", 200, "immutable", 8192},
		{"GET", "/log/tile/0/001.p/44", 200, "max-age=5", 44 * 32},
		{"GET", "/log/tile/1/000.p/1", 200, "max-age=5", 32},
		{"GET", "/log/tile/entries/000", 200, "immutable", -1},
		{"GET", "/log/tile/entries/001.p/44", 200, "max-age=5", -1},
		{"HEAD", "/log/tile/0/000", 200, "immutable", -1},
		{"GET", "/log/tile/0/001", 404, "", -1},      // not full yet
		{"GET", "/log/tile/0/001.p/45", 404, "", -1}, // beyond the tree
		{"GET", "/log/tile/1/000", 404, "", -1},      // level 1 is partial
		{"GET", "/log/tile/0/x999/x999/x999/x999/x999/999", 404, "", -1},
		{"GET", "/log/tile/63/000.p/1", 404, "", -1},
		{"GET", "/log/tile/0/../../etc/passwd", 404, "", -1},
		{"GET", "/log/tile/0/000.p/0", 404, "", -1},
		{"GET", "/log/tile/entries/" + strings.Repeat("x001/", 50) + "000", 404, "", -1},
		{"GET", "/log/proof/inclusion?index=5&size=300", 200, "immutable", -1},
		{"GET", "/log/proof/inclusion?index=300&size=300", 404, "", -1},
		{"GET", "/log/proof/inclusion?index=1&size=301", 404, "", -1},
		{"GET", "/log/proof/inclusion?index=-1&size=3", 400, "", -1},
		{"GET", "/log/proof/inclusion?index=99999999999999999999&size=3", 400, "", -1},
		{"GET", "/log/proof/inclusion?index=1", 400, "", -1},
		{"GET", "/log/proof/consistency?old=10&size=300", 200, "immutable", -1},
		{"GET", "/log/proof/consistency?old=0&size=300", 404, "", -1},
		{"GET", "/log/proof/consistency?old=20&size=10", 404, "", -1},
		{"GET", "/log/proof/consistency?old=1&size=2&" + strings.Repeat("a", 200), 404, "", -1},
		{"POST", "/log/checkpoint", 405, "", -1},
		{"GET", "/log/nothing", 404, "", -1},
		{"GET", "/elsewhere", 404, "", -1},
	} {
		w := get(tc.method, tc.path)
		if w.Code != tc.code {
			t.Errorf("%s %s: %d, want %d (%s)", tc.method, tc.path, w.Code, tc.code, w.Body)
			continue
		}
		if tc.cache != "" && !strings.Contains(w.Header().Get("Cache-Control"), tc.cache) {
			t.Errorf("%s: Cache-Control %q, want %q", tc.path, w.Header().Get("Cache-Control"), tc.cache)
		}
		if tc.size >= 0 && tc.method == "GET" && w.Body.Len() != tc.size {
			t.Errorf("%s: %d bytes, want %d", tc.path, w.Body.Len(), tc.size)
		}
		if w.Code == http.StatusInternalServerError {
			t.Errorf("%s: internal error", tc.path)
		}
	}
}
