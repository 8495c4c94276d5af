package probity

// Relationship kinds.
const (
	RelPartOf          = "part_of"
	RelSubsidiaryOf    = "subsidiary_of"
	RelResellerFor     = "reseller_for"
	RelSubcontractorOn = "subcontractor_on"
	RelEndUserOf       = "end_user_of"
	RelSupports        = "supports"
)

// Relationship is a directed edge between two organizations, or between an
// organization and a contract for subcontractor_on and end_user_of.
type Relationship struct {
	ID         int64  `json:"id"`
	From       int64  `json:"from"`
	To         int64  `json:"to,omitempty"`
	ContractID string `json:"contract_id,omitempty"`
	Kind       string `json:"kind"`
	Source     string `json:"source"`
	Start      string `json:"start,omitempty"`
	End        string `json:"end,omitempty"`
}
