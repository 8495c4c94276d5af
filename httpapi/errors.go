package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/probity/probity"
)

// Codes of this package beyond the root package's error codes.
const (
	eTooLarge    = "too_large"    // request body over the limit
	eRateLimited = "rate_limited" // token bucket empty
)

// statusOf is the one map from error code to HTTP status.
var statusOf = map[string]int{
	probity.EINVALID:      http.StatusBadRequest,
	probity.ENOTFOUND:     http.StatusNotFound,
	probity.ECONFLICT:     http.StatusConflict,
	probity.EUNAUTHORIZED: http.StatusUnauthorized,
	probity.EFORBIDDEN:    http.StatusForbidden,
	probity.EINTERNAL:     http.StatusInternalServerError,
	probity.EUNAVAILABLE:  http.StatusServiceUnavailable,
	eTooLarge:             http.StatusRequestEntityTooLarge,
	eRateLimited:          http.StatusTooManyRequests,
}

// retryAfterBusy is the Retry-After of a 503 answered because another
// writer held the database: seconds.
const retryAfterBusy = "2"

// ErrorBody is the body of every error response. Detail is the field
// yente's clients read.
type ErrorBody struct {
	Error  string `json:"error"`  // the code: invalid, not_found, …
	Detail string `json:"detail"` // for people
}

// WriteJSON writes v as JSON with the given status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// WriteError answers err with the status of its code. The message of an
// internal error is logged, never shown: the client gets the request id to
// quote.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	code := probity.ErrorCode(err)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		code = eTooLarge
		err = fmt.Errorf("request body larger than %d bytes", mbe.Limit)
	}
	status, ok := statusOf[code]
	if !ok {
		code, status = probity.EINTERNAL, http.StatusInternalServerError
	}
	msg := err.Error()
	if code == probity.EINTERNAL {
		id := requestID(r)
		log := logger(r)
		if _, ok := r.Context().Value(keyLogger).(*slog.Logger); !ok {
			log = log.With(slog.String("request_id", id)) // outside the chain: its logger does not name the request yet
		}
		log.ErrorContext(r.Context(), "internal error", slog.String("error", msg))
		msg = "internal error (request " + id + ")"
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="probity"`)
	}
	if status == http.StatusServiceUnavailable {
		// The database is busy with another writer (a long ingest commits
		// in batches, so the lock comes free within seconds).
		w.Header().Set("Retry-After", retryAfterBusy)
	}
	WriteJSON(w, status, ErrorBody{Error: code, Detail: msg})
}

// errorf is probity.Errorf, shorter.
func errorf(code, format string, args ...any) error { return probity.Errorf(code, format, args...) }
