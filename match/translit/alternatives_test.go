package translit

import (
	"strings"
	"testing"
)

// Other systems' spellings of a whole name, for lists that follow them.
func TestAlternatives(t *testing.T) {
	tests := []struct {
		in   string
		want []string // "rule prefix: latin", in order
	}{
		{"毛泽东", []string{"Wade–Giles: mao tsetung"}},
		{"周恩来", []string{"Wade–Giles: chou enlai"}},
		{"郭沫若", []string{"Wade–Giles: kuo mojo"}},
		{"박근혜", []string{"Revised Romanization: park geun hye", "other spelling of the family name: pak kun hye", "other spelling of the family name: bak kun hye"}},
		{"Γεώργιος Παπαδόπουλος", []string{"English form of the given name: george papadopoulos"}},
		{"ประวิตร วงษ์สุวรรณ", []string{"RTGS with ร after a final consonant silent: prawit wongsuwan"}},
		{"علي حسن", nil}, // Arabic variants are compared on consonants instead
		{"Chen Quanguo", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range Alternatives(tt.in) {
			got = append(got, a.Rule+": "+strings.Join(strings.Fields(a.Latin), " "))
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("Alternatives(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Bounded, each different from the key and from one another.
	for _, s := range []string{"이승만 이승만 이승만 박근혜", strings.Repeat("김여정 ", 500), "陈全国 Ali Али ＡＢＣ"} {
		alts := Alternatives(s)
		if len(alts) > maxAlternatives {
			t.Errorf("%q: %d alternatives", s, len(alts))
		}
		seen := map[string]bool{Latin(s): true}
		for _, a := range alts {
			if seen[a.Latin] || a.Rule == "" {
				t.Errorf("%q: alternative %+v repeated or without rule", s, a)
			}
			seen[a.Latin] = true
		}
	}
}
