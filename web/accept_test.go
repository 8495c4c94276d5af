package web

import (
	"net/http"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br, zstd", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip;q=0.000", false},
		{"gzip; q=0", false},
		{"gzip;q=nonsense", false},
		{"deflate", false},
		{"*", true},
		{"*;q=0", false},
		{"gzip;q=0, *", false}, // named refusal wins over the wildcard
		{"x-gzip", true},
		{"identity", false},
	} {
		r := &http.Request{Header: http.Header{"Accept-Encoding": {tc.header}}}
		if got := acceptsGzip(r); got != tc.want {
			t.Errorf("Accept-Encoding %q: %v, want %v", tc.header, got, tc.want)
		}
	}
}

// FuzzAcceptsGzip reads any header without panicking, and never takes
// gzip when the header does not mention gzip or "*".
func FuzzAcceptsGzip(f *testing.F) {
	for _, s := range []string{"gzip", "gzip;q=0", "*;q=0.5, br", ";;,,=", "gzip;q=1e400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		r := &http.Request{Header: http.Header{"Accept-Encoding": {h}}}
		got := acceptsGzip(r)
		if got && !containsFold(h, "gzip") && !containsFold(h, "*") {
			t.Errorf("%q: takes gzip", h)
		}
	})
}

func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if equalFoldASCII(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
