package sqlstore

import (
	"encoding/json"
	"strconv"
	"time"
)

// timeLayout sorts as text in time order (fixed width, UTC).
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// parseTime reads a stored time (timeLayout, or RFC 3339 from older rows).
func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// optTime formats a time that may be zero (stored as the empty string).
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

func parseOptTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return parseTime(s)
}

// nullString stores "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullInt stores 0 as NULL.
func nullInt(n int64) any {
	if n == 0 {
		return nil
	}
	return n
}

// nullBytes stores empty bytes as NULL, others as text.
func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

// jsonText marshals v as JSON text.
func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// scanner is a row being scanned (*sql.Row or *sql.Rows).
type scanner interface{ Scan(dest ...any) error }

// limit is a LIMIT clause with the number written in: PostgreSQL plans a
// page of a listing (an index scan that stops early) only when it knows
// the limit, not for a LIMIT parameter of a prepared statement.
func limit(n int) string { return " LIMIT " + strconv.Itoa(n) }
