package probity

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes, mapped to HTTP statuses by the API (httpapi/errors.go). The
// CLI exits 1 on any of them and 2 only on a mistake in how it was called
// (cmd/probity/app.go). Internal errors are logged and never shown to a
// client in detail.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	EINTERNAL     = "internal"
	EUNAVAILABLE  = "unavailable" // busy now (another writer holds the database): try again shortly
)

// Error is an application error with a code and a message meant for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error or *InputError in err's
// chain, EINTERNAL for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return EINVALID
	}
	return EINTERNAL
}

// InputError reports one bad record of an input file: which file, which line
// or record, which field (a JSON path or a column name) and why.
type InputError struct {
	File   string // path, or "-" for standard input
	Line   int    // 1-based line number, 0 if unknown
	Record int    // 1-based record number within the file, 0 if unknown
	Field  string // JSON path ("releases[3].date") or column name
	Reason string
	Err    error // underlying error, if any
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Record > 0 {
		fmt.Fprintf(&b, ": record %d", e.Record)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %s", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

func (e *InputError) Unwrap() error { return e.Err }
