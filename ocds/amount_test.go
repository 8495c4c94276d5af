package ocds

import (
	"errors"
	"strings"
	"testing"

	"github.com/probity/probity"
)

// TestMapRefusesAmountsThatAreNoNumber: an amount of the wrong type is an
// input error naming the field; null, empty and numeric strings are not.
func TestMapRefusesAmountsThatAreNoNumber(t *testing.T) {
	for _, tc := range []struct {
		name, release, field string // field "": accepted
	}{
		{"word", `{"ocid":"o-1","awards":[{"id":"a","value":{"amount":"lots","currency":"USD"}}]}`, "awards[0].value.amount"},
		{"bool", `{"ocid":"o-1","contracts":[{"id":"c","value":{"amount":true,"currency":"USD"}}]}`, "contracts[0].value.amount"},
		{"object", `{"ocid":"o-1","tender":{"value":{"amount":{"x":1},"currency":"USD"}}}`, "tender.value.amount"},
		{"budget", `{"ocid":"o-1","planning":{"budget":{"amount":{"amount":"n/a","currency":"USD"}}}}`, "planning.budget.amount.amount"},
		{"extended JSON number", `{"ocid":"o-1","contracts":[{"id":"c","value":{"amount":{"$numberLong":"15890000000"},"currency":"COP"}}]}`, ""},
		{"numeric string", `{"ocid":"o-1","awards":[{"id":"a","value":{"amount":"1,234.50","currency":"USD"}}]}`, ""},
		{"null", `{"ocid":"o-1","awards":[{"id":"a","value":{"amount":null,"currency":"USD"}}]}`, ""},
		{"empty", `{"ocid":"o-1","awards":[{"id":"a","value":{"amount":"","currency":"USD"}}]}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Map([]byte(tc.release))
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if tc.name == "numeric string" && (p.Value == nil || p.Value.Amount != 1234.5) {
					t.Errorf("value %+v, want 1234.5", p.Value)
				}
				return
			}
			var ie *probity.InputError
			if !errors.As(err, &ie) || !strings.Contains(ie.Field, tc.field) || !strings.Contains(ie.Reason, "is not a number") {
				t.Fatalf("err = %v, want an input error on %s", err, tc.field)
			}
		})
	}
}
