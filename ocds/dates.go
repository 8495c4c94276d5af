package ocds

import (
	"sort"
	"strings"
	"time"
)

// dateLayouts are the forms of release dates seen in real data, tried in
// order: RFC 3339 (with or without fractional seconds), a missing time
// zone (read as UTC), a space instead of "T", and a bare date.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02",
}

// ParseDate parses an OCDS date. Dates mix "Z", numeric offsets and
// fractional seconds, so they must be compared as instants, not as text.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// sortByDate sorts idx (indexes into dates) chronologically and stably.
// Dates that cannot be parsed sort before all others, by their text.
func sortByDate(dates []string, idx []int) {
	type key struct {
		ok bool
		t  time.Time
		s  string
	}
	keys := make([]key, len(dates))
	for i, d := range dates {
		t, ok := ParseDate(d)
		keys[i] = key{ok, t, d}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := keys[idx[a]], keys[idx[b]]
		if x.ok != y.ok {
			return !x.ok
		}
		if !x.ok {
			return x.s < y.s
		}
		return x.t.Before(y.t)
	})
}
