package lists_test

import (
	"testing"

	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/lists"
)

func BenchmarkLoadOFAC2024(b *testing.B) {
	dir := shareddata.Dir(b, "watchlists", "ofac-sdn-2024-05-03")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lists.LoadOFAC(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadOFAC2021Set(b *testing.B) {
	dir := shareddata.Dir(b, "watchlists", "ofac-2021-07-watchman-bench")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lists.LoadOFAC(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadUN(b *testing.B) {
	path := shareddata.Dir(b, "watchlists", "un-consolidated-watchman", "UN_consolidated.xml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lists.LoadUN(path); err != nil {
			b.Fatal(err)
		}
	}
}
