package probity

// Contract statuses, after the OCDS contract status codelist plus "planned".
const (
	StatusPlanned    = "planned"
	StatusActive     = "active"
	StatusCompleted  = "completed"
	StatusTerminated = "terminated"
	StatusCancelled  = "cancelled"
	StatusUnknown    = "unknown"
)

// Value is an amount of money.
type Value struct {
	Amount   float64 `json:"amount"`
	Currency string  `json:"currency"`
}

// Period is a date range; dates are ISO 8601 strings as the source gave them,
// normalised to YYYY-MM-DD where the source allowed.
type Period struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// Contract is a contract, or a contracting process, with a government body.
type Contract struct {
	ID              string   `json:"id"` // OCDS ocid, or the source's award key
	Title           string   `json:"title"`
	Description     string   `json:"description,omitempty"`
	Status          string   `json:"status"`
	Buyer           *OrgRef  `json:"buyer"`
	Suppliers       []OrgRef `json:"suppliers"`
	Subcontractors  []OrgRef `json:"subcontractors,omitempty"`
	Value           *Value   `json:"value"`     // current value; nil when unknown (JSON null, never 0)
	Obligated       *Value   `json:"obligated"` // amount obligated so far, where the source has it
	Potential       *Value   `json:"potential"` // potential value with all options, where the source has it
	Period          Period   `json:"period"`
	Source          string   `json:"source"`                     // "ocds" or "usaspending"
	SourceFiles     []string `json:"source_files,omitempty"`     // where it was read
	SourceReference string   `json:"source_reference,omitempty"` // PIID, award id, ...
}
