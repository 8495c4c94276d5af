package policy_test

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/probity/probity/policy"
)

// TestValueMatchesOPA: the input value built directly equals OPA's own
// conversion of the input's JSON encoding, so a policy sees the same input
// from Engine.Decide as from `opa eval` on the recorded canonical JSON.
func TestValueMatchesOPA(t *testing.T) {
	inputs := policy.SampleInputs()
	for seed := range 6 {
		inputs = append(inputs, realisticInput(seed))
	}
	named := realisticInput(7)
	named.Screening[0].OrgName, named.Screening[0].Name = "Sub One", "SUB ONE LTD"
	named.Findings[0].LegalBasis = append(named.Findings[0].LegalBasis, named.Findings[0].LegalBasis[0])
	named.Findings[0].LegalBasis[2].Article = ""
	named.Parties[0].OrgID, named.Findings[1].ID = 1<<40, 123456789
	inputs = append(inputs, named)
	for i, in := range inputs {
		in = in.Normalize() // no nil lists: JSON would make them null
		want, err := ast.InterfaceToValue(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := in.Value(); got.Compare(want) != 0 {
			t.Errorf("input %d:\n got %v\nwant %v", i, got, want)
		}
	}
}
