package usaspending_test

import (
	"testing"

	"github.com/probity/probity/usaspending"
)

func TestRepairMojibake(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// Real examples from all_after_2020/Contracts_Subawards_*.csv:
		// triple-encoded and then upper-cased.
		{"apostrophe, upper-cased triple", "PROFESSIONAL CRCÃ¢Â‚¬Â„¢S. THE", "PROFESSIONAL CRC’S. THE"},
		{"leader's", "LEADERÃ¢Â‚¬Â„¢S", "LEADER’S"},
		{"zero-width space", "STATES,Ã¢Â‚¬Â€¹ENGINEERING", "STATES,\u200bENGINEERING"},
		// Classic forms.
		{"double via 1252", "donâ€™t", "don’t"},
		{"triple via 1252", "donÃ¢â‚¬â„¢t", "don’t"},
		{"triple via latin-1", "donÃ¢Â€Â™t", "don’t"},
		{"e acute", "cafÃ©", "café"},
		{"double e acute", "cafÃƒÂ©", "café"},
		{"em dash", "a â€” b", "a — b"},
		{"mixed good and bad", "Zoë said â€œhiâ€\u009d", "Zoë said “hi”"},
		{"cyrillic", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"},
		// Left alone.
		{"ascii", "PLAIN TEXT", "PLAIN TEXT"},
		{"correct curly quote", "CRC’S", "CRC’S"},
		{"correct accents", "Société Générale", "Société Générale"},
		{"upper-case umlaut then quote is not Hebrew", "JÖ’S", "JÖ’S"},
		{"correct Å", "ÅNGSTRÖM", "ÅNGSTRÖM"},
		{"lone symbol", "5 ¢", "5 ¢"},
		{"cjk untouched", "東京", "東京"},
		{"would yield CJK", "é€™", "é€™"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := usaspending.RepairMojibake(tt.in); got != tt.want {
				t.Errorf("RepairMojibake(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRepairMojibakeIdempotent(t *testing.T) {
	for _, s := range []string{"CRCÃ¢Â‚¬Â„¢S", "donâ€™t", "cafÃƒÂ©", "Société"} {
		once := usaspending.RepairMojibake(s)
		if twice := usaspending.RepairMojibake(once); twice != once {
			t.Errorf("not idempotent: %q → %q → %q", s, once, twice)
		}
	}
}
