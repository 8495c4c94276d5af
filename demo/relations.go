package demo

// Relation is a relationship of the scenario between two organizations
// named as the demo data names them.
type Relation struct {
	From, Kind, To string
	Source         string
}

// Relations are the scenario's relationships that the award data does not
// state itself: the resellers through which ICE bought Microsoft licences
// and cloud services. Each is a fact read from the awards' own
// descriptions (for example "MICROSOFT ENTERPRISE LICENSE AGREEMENT FOR
// ICE/OCIO", awarded to Dell Federal Systems), as summarised in the data's
// sources note.
var Relations = []Relation{
	{"Dell Federal Systems", "reseller_for", "Microsoft", "USAspending award descriptions: Microsoft enterprise licences for ICE/OCIO (70CTD021FC0000031 …)"},
	{"FOUR POINTS TECHNOLOGY, L.L.C.", "reseller_for", "Microsoft", "USAspending award descriptions: ICE cloud infrastructure hosting for the Microsoft Azure environment (70CTD024FC0000015)"},
	{"TRUETANDEM, LLC", "reseller_for", "Microsoft", "USAspending award descriptions: Microsoft Premier Support (70CTD022FR0000033)"},
}
