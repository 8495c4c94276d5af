package usaspending_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/probity/probity/usaspending"
)

// FuzzRead feeds Read arbitrary bytes: it must never panic, every record
// must carry exactly one of Award, Subaward or Err, and every row error
// must name the file.
func FuzzRead(f *testing.F) {
	seeds := []string{
		"contract_award_unique_key,award_id_piid,recipient_name,total_obligated_amount,period_of_performance_start_date,recipient_uei,recipient_duns\nK,P,A,\"$1,000\",12/22/17,L997DB4PEJL8,123\n",
		"award_id_piid,awarding_sub_agency_code,recipient_name\nP,7012,A\n,,\n",
		"assistance_award_unique_key,award_id_fain,recipient_name,total_obligated_amount\nK,F,A,1.5E+07\n",
		"prime_award_unique_key,subawardee_name,subaward_amount,subaward_fsrs_report_id,subaward_description\nK,S,-1,R,CRCÃ¢Â‚¬Â„¢S\n",
		"Agency,Award ID,Recipient Name,Federal Action Obligation,Action Date,Modification,Generated Award ID\nICE,A,R,-5,2024-01-01,0,CONT_AWD_A_7012_-NONE-_-NONE-\nICE,A,R,5,1/1/24,1,CONT_AWD_A_7012_-NONE-_-NONE-\n",
		"award_id,recipient_name,parent_name,current_total_value,awarding_office_name\nA,Linkedin,Microsoft,3615.12,Mission Support Dallas\n",
		"contract_award_unique_key,recipient_name\nK,\"unterminated\n",
		"",
		"\ufeff\n\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = usaspending.Read(context.Background(), strings.NewReader(string(data)), "fuzz.csv", func(r usaspending.Record) error {
			n := 0
			if r.Award != nil {
				n++
				_ = r.Award.AgencyPath()
				_ = r.Award.MatchKey()
				_ = r.Award.Recipient.Identifiers()
			}
			if r.Subaward != nil {
				n++
			}
			if r.Err != nil {
				n++
				if r.Err.File != "fuzz.csv" {
					t.Errorf("row error names %q", r.Err.File)
				}
			}
			if n != 1 {
				t.Errorf("record with %d parts set", n)
			}
			return nil
		})
	})
}

// FuzzRepairMojibake: no panic, valid UTF-8 in gives valid UTF-8 out, the
// result is never longer, and a second repair changes nothing more than
// the first could.
func FuzzRepairMojibake(f *testing.F) {
	for _, s := range []string{"CRCÃ¢Â‚¬Â„¢S", "donâ€™t", "cafÃƒÂ©", "JÖ’S", "東京", "Ã", "\u0080\u0099"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := usaspending.RepairMojibake(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Errorf("RepairMojibake(%q) = %q: invalid UTF-8", s, out)
		}
		if utf8.RuneCountInString(out) > utf8.RuneCountInString(s) {
			t.Errorf("RepairMojibake(%q) = %q: longer", s, out)
		}
	})
}

func FuzzCanonicalAgencyName(f *testing.F) {
	for _, s := range []string{"VETERANS AFFAIRS, DEPARTMENT OF", "Department of Homeland Security (DHS)", ", DEPARTMENT OF", "(A)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = usaspending.CanonicalAgencyName(s)
		_ = usaspending.AgencyNameKey(s)
	})
}
