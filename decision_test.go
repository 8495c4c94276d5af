package probity_test

import (
	"errors"
	"testing"

	"github.com/probity/probity"
)

func TestDecisionValidate(t *testing.T) {
	ok := probity.Reason{RuleID: "r", Effect: "deny", Message: "m", Refs: []probity.Ref{{Kind: "finding", ID: "1"}}}
	tests := []struct {
		name  string
		d     probity.Decision
		field string
	}{
		{"allow", probity.Decision{Outcome: "allow"}, ""},
		{"deny", probity.Decision{Outcome: "deny", Reasons: []probity.Reason{ok}}, ""},
		{"outcome", probity.Decision{Outcome: "maybe"}, "outcome"},
		{"rule id", probity.Decision{Outcome: "deny", Reasons: []probity.Reason{ok, {Message: "m"}}}, "reasons[1].rule_id"},
		{"effect", probity.Decision{Outcome: "deny", Reasons: []probity.Reason{{RuleID: "r", Effect: "allow"}}}, "reasons[0].effect"},
		{"ref kind", probity.Decision{Outcome: "deny", Reasons: []probity.Reason{{RuleID: "r", Refs: []probity.Ref{{Kind: "x", ID: "1"}}}}}, "reasons[0].refs[0].kind"},
		{"ref id", probity.Decision{Outcome: "deny", Reasons: []probity.Reason{{RuleID: "r", Refs: []probity.Ref{{Kind: "hit"}}}}}, "reasons[0].refs[0].id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.d.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ie *probity.InputError
			if !errors.As(err, &ie) || ie.Field != tt.field {
				t.Fatalf("Validate() = %v, want field %s", err, tt.field)
			}
		})
	}
}
