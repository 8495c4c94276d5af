package httpapi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
)

// A store busy with another writer (a long ingest) answers 503 with
// Retry-After, never 500: the client may try again.
func TestBusyStoreIs503WithRetryAfter(t *testing.T) {
	busy := fmt.Errorf("recording: %w", probity.Errorf(probity.EUNAVAILABLE, "sqlite: the database is busy with another writer, try again"))
	w := httptest.NewRecorder()
	httpapi.WriteError(w, httptest.NewRequest("POST", "/cases/1/comments", nil), busy)
	if w.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", w.Code)
	}
	if n, err := strconv.Atoi(w.Header().Get("Retry-After")); err != nil || n < 1 {
		t.Fatalf("Retry-After %q", w.Header().Get("Retry-After"))
	}
}
