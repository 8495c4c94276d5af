package usaspending_test

import (
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/usaspending"
)

func TestCanonicalAgencyName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Department of Homeland Security (DHS)", "Department of Homeland Security"},
		{"Department of Homeland Security", "Department of Homeland Security"},
		{"U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT", "U.S. Immigration and Customs Enforcement"},
		{"U.S. Immigration and Customs Enforcement", "U.S. Immigration and Customs Enforcement"},
		{"DETENTION COMPLIANCE AND REMOVALS", "Detention Compliance and Removals"},
		{"Detention Compliance And Removals", "Detention Compliance and Removals"},
		{"VETERANS AFFAIRS, DEPARTMENT OF", "Department of Veterans Affairs"},
		{"ICE MISSION SUPPORT DALLAS", "ICE Mission Support Dallas"},
		{"OFFICE OF THE CHIEF INFORMATION OFFICER (OCIO)", "Office of the Chief Information Officer"},
		{"ENFORCEMENT AND REMOVAL OPERATIONS  REMOVAL MANAGEMENT DIVISION", "Enforcement and Removal Operations Removal Management Division"},
		{"NON-BUILDING FACILITIES", "Non-Building Facilities"},
		{"CHILDREN'S BUREAU", "Children's Bureau"},
		{"THE OFFICE", "The Office"},
		{"Grants and Financial Assistance Division", "Grants and Financial Assistance Division"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := usaspending.CanonicalAgencyName(tt.in); got != tt.want {
			t.Errorf("CanonicalAgencyName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAgencyNameKey(t *testing.T) {
	pairs := [][2]string{
		{"U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT", "U.S. Immigration and Customs Enforcement"},
		{"Department of Homeland Security (DHS)", "DEPARTMENT OF HOMELAND SECURITY"},
		{"Detention Compliance And Removals", "DETENTION COMPLIANCE AND REMOVALS"},
	}
	for _, p := range pairs {
		if a, b := usaspending.AgencyNameKey(p[0]), usaspending.AgencyNameKey(p[1]); a != b {
			t.Errorf("keys differ: %q → %q, %q → %q", p[0], a, p[1], b)
		}
	}
	if a, b := usaspending.AgencyNameKey("U.S. Customs and Border Protection"), usaspending.AgencyNameKey("U.S. Immigration and Customs Enforcement"); a == b {
		t.Errorf("different agencies share key %q", a)
	}
}

func TestNewAgency(t *testing.T) {
	tests := []struct {
		level      usaspending.Level
		code, name string
		want       usaspending.Agency
		id         probity.Identifier
	}{
		{usaspending.LevelAgency, "070", "Department of Homeland Security (DHS)",
			usaspending.Agency{Level: usaspending.LevelAgency, Code: "070", Name: "Department of Homeland Security", RawName: "Department of Homeland Security (DHS)"},
			probity.Identifier{Scheme: usaspending.SchemeAgency, ID: "070"}},
		{usaspending.LevelSubAgency, "7012", "U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT",
			usaspending.Agency{Level: usaspending.LevelSubAgency, Code: "7012", Name: "U.S. Immigration and Customs Enforcement", RawName: "U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT"},
			probity.Identifier{Scheme: usaspending.SchemeSubAgency, ID: "7012"}},
		{usaspending.LevelOffice, " 70CDCR ", "DETENTION COMPLIANCE AND REMOVALS",
			usaspending.Agency{Level: usaspending.LevelOffice, Code: "70CDCR", Name: "Detention Compliance and Removals", RawName: "DETENTION COMPLIANCE AND REMOVALS"},
			probity.Identifier{Scheme: usaspending.SchemeOffice, ID: "70CDCR"}},
		{usaspending.LevelSubAgency, "7001", "",
			usaspending.Agency{Level: usaspending.LevelSubAgency, Code: "7001", Name: "Sub-agency 7001"},
			probity.Identifier{Scheme: usaspending.SchemeSubAgency, ID: "7001"}},
		{usaspending.LevelAgency, "999", "", usaspending.Agency{}, probity.Identifier{}},
		{usaspending.LevelAgency, "", "", usaspending.Agency{}, probity.Identifier{}},
	}
	for _, tt := range tests {
		got := usaspending.NewAgency(tt.level, tt.code, tt.name)
		if got != tt.want {
			t.Errorf("NewAgency(%v, %q, %q) = %+v, want %+v", tt.level, tt.code, tt.name, got, tt.want)
		}
		id, ok := got.Identifier()
		if id != tt.id || ok != (tt.id.ID != "") {
			t.Errorf("%+v.Identifier() = %+v, %v", got, id, ok)
		}
	}
	root := usaspending.Government()
	if id, ok := root.Identifier(); !ok || id.Scheme != usaspending.SchemeGovernment || root.Name != "United States federal government" {
		t.Errorf("Government() = %+v, %+v", root, id)
	}
}

func TestPartyIdentifiers(t *testing.T) {
	p := usaspending.Party{Name: "X", UEI: "L997DB4PEJL8", DUNS: "012345678"}
	ids := p.Identifiers()
	if len(ids) != 2 || ids[0] != (probity.Identifier{Scheme: "US-SAM", ID: "L997DB4PEJL8"}) || ids[1] != (probity.Identifier{Scheme: "US-DUNS", ID: "012345678"}) {
		t.Errorf("Identifiers() = %+v", ids)
	}
	if (usaspending.Party{}).Identifiers() != nil || !(usaspending.Party{}).IsZero() {
		t.Error("zero party")
	}
}
