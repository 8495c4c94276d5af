package match_test

import (
	"testing"

	"github.com/probity/probity/match"
)

// TestEthiopic: Ge'ez-script names are romanised syllable by syllable and
// match their usual Latin spelling.
func TestEthiopic(t *testing.T) {
	norm := []struct{ in, want string }{
		{"ዐቢይ አሕመድ", "abiy ahmed"},
		{"መለስ ዜናዊ", "meles zenawi"},
		{"እስራኤል", "israel"},
		{"ቍ", "qwu"},
	}
	for _, tt := range norm {
		if got := match.Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	pairs := []struct {
		a, b  string
		match bool
	}{
		{"ዐቢይ አሕመድ", "Abiy Ahmed", true},
		{"መለስ ዜናዊ", "Meles Zenawi", true},
		{"መለስ ዜናዊ", "Abiy Ahmed", false},
	}
	for _, tt := range pairs {
		if r := match.Compare("Person", tt.a, tt.b); r.Match != tt.match {
			t.Errorf("%q ~ %q: want match=%v, got %s", tt.a, tt.b, tt.match, r.Explanation)
		}
	}
}
