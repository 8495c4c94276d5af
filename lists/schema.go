package lists

import "strings"

// screenable lists the FollowTheMoney "thing" schemas a list entry may have:
// the ones a counterparty can be screened against.
var screenable = []string{"Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel", "Airplane"}

// Schema returns the canonical spelling of a screenable FtM schema name
// (case-insensitive), and false for any other schema.
func Schema(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, k := range screenable {
		if strings.EqualFold(k, s) {
			return k, true
		}
	}
	return "", false
}
