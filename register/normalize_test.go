package register_test

import (
	"testing"

	"github.com/probity/probity/register"
)

func TestNormalizeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Dell Federal Systems, L.P.", "dell federal systems"},
		{"DELL FEDERAL SYSTEMS L.P", "dell federal systems"},
		{"REGENTS OF THE UNIVERSITY OF MINNESOTA", "regents of university of minnesota"},
		{"Regents of University of Minnesota", "regents of university of minnesota"},
		{"Four Points Technology, L.L.C.", "four points technology"},
		{"Procter & Gamble Co.", "procter and gamble"},
		{"Société Générale S.A.", "societe generale"},
		{"Microsoft Corporation", "microsoft"},
		{"Co", "co"}, // a legal form alone is kept: it is the whole name
		{"Holding 3 LLC", "holding 3"},
		{"...", ""},
		{"ООО Ромашка", "ромашка"},
	} {
		if got := register.NormalizeName(tc.in); got != tc.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
