package probity

import "encoding/json"

// Release is one OCDS release, kept verbatim as it was read. Releases are
// deduplicated on (OCID, ID, Date).
type Release struct {
	OCID    string          `json:"ocid"`
	ID      string          `json:"id"`
	Date    string          `json:"date"`
	Version string          `json:"version"` // OCDS version of the package: "1.0" or "1.1"
	Raw     json.RawMessage `json:"-"`       // the release JSON exactly as read
	Source  string          `json:"source"`  // file:record where it was read
}
