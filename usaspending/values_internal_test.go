package usaspending

import "testing"

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
		bad  bool
	}{
		{"16000.00", 16000, true, false},
		{"7391976", 7391976, true, false},
		{"-1234.5", -1234.5, true, false},
		{"$1,234.56", 1234.56, true, false},
		{"-$1,234.56", -1234.56, true, false},
		{"$-12", -12, true, false},
		{"(1,234.56)", -1234.56, true, false},
		{" 850361073.0 ", 850361073, true, false},
		{"1.5E+07", 15e6, true, false},
		{".5", 0.5, true, false},
		{"", 0, false, false},
		{"  ", 0, false, false},
		{"abc", 0, false, true},
		{"12abc", 0, false, true},
		{"NaN", 0, false, true},
		{"Inf", 0, false, true},
		{"0x1p3", 0, false, true},
		{"1_000", 0, false, true},
		{"1.2.3", 0, false, true},
		{"$", 0, false, true},
		{"1e999", 0, false, true},
		{"--5", 0, false, true},
	}
	for _, tt := range tests {
		got, ok, err := parseAmount(tt.in)
		if (err != nil) != tt.bad || ok != tt.ok || got != tt.want {
			t.Errorf("parseAmount(%q) = %v, %v, %v; want %v, %v, bad=%v", tt.in, got, ok, err, tt.want, tt.ok, tt.bad)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2020-05-07", "2020-05-07"},
		{"2021-05-11 00:00:00", "2021-05-11"},
		{"2025-03-25 00:00:00+00", "2025-03-25"},
		{"2025-03-25T10:00:00Z", "2025-03-25"},
		{"12/22/17", "2017-12-22"},
		{"5/31/21 0:00", "2021-05-31"},
		{"1/2/06", "2006-01-02"},
		{"12/22/2017", "2017-12-22"},
		{"2017/12/22", "2017-12-22"},
		{"1/1/68", "2068-01-01"}, // the pivot: 00–68 → 20xx
		{"1/1/69", "1969-01-01"},
		{"1/1/99", "1999-01-01"},
		{"2/29/24", "2024-02-29"},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("parseDate(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"2/29/23", "13/1/20", "0/1/20", "1/32/20", "2020-13-01", "20-01-01", "yesterday",
		"1/1/2", "1/1/202", "2020-1-1-1", "1//20", "12345-01-01", "1/1/20/1"} {
		if got, err := parseDate(bad); err == nil {
			t.Errorf("parseDate(%q) = %q, want an error", bad, got)
		}
	}
}

func TestNormColumn(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Product/Service Description", "product_service_description"},
		{"Award ID", "award_id"},
		{"\ufeffcontract_award_unique_key", "contract_award_unique_key"},
		{"  Recipient_Name ", "recipient_name"},
		{"RECIPIENT  NAME", "recipient_name"},
		{"subaward_fsrs_report_id", "subaward_sam_report_id"},
		{"subaward_fsrs_report_last_modified_date", "subaward_sam_report_last_modified_date"},
		{"outlayed_amount_from_COVID-19_supplementals", "outlayed_amount_from_covid_19_supplementals"},
		{"1862_land_grant_college", "1862_land_grant_college"},
	}
	for _, tt := range tests {
		if got := normColumn(tt.in); got != tt.want {
			t.Errorf("normColumn(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseAwardKey(t *testing.T) {
	tests := []struct {
		key                          string
		id, agency, parent, parentAg string
		ok                           bool
	}{
		{"CONT_AWD_70CDCR18P00000017_7012_-NONE-_-NONE-", "70CDCR18P00000017", "7012", "", "", true},
		{"CONT_AWD_70B01C25F00001121_7014_70B01C23D00000009_7014", "70B01C25F00001121", "7014", "70B01C23D00000009", "7014", true},
		{"CONT_IDV_47QRAD20D1155_4732", "47QRAD20D1155", "4732", "", "", true},
		{"ASST_NON_18CECYT00002_7012", "18CECYT00002", "7012", "", "", true},
		{"CONT_AWD_X", "", "", "", "", false},
		{"junk", "", "", "", "", false},
	}
	for _, tt := range tests {
		id, ag, p, pa, ok := parseAwardKey(tt.key)
		if id != tt.id || ag != tt.agency || p != tt.parent || pa != tt.parentAg || ok != tt.ok {
			t.Errorf("parseAwardKey(%q) = %q %q %q %q %v", tt.key, id, ag, p, pa, ok)
		}
	}
}
