package exposure

import "slices"

// Party is an organization with its roles in one contract.
type Party struct {
	OrgID int64    `json:"org_id"`
	Roles []string `json:"roles"`
}

// Parties returns the parties of a contract (nil for an unknown contract),
// ordered by organization id.
func (g *Graph) Parties(contractID string) []Party {
	c, ok := g.contract[contractID]
	if !ok {
		return nil
	}
	out := make([]Party, 0, len(g.parties[c]))
	for _, p := range g.parties[c] {
		out = append(out, Party{OrgID: g.ids[p.node], Roles: slices.Clone(p.roles)})
	}
	return out
}
