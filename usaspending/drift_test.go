package usaspending_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/usaspending"
)

// csvOf builds a CSV from a header and rows of cells.
func csvOf(header string, rows ...string) string {
	return header + "\n" + strings.Join(rows, "\n") + "\n"
}

func TestPrimeDrift(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		check func(t *testing.T, a *usaspending.Award)
	}{
		{
			name: "reordered, re-cased and spaced header with extra columns",
			data: csvOf("Recipient Name,EXTRA COLUMN,Award_ID_PIID,  Contract Award Unique Key ,Total Obligated Amount,outlayed_amount_from_COVID-19_supplementals",
				"ACME INC,x,P1,CONT_AWD_P1_7012_-NONE-_-NONE-,100,0"),
			check: func(t *testing.T, a *usaspending.Award) {
				if a.Key != "CONT_AWD_P1_7012_-NONE-_-NONE-" || a.PIID != "P1" || a.Recipient.Name != "ACME INC" || a.Obligated.Amount != 100 {
					t.Errorf("%+v", a)
				}
				if a.Value != nil || a.Status != probity.StatusUnknown {
					t.Errorf("value %v status %s", a.Value, a.Status)
				}
			},
		},
		{
			name: "no key column: built from PIID, sub-agency and parent",
			data: csvOf("award_id_piid,parent_award_id_piid,parent_award_agency_id,awarding_sub_agency_code,recipient_name",
				"70CDCR22FR0000048,47QRAD20D1155,4732,7012,LUKOS"),
			check: func(t *testing.T, a *usaspending.Award) {
				if a.Key != "CONT_AWD_70CDCR22FR0000048_7012_47QRAD20D1155_4732" {
					t.Errorf("key %q", a.Key)
				}
				if a.Agency.Code != "070" || a.Agency.Name != "Department of Homeland Security" {
					t.Errorf("agency not derived from sub-agency: %+v", a.Agency)
				}
			},
		},
		{
			name: "spreadsheet re-save: short dates, whole dollars, $ and commas, lost DUNS zeros",
			data: csvOf("contract_award_unique_key,award_id_piid,recipient_name,recipient_duns,total_obligated_amount,current_total_value_of_award,period_of_performance_start_date,period_of_performance_current_end_date,awarding_agency_code",
				`K,P,ACME,12345678,"$1,234,567",-500,12/22/17,5/31/30 0:00,070`),
			check: func(t *testing.T, a *usaspending.Award) {
				if a.Obligated.Amount != 1234567 || a.Value.Amount != -500 || a.Period.Start != "2017-12-22" || a.Period.End != "2030-05-31" {
					t.Errorf("%+v %+v %+v", a.Obligated, a.Value, a.Period)
				}
				if a.Recipient.DUNS != "012345678" || a.Agency.Code != "070" || a.Status != probity.StatusActive {
					t.Errorf("duns %q agency %q status %q", a.Recipient.DUNS, a.Agency.Code, a.Status)
				}
			},
		},
		{
			name: "mojibake in names and descriptions",
			data: csvOf("contract_award_unique_key,recipient_name,prime_award_base_transaction_description",
				"K,Oâ€™BRIEN LLC,CRCÃ¢Â‚¬Â„¢S"),
			check: func(t *testing.T, a *usaspending.Award) {
				if a.Recipient.Name != "O’BRIEN LLC" || a.Title != "CRC’S" {
					t.Errorf("%q %q", a.Recipient.Name, a.Title)
				}
			},
		},
		{
			name: "placeholder funding agency 999 and future start",
			data: csvOf("contract_award_unique_key,recipient_name,funding_agency_code,funding_agency_name,period_of_performance_start_date",
				"K,ACME,999,,2030-01-01"),
			check: func(t *testing.T, a *usaspending.Award) {
				if !a.FundingAgency.IsZero() || len(a.FundingPath()) != 1 || a.Status != probity.StatusPlanned {
					t.Errorf("funding %+v status %s", a.FundingAgency, a.Status)
				}
			},
		},
		{
			name: "CRLF line endings, lower-case UEI, blank trailing rows",
			data: "contract_award_unique_key,recipient_name,recipient_uei\r\nK,ACME,l997db4pejl8\r\n,,\r\n\r\n",
			check: func(t *testing.T, a *usaspending.Award) {
				if a.Recipient.UEI != "L997DB4PEJL8" {
					t.Errorf("uei %q", a.Recipient.UEI)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := readAll(t, "drift.csv", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.errs) > 0 {
				t.Fatalf("row errors: %v", res.errs)
			}
			if res.layout != usaspending.LayoutContractAwards || len(res.awards) != 1 {
				t.Fatalf("layout %q, %d awards", res.layout, len(res.awards))
			}
			tt.check(t, res.awards[0])
		})
	}
}

func TestSubawardSamAndFsrsNames(t *testing.T) {
	for _, prefix := range []string{"subaward_fsrs_report", "subaward_sam_report", "Subaward SAM Report"} {
		data := csvOf("prime_award_unique_key,subawardee_name,subaward_amount,"+prefix+"_id,subaward_action_date",
			"K,SUB INC,-1.50,R1,1/2/24")
		res, err := readAll(t, "s.csv", data)
		if err != nil || len(res.subawards) != 1 {
			t.Fatalf("%s: %v %+v", prefix, err, res)
		}
		s := res.subawards[0]
		if s.ReportID != "R1" || s.Amount.Amount != -1.5 || s.Date != "2024-01-02" {
			t.Errorf("%s: %+v", prefix, s)
		}
	}
}

func TestTransactionAggregation(t *testing.T) {
	data := csvOf("source_file,Agency,Award ID,Recipient Name,Federal Action Obligation,Action Date,Modification,Product/Service Description,NAICS Description,Transaction Description,Generated Award ID",
		"f1,ICE,A1,ACME,100.0,2024-03-01,P00001,IT,SOFTWARE,OPTION YEAR,CONT_AWD_A1_7012_-NONE-_-NONE-",
		"f1,CBP,B1,BETA,5,2024-01-01,0,,,BASE B,CONT_AWD_B1_7014_P9_7001",
		"f1,ICE,A1,ACME,1000.0,2023-10-01,0,IT,SOFTWARE,BASE AWARD,CONT_AWD_A1_7012_-NONE-_-NONE-",
		"f2,ICE,A1,ACME,-250.25,2025-02-01,P00002,IT,SOFTWARE,DEOBLIGATION,CONT_AWD_A1_7012_-NONE-_-NONE-",
		"f2,ICE,A1,ACME,0.1,2025-02-02,P00003,IT,SOFTWARE,OPTION YEAR,CONT_AWD_A1_7012_-NONE-_-NONE-",
	)
	res, err := readAll(t, "tx.csv", data)
	if err != nil || len(res.errs) > 0 {
		t.Fatal(err, res.errs)
	}
	if len(res.awards) != 2 {
		t.Fatalf("%d awards", len(res.awards))
	}
	a, b := res.awards[0], res.awards[1]
	if a.PIID != "A1" || b.PIID != "B1" {
		t.Fatalf("order: %s, %s; want first-seen order", a.PIID, b.PIID)
	}
	if a.Transactions != 4 || a.Obligated.Amount != 849.85 || a.Value.Amount != 849.85 {
		t.Errorf("sum: %d rows, %+v", a.Transactions, a.Obligated)
	}
	if a.Period.Start != "2023-10-01" || a.Period.End != "2025-02-02" || a.BaseDate != "2023-10-01" || a.LatestDate != "2025-02-02" {
		t.Errorf("dates: %+v %s %s", a.Period, a.BaseDate, a.LatestDate)
	}
	if a.Title != "BASE AWARD" || a.Description != "OPTION YEAR; BASE AWARD; DEOBLIGATION" {
		t.Errorf("title %q description %q", a.Title, a.Description)
	}
	if a.SubAgency.Code != "7012" || a.SubAgency.Name != "U.S. Immigration and Customs Enforcement" || a.SubAgency.RawName != "ICE" || a.Agency.Code != "070" {
		t.Errorf("agencies %+v %+v", a.SubAgency, a.Agency)
	}
	if a.PSC.Description != "IT" || a.NAICS.Description != "SOFTWARE" || a.Status != probity.StatusUnknown {
		t.Errorf("%+v %+v %s", a.PSC, a.NAICS, a.Status)
	}
	if b.ParentAwardID != "P9" || b.ParentAgency != "7001" || b.SubAgency.Name != "U.S. Customs and Border Protection" {
		t.Errorf("b: %+v", b)
	}
}

func TestRowErrors(t *testing.T) {
	const head = "contract_award_unique_key,award_id_piid,recipient_name,total_obligated_amount,award_base_action_date,recipient_uei,recipient_duns"
	tests := []struct {
		name   string
		row    string
		field  string
		reason string
	}{
		{"amount not a number", "K,P,ACME,12abc,,,", "total_obligated_amount", `"12abc" is not an amount`},
		{"date not a date", "K,P,ACME,1,2/30/21,,", "award_base_action_date", `"2/30/21" is not a date`},
		{"bad UEI", "K,P,ACME,1,,ABC,", "recipient_uei", "not a 12-character UEI"},
		{"bad DUNS", "K,P,ACME,1,,,12-34", "recipient_duns", "not a 9-digit DUNS"},
		{"too few columns", "K,P,ACME", "", "row has 3 columns, the header has 7"},
		{"too many columns", "K,P,ACME,1,,,,x", "", "row has 8 columns, the header has 7"},
		{"no key and no PIID", ",,ACME,1,,,", "award_id_piid", "neither an award key nor a PIID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := csvOf(head, "K0,P0,GOOD,1,,,", tt.row, "K2,P2,GOOD,2,,,")
			res, err := readAll(t, "bad.csv", data)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.awards) != 2 {
				t.Errorf("%d good awards, want 2 (reading goes on past a bad row)", len(res.awards))
			}
			if len(res.errs) != 1 {
				t.Fatalf("%d row errors, want 1", len(res.errs))
			}
			e := res.errs[0]
			if e.File != "bad.csv" || e.Line != 3 || e.Record != 2 || e.Field != tt.field || !strings.Contains(e.Reason, tt.reason) {
				t.Errorf("error %+v; want line 3, record 2, field %q, reason containing %q", e, tt.field, tt.reason)
			}
			if !strings.HasPrefix(e.Error(), "bad.csv:3: record 2") {
				t.Errorf("message %q", e.Error())
			}
		})
	}
}

func TestCallbackErrorStops(t *testing.T) {
	data := csvOf("contract_award_unique_key,recipient_name,total_obligated_amount", "K1,A,x", "K2,B,1")
	n := 0
	_, err := usaspending.Read(context.Background(), strings.NewReader(data), "f.csv", func(r usaspending.Record) error {
		n++
		if r.Err != nil {
			return r.Err
		}
		return nil
	})
	var ie *probity.InputError
	if !errors.As(err, &ie) || ie.Field != "total_obligated_amount" || n != 1 {
		t.Errorf("err %v after %d records; want the row error after 1", err, n)
	}
}

func TestFileErrors(t *testing.T) {
	tests := []struct {
		name, data, field, reason string
		line                      int
	}{
		{"empty", "", "", "empty file", 1},
		{"unknown layout", "a,b,c\n1,2,3\n", "", "not a USAspending layout", 1},
		{"bulk transactions", "contract_transaction_unique_key,contract_award_unique_key\n", "", "prime-transaction", 1},
		{"missing recipient", "contract_award_unique_key,award_id_piid\nK,P\n", "recipient_name", "required column recipient_name is missing", 1},
		{"missing subaward amount", "prime_award_unique_key,subawardee_name\nK,S\n", "subaward_amount", "required column subaward_amount", 1},
		{"missing obligation", "Generated Award ID,Recipient Name,Action Date,Federal Action Obligation X\n", "federal_action_obligation", "", 1},
		{"unterminated quote", "contract_award_unique_key,recipient_name\nK,\"ACME\nK2,B\n", "", "malformed CSV", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readAll(t, "f.csv", tt.data)
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *probity.InputError", err)
			}
			if ie.File != "f.csv" || ie.Field != tt.field || !strings.Contains(ie.Reason, tt.reason) || (tt.line > 0 && ie.Line < tt.line) {
				t.Errorf("%+v", ie)
			}
		})
	}
}

func TestLineOfMultiLineRow(t *testing.T) {
	data := "contract_award_unique_key,recipient_name,total_obligated_amount\nK1,\"A\nB\",1\nK2,C,bad\n"
	res, _ := readAll(t, "f.csv", data)
	if len(res.awards) != 1 || res.awards[0].Recipient.Name != "A B" || len(res.errs) != 1 || res.errs[0].Line != 4 {
		t.Errorf("%+v %+v", res.awards, res.errs)
	}
}

func TestContextCancelled(t *testing.T) {
	var b strings.Builder
	b.WriteString("contract_award_unique_key,recipient_name\n")
	for i := 0; i < 2000; i++ {
		b.WriteString("K,A\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := usaspending.Read(ctx, strings.NewReader(b.String()), "f.csv", func(usaspending.Record) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}
