package probity

import "time"

// OrgKind says what sort of body an organization is.
type OrgKind string

const (
	KindGovernment OrgKind = "government" // a state, department, agency or office
	KindCompany    OrgKind = "company"
	KindNGO        OrgKind = "ngo"
	KindPerson     OrgKind = "person"
	KindUnknown    OrgKind = "unknown"
)

// Identifier is an organization identifier in an org-id.guide scheme, such as
// US-UEI, US-DUNS, GB-COH or AM-TIN.
type Identifier struct {
	Scheme string `json:"scheme"`
	ID     string `json:"id"`
}

// Alias is one name an organization is known by, with where it was seen.
type Alias struct {
	Name   string `json:"name"`
	Source string `json:"source"`
}

// MergeReason records why a source record was attached to an organization:
// the rule that fired ("identifier", "normalised-name", "new"), the key that
// matched, and which source record brought it.
type MergeReason struct {
	Rule   string    `json:"rule"`
	Key    string    `json:"key"`
	Name   string    `json:"name"`
	Source string    `json:"source"`
	At     time.Time `json:"at"`
}

// Organization is a buyer, supplier, subcontractor, parent company or
// government body, resolved across sources.
type Organization struct {
	ID          int64         `json:"id"`
	Name        string        `json:"name"`
	Kind        OrgKind       `json:"kind"`
	Country     string        `json:"country,omitempty"`
	Identifiers []Identifier  `json:"identifiers,omitempty"`
	Aliases     []Alias       `json:"aliases,omitempty"`
	Roles       []string      `json:"roles,omitempty"`
	PartOf      *OrgRef       `json:"part_of,omitempty"`
	Merges      []MergeReason `json:"merges,omitempty"`
}

// OrgRef is a short reference to an organization, as it appears inside a
// contract.
type OrgRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// OrgInput is an organization as a source describes it, before resolution.
type OrgInput struct {
	Name        string
	Kind        OrgKind
	Country     string
	Identifiers []Identifier
	Roles       []string
	Source      string // e.g. "ocds:ocds-b5fd17-123" or "usaspending:file.csv:12"
}
