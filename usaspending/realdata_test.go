package usaspending_test

import (
	"math"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/usaspending"
)

const (
	mnAll      = "mn_ice_contracts/mn_all/Contracts_PrimeAwardSummaries_2025-03-21_H19M57S23_1.csv"
	mnAllSubs  = "mn_ice_contracts/mn_all/Contracts_Subawards_2025-03-21_H19M57S41_1.csv"
	umn        = "mn_ice_contracts/umn/Contracts_PrimeAwardSummaries_2025-03-28_H02M59S08_1.csv"
	after2020  = "mn_ice_contracts/all_after_2020/Contracts_Subawards_2025-03-28_H03M23S17_1.csv"
	assistance = "mn_ice_contracts/all_after_2020/Assistance_PrimeAwardSummaries_2025-03-28_H03M23S01_1.csv"
	cbpIce     = "cbp_ice_dashboard/CBP_ICE_FY2025_Contract_Obligations.csv"
	derived    = "cbp_ice_dashboard/DERIVED_microsoft_azure_rows_FY2021-FY2026.csv"
	freezer    = "torn_apart_2018/freezer.csv"
)

// Row counts from ../shared/data/usaspending/SOURCES.md.
func TestRealFilesCounts(t *testing.T) {
	tests := []struct {
		file      string
		layout    usaspending.Layout
		awards    int
		subawards int
	}{
		{mnAll, usaspending.LayoutContractAwards, 1369, 0},
		{umn, usaspending.LayoutContractAwards, 5, 0},
		{after2020, usaspending.LayoutSubawards, 0, 482},
		{mnAllSubs, usaspending.LayoutSubawards, 0, 3},
		{assistance, usaspending.LayoutAssistanceAwards, 2, 0},
		{cbpIce, usaspending.LayoutTransactions, 7027, 0},
		{freezer, usaspending.LayoutTornApart, 2203, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := readFile(t, tt.file)
			if res.layout != tt.layout {
				t.Errorf("layout %q, want %q", res.layout, tt.layout)
			}
			if len(res.errs) > 0 {
				t.Errorf("%d row errors, first: %v", len(res.errs), res.errs[0])
			}
			if len(res.awards) != tt.awards || len(res.subawards) != tt.subawards {
				t.Errorf("%d awards, %d subawards; want %d, %d", len(res.awards), len(res.subawards), tt.awards, tt.subawards)
			}
			for _, a := range res.awards {
				if a.Layout != usaspending.LayoutTornApart && a.Key == "" {
					t.Errorf("line %d: empty key", a.Line)
				}
				if a.Recipient.Name == "" {
					t.Errorf("line %d: empty recipient", a.Line)
				}
			}
		})
	}
}

func find(t *testing.T, awards []*usaspending.Award, piid string) *usaspending.Award {
	t.Helper()
	for _, a := range awards {
		if a.PIID == piid {
			return a
		}
	}
	t.Fatalf("award %s not found", piid)
	return nil
}

func TestMnAllExampleRow(t *testing.T) {
	res := readFile(t, mnAll)
	a := find(t, res.awards, "70CDCR18P00000017")
	checks := []struct{ name, got, want string }{
		{"key", a.Key, "CONT_AWD_70CDCR18P00000017_7012_-NONE-_-NONE-"},
		{"recipient", a.Recipient.Name, "WEST PUBLISHING CORPORATION"},
		{"recipient UEI", a.Recipient.UEI, "L997DB4PEJL8"},
		{"parent", a.Parent.Name, "THOMSON REUTERS (MARKETS) LLC"},
		{"parent UEI", a.Parent.UEI, "ERQ7UKKC3791"},
		{"title", a.Title, "IGF::CL::IGF ACCESS TO LICENSE PLATE READER DATABASE"},
		{"start (12/22/17)", a.Period.Start, "2017-12-22"},
		{"end (5/31/21)", a.Period.End, "2021-05-31"},
		{"potential end (5/31/21 0:00)", a.PotentialEnd, "2021-05-31"},
		{"base date", a.BaseDate, "2017-12-22"},
		{"status", a.Status, probity.StatusCompleted},
		{"agency code keeps its zero", a.Agency.Code, "070"},
		{"agency", a.Agency.Name, "Department of Homeland Security"},
		{"sub-agency", a.SubAgency.Code + " " + a.SubAgency.Name, "7012 U.S. Immigration and Customs Enforcement"},
		{"office", a.Office.Code + " " + a.Office.Name, "70CDCR Detention Compliance and Removals"},
		{"office raw", a.Office.RawName, "DETENTION COMPLIANCE AND REMOVALS"},
		{"funding office", a.FundingOffice.Code, "70CRMD"},
		{"state", a.Recipient.State, "MN"},
		{"country", a.Recipient.Country, "USA"},
		{"naics", a.NAICS.Code, "519190"},
		{"psc", a.PSC.Code, "D317"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	for name, v := range map[string]*probity.Value{"value": a.Value, "obligated": a.Obligated, "potential": a.Potential} {
		if v == nil || v.Amount != 7391976 || v.Currency != "USD" {
			t.Errorf("%s = %+v, want 7391976 USD", name, v)
		}
	}
	path := a.AgencyPath()
	var names []string
	for _, p := range path {
		names = append(names, p.Level.String()+":"+p.Name)
	}
	want := "government:United States federal government|agency:Department of Homeland Security|" +
		"sub-agency:U.S. Immigration and Customs Enforcement|office:Detention Compliance and Removals"
	if got := strings.Join(names, "|"); got != want {
		t.Errorf("AgencyPath = %s\nwant %s", got, want)
	}
}

func TestMnAllFile(t *testing.T) {
	res := readFile(t, mnAll)
	recipients := map[string]bool{}
	negative := 0
	for _, a := range res.awards {
		recipients[a.Recipient.Name] = true
		if a.Recipient.UEI == "" || a.Parent.Name == "" {
			t.Errorf("line %d: UEI %q parent %q; SOURCES.md says every row has both", a.Line, a.Recipient.UEI, a.Parent.Name)
		}
		if a.Obligated != nil && a.Obligated.Amount < 0 {
			negative++
		}
		if a.Agency.Code != "070" || a.SubAgency.Code != "7012" {
			t.Errorf("line %d: agency %q/%q", a.Line, a.Agency.Code, a.SubAgency.Code)
		}
		if a.Period.Start != "" && (a.Period.Start < "1990" || a.Period.Start > "2030") {
			t.Errorf("line %d: start %s", a.Line, a.Period.Start)
		}
	}
	if len(recipients) != 121 {
		t.Errorf("%d distinct recipients, want 121", len(recipients))
	}
	if negative == 0 {
		t.Error("no negative (de-obligated) totals read")
	}
}

func TestUmnISODates(t *testing.T) {
	res := readFile(t, umn)
	a := find(t, res.awards, "70CDCR20P00000053")
	if a.BaseDate != "2020-05-07" || a.Period.End != "2021-05-11" || a.PotentialEnd != "2021-05-11" {
		t.Errorf("dates %s %s %s", a.BaseDate, a.Period.End, a.PotentialEnd)
	}
	if a.Value == nil || a.Value.Amount != 16000 {
		t.Errorf("value %+v", a.Value)
	}
	names := map[string]bool{}
	for _, a := range res.awards {
		names[a.Recipient.Name] = true
	}
	for _, n := range []string{"REGENTS OF THE UNIVERSITY OF MINNESOTA", "REGENTS OF UNIVERSITY OF MINNESOTA"} {
		if !names[n] {
			t.Errorf("name variant %q not read", n)
		}
	}
}

func TestSubawardsAfter2020(t *testing.T) {
	res := readFile(t, after2020)
	primes, subs := map[string]bool{}, map[string]bool{}
	mojibake := 0
	for _, s := range res.subawards {
		primes[s.Prime.Name] = true
		subs[s.Sub.Name] = true
		if s.ReportID == "" {
			t.Errorf("line %d: subaward_fsrs_report_id not read as the report id", s.Line)
		}
		if s.Agency.Name != "Department of Homeland Security" || s.Agency.RawName != "Department of Homeland Security (DHS)" {
			t.Errorf("line %d: agency %q (raw %q)", s.Line, s.Agency.Name, s.Agency.RawName)
		}
		if s.SubAgency.Name != "U.S. Immigration and Customs Enforcement" {
			t.Errorf("line %d: sub-agency %q", s.Line, s.SubAgency.Name)
		}
		if strings.ContainsAny(s.Description, "ÃÂ") {
			mojibake++
		}
	}
	if mojibake > 0 {
		t.Errorf("%d descriptions still hold mojibake", mojibake)
	}
	if len(primes) != 38 || len(subs) != 155 {
		t.Errorf("%d prime awardee names, %d subawardee names; SOURCES.md says 38 and 155", len(primes), len(subs))
	}
	s := res.subawards[0]
	if s.PrimePIID != "70CDCR22FR0000048" || s.Prime.Name != "LUKOS, LLC" || s.Sub.Name != "FEDS UNITED, LLC" ||
		s.Amount == nil || s.Amount.Amount != 532929.52 || s.Date != "2024-09-12" || s.Sub.DUNS != "111375258" ||
		s.PrimeParentPIID != "47QRAD20D1155" || s.Type != "sub-contract" {
		t.Errorf("first row: %+v", s)
	}
	if !strings.Contains(s.Description, "PROFESSIONAL CRC’S. THE CRC PROGRAM") {
		t.Errorf("description not repaired: %.120q", s.Description)
	}
}

func TestTransactionsAggregated(t *testing.T) {
	res := readFile(t, cbpIce)
	rows, ice, cbp := 0, 0, 0
	for _, a := range res.awards {
		rows += a.Transactions
		switch a.SubAgency.Code {
		case "7012":
			ice += a.Transactions
		case "7014":
			cbp += a.Transactions
		}
		if a.Status != probity.StatusUnknown {
			t.Errorf("%s: status %s", a.Key, a.Status)
		}
	}
	if rows != 10878 {
		t.Errorf("%d transactions aggregated, want 10878", rows)
	}
	// SOURCES.md: CBP 6,447, ICE 4,431 by the Agency column; one ICE row
	// carries an award of sub-agency 7001, which the key decides.
	if cbp != 6447 || ice != 4430 {
		t.Errorf("CBP %d, ICE %d transactions", cbp, ice)
	}
	a := find(t, res.awards, "70B01C25F00001121")
	if a.Recipient.Name != "BCCG A JOINT VENTURE" || a.SubAgency.Name != "U.S. Customs and Border Protection" ||
		a.Agency.Code != "070" || a.ParentAwardID != "70B01C23D00000009" || a.ParentAgency != "7014" {
		t.Errorf("award: %+v", a)
	}
}

func TestDerivedMicrosoftRows(t *testing.T) {
	res := readFile(t, derived)
	rows, iceRows := 0, 0
	var iceTotal float64
	for _, a := range res.awards {
		rows += a.Transactions
		if a.SubAgency.Code == "7012" {
			iceRows += a.Transactions
			iceTotal += a.Obligated.Amount
		}
	}
	if rows != 202 || len(res.awards) != 124 {
		t.Errorf("%d rows in %d awards, want 202 in 124", rows, len(res.awards))
	}
	// SOURCES.md: ICE 157 rows, $142.7M.
	if iceRows != 157 || math.Abs(iceTotal-142.7e6) > 0.05e6 {
		t.Errorf("ICE: %d rows, $%.0f", iceRows, iceTotal)
	}
	a := find(t, res.awards, "70CTD021FR0000033")
	if a.Recipient.Name != "MICROSOFT CORPORATION" || math.Abs(a.Obligated.Amount-(499629+102600)) > 1 {
		t.Errorf("70CTD021FR0000033: %s %.2f over %d rows", a.Recipient.Name, a.Obligated.Amount, a.Transactions)
	}
	if a.Period.Start > a.Period.End || a.Period.Start == "" {
		t.Errorf("period %+v", a.Period)
	}
}

func TestTornApart(t *testing.T) {
	res := readFile(t, freezer)
	a := find(t, res.awards, "70CMSW18FACR00003")
	if a.Recipient.Name != "Linkedin" || a.Parent.Name != "Microsoft" || a.Value == nil || a.Value.Amount != 3615.12 ||
		a.Title != "License Agreement for Unlimited Library Access" {
		t.Errorf("Linkedin row: %+v", a)
	}
	if a.MatchKey() != "7012/70CMSW18FACR00003" || a.Key != "" {
		t.Errorf("keys %q %q", a.MatchKey(), a.Key)
	}
	differ := 0
	for _, a := range res.awards {
		if a.Parent.Name != a.Recipient.Name {
			differ++
		}
		if a.Agency.Name != "Department of Homeland Security" || a.SubAgency.Code != "7012" {
			t.Fatalf("line %d: agency %+v %+v", a.Line, a.Agency, a.SubAgency)
		}
	}
	if differ != 503 {
		t.Errorf("%d rows with a parent different from the recipient; SOURCES.md says 503", differ)
	}
}

func TestAssistance(t *testing.T) {
	res := readFile(t, assistance)
	a := res.awards[0]
	if a.FAIN != "18CECYT00002" || a.Key != "ASST_NON_18CECYT00002_7012" || a.Value == nil || a.Value.Amount != 1218201.91 ||
		a.Office.Name != "Grants and Financial Assistance Division" {
		t.Errorf("%+v", a)
	}
}

// Every agency on a path has a name, on every real file.
func TestAgencyPathsNamed(t *testing.T) {
	for _, f := range []string{mnAll, umn, cbpIce, derived, freezer, assistance} {
		for _, a := range readFile(t, f).awards {
			for _, p := range append(a.AgencyPath(), a.FundingPath()...) {
				if p.Name == "" {
					t.Fatalf("%s line %d: %v agency %q has no name", f, a.Line, p.Level, p.Code)
				}
			}
		}
	}
}
