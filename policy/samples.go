package policy

import "github.com/probity/probity"

// SampleInputs returns the inputs a policy must answer with a well-formed
// decision before it is published: an empty contract, each kind of evidence
// on each side of a contract, and inputs with odd values a policy must
// survive (unknown statuses, empty lists).
func SampleInputs() []Input {
	buyer := Party{OrgID: 1, Name: "Agency", Roles: []string{RoleBuyer}, Kind: "government"}
	supplier := Party{OrgID: 10, Name: "Vendor", Roles: []string{RoleSupplier}, Kind: "company"}
	c := Contract{ID: "sample", Title: "sample contract", Status: probity.StatusActive, Value: &probity.Value{Amount: 1000, Currency: "USD"}}
	f := func(id, org int64, status, severity string) Finding {
		return Finding{ID: id, OrgID: org, Category: probity.CatFamilySeparation, Status: status, Severity: severity,
			LegalBasis: []probity.LegalBasis{{Instrument: "CRC", Article: "9"}}}
	}
	h := func(org int64, programs []string, match, confirmed bool) Hit {
		return Hit{ID: "h1", OrgID: org, List: "us_ofac_sdn", SourceID: "1", Programs: programs, Score: 0.95, Match: match, Confirmed: confirmed}
	}
	up := Path{ID: "1>2", From: 1, Roles: []string{"buyer"}, To: 2, Kinds: []string{"part_of"}, Nodes: []int64{1, 2}, Depth: 1}
	sup := Path{ID: "1>3", From: 1, Roles: []string{"buyer"}, To: 3, Kinds: []string{"supports"}, Nodes: []int64{1, 3}, Depth: 1}
	two := []Party{buyer, supplier}
	return []Input{
		{Contract: c},
		{Contract: c, Parties: two},
		{Contract: c, Parties: two, Findings: []Finding{f(1, 1, probity.FindingSubstantiated, probity.SeverityCritical)}},
		{Contract: c, Parties: two, Findings: []Finding{f(1, 1, probity.FindingAlleged, probity.SeverityHigh)}},
		{Contract: c, Parties: two, Findings: []Finding{f(1, 2, probity.FindingAdjudicated, probity.SeverityHigh)}, Exposure: []Path{up}},
		{Contract: c, Parties: two, Findings: []Finding{f(1, 3, probity.FindingCredible, probity.SeverityMedium)}, Exposure: []Path{sup}},
		{Contract: c, Parties: two, Findings: []Finding{f(1, 10, probity.FindingSubstantiated, probity.SeverityLow)}},
		{Contract: c, Parties: two, Screening: []Hit{h(1, []string{"GLOMAG"}, true, true)}},
		{Contract: c, Parties: two, Screening: []Hit{h(1, []string{"GLOMAG"}, true, false)}},
		{Contract: c, Parties: two, Screening: []Hit{h(10, []string{"SDGT"}, true, true)}},
		{Contract: c, Parties: two, Findings: []Finding{f(1, 1, "unknown", "")}, Screening: []Hit{h(1, nil, false, false)}},
		{Contract: Contract{}, Parties: []Party{{OrgID: 1}}, Exposure: []Path{{ID: "x", From: 1, Roles: []string{"buyer"}, To: 1}}},
	}
}
