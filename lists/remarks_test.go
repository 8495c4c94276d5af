package lists_test

import (
	"reflect"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/lists"
)

func TestParseOFACRemarks(t *testing.T) {
	id := func(s, v string) probity.Identifier { return probity.Identifier{Scheme: s, ID: v} }
	tests := []struct {
		in   string
		want lists.OFACRemarks
	}{
		{"DOB 12 Jan 1950.", lists.OFACRemarks{BirthDates: []string{"1950-01-12"}}},
		{"DOB circa 1960", lists.OFACRemarks{BirthDates: []string{"1960"}}},
		{"DOB 1955 to 1958", lists.OFACRemarks{BirthDates: []string{"1955", "1956", "1957", "1958"}}},
		{"DOB 01 Jan 1960 to 31 Dec 1961", lists.OFACRemarks{BirthDates: []string{"1960", "1961"}}},
		{"DOB Mar 1971; alt. DOB 1972", lists.OFACRemarks{BirthDates: []string{"1971-03", "1972"}}},
		{"DOB circa 1955-1957", lists.OFACRemarks{BirthDates: []string{"1955", "1956", "1957"}}},
		{"DOB 31 Feb 1950", lists.OFACRemarks{Unparsed: []string{"DOB 31 Feb 1950"}}},
		{"nationality Russia; citizen Russia", lists.OFACRemarks{Nationalities: []string{"RU"}, Citizenships: []string{"RU"}}},
		{"nationality Korea, North; alt. nationality Iran; citizen Burma", lists.OFACRemarks{Nationalities: []string{"KP", "IR"}, Citizenships: []string{"MM"}}},
		{"nationality Congo, Democratic Republic of the", lists.OFACRemarks{Nationalities: []string{"CD"}}},
		{"nationality Atlantis", lists.OFACRemarks{Unparsed: []string{"nationality Atlantis"}}},
		{"Gender Female", lists.OFACRemarks{Gender: "female"}},
		{"a.k.a. 'BNC'.", lists.OFACRemarks{WeakAliases: []string{"BNC"}}},
		{"a.k.a. 'AL-MU'MIN'; f.k.a. 'OLD NAME'; n.k.a. 'LGOK'", lists.OFACRemarks{WeakAliases: []string{"AL-MU'MIN", "OLD NAME", "LGOK"}}},
		{"Passport AD005831 (Zimbabwe) issued 11 Jan 2018 expires 10 Jan 2028; alt. Passport G 649385 issued 08 Sep 2006",
			lists.OFACRemarks{Identifiers: []probity.Identifier{id("passportNumber", "AD005831"), id("passportNumber", "G 649385")}}},
		{"National ID No. 0035011785 (Iran); Tax ID No. 7707083893 (Russia); Registration ID 1027700132195 (Russia)",
			lists.OFACRemarks{Identifiers: []probity.Identifier{id("idNumber", "0035011785"), id("taxNumber", "7707083893"), id("registrationNumber", "1027700132195")}}},
		{"SWIFT/BIC HAVIGB2L; Website www.havanaintbank.co.uk; Company Number 01074897 (United Kingdom).",
			lists.OFACRemarks{Identifiers: []probity.Identifier{id("swiftBic", "HAVIGB2L"), id("website", "www.havanaintbank.co.uk"), id("registrationNumber", "01074897")}}},
		{"Vessel Registration Identification IMO 9187629; MMSI 636013155; Email Address a@b.org",
			lists.OFACRemarks{Identifiers: []probity.Identifier{id("imoNumber", "IMO9187629"), id("mmsi", "636013155"), id("email", "a@b.org")}}},
		{"Linked To: LAZARUS GROUP.; POB Tehran, Iran", lists.OFACRemarks{}},
		{"", lists.OFACRemarks{}},
	}
	for _, tt := range tests {
		got := lists.ParseOFACRemarks(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseOFACRemarks(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestCountryCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russia", "RU"}, {"Korea, North", "KP"}, {"Korea, South", "KR"}, {"Burma", "MM"},
		{"Iran (Islamic Republic of)", "IR"}, {"Democratic People's Republic of Korea", "KP"},
		{"Côte d’Ivoire", "CI"}, {"Cote d Ivoire", "CI"}, {"United Kingdom", "GB"}, {"gb", "GB"},
		{"Bosnia and Herzegovina", "BA"}, {"St. Kitts & Nevis", "KN"}, {"Kosovo", "XK"},
		{"Region: Gaza", "PS"}, {"Man, Isle of", "IM"}, {"Virgin Islands, British", "VG"},
		{"Atlantis", ""}, {"", ""}, {"ZZ", ""},
	}
	for _, tt := range tests {
		got, ok := lists.CountryCode(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("CountryCode(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}
