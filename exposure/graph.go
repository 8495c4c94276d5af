package exposure

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/probity/probity"
)

// Step kinds, as they appear in Path.Kinds (see the package documentation
// for their direction).
const (
	StepPartOf        = "part_of"
	StepSubsidiaryOf  = "subsidiary_of"
	StepParentOf      = "parent_of"
	StepResellerFor   = "reseller_for"
	StepEndUser       = "end_user"
	StepSupports      = "supports"
	StepSubcontractor = "subcontractor"
)

// Party roles.
const (
	RoleBuyer         = "buyer"
	RoleSupplier      = "supplier"
	RoleSubcontractor = "subcontractor"
	RoleEndUser       = "end_user"
)

// stepKinds is indexed by step code; codes order kinds for the walk, steps
// within the client (part_of, end_user) first.
var stepKinds = []string{StepPartOf, StepEndUser, StepSubsidiaryOf, StepParentOf, StepResellerFor, StepSubcontractor, StepSupports}

// clientSteps is the mask of the steps that stay within the client.
const clientSteps = 1<<0 | 1<<1

const allSteps = 1<<8 - 1

func stepCode(kind string) uint8 { return uint8(slices.Index(stepKinds, kind)) }

type edge struct {
	to   int32
	kind uint8
}

type party struct {
	node  int32
	roles []string // sorted, unique
}

// Graph holds organizations, the steps between them and contract parties.
type Graph struct {
	index     map[int64]int32 // org id → node
	ids       []int64         // node → org id
	out       [][]edge        // steps from a node, sorted by (kind, org id)
	in        [][]edge        // steps into a node
	contract  map[string]int32
	cids      []string
	parties   [][]party // per contract, sorted by org id
	partyOf   [][]int32 // per node, contracts it is a party of
	edgeCount int
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{index: map[int64]int32{}, contract: map[string]int32{}}
}

func (g *Graph) node(id int64) int32 {
	if n, ok := g.index[id]; ok {
		return n
	}
	n := int32(len(g.ids))
	g.index[id] = n
	g.ids = append(g.ids, id)
	g.out = append(g.out, nil)
	g.in = append(g.in, nil)
	g.partyOf = append(g.partyOf, nil)
	return n
}

func (g *Graph) contractNode(id string) int32 {
	if c, ok := g.contract[id]; ok {
		return c
	}
	c := int32(len(g.cids))
	g.contract[id] = c
	g.cids = append(g.cids, id)
	g.parties = append(g.parties, nil)
	return c
}

// compareEdge orders steps by kind, then by organization id.
func (g *Graph) compareEdge(a, b edge) int {
	return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(g.ids[a.to], g.ids[b.to]))
}

// addStep adds the step from → to unless present.
func (g *Graph) addStep(from, to int64, kind string) {
	if from == to {
		return
	}
	f, t := g.node(from), g.node(to)
	e := edge{to: t, kind: stepCode(kind)}
	i, found := slices.BinarySearchFunc(g.out[f], e, g.compareEdge)
	if found {
		return
	}
	g.out[f] = slices.Insert(g.out[f], i, e)
	g.in[t] = append(g.in[t], edge{to: f, kind: e.kind})
	g.edgeCount++
}

// AddRelationship adds a relationship: its step(s) between organizations,
// or, for subcontractor_on and end_user_of with a contract id, a party of
// that contract. Unknown kinds and missing ends are refused.
func (g *Graph) AddRelationship(r probity.Relationship) error {
	bad := func(field, reason string) error {
		return &probity.InputError{File: fmt.Sprintf("relationship %d", r.ID), Field: field, Reason: reason}
	}
	if r.From == 0 {
		return bad("from", "is required")
	}
	if r.ContractID != "" {
		switch r.Kind {
		case probity.RelSubcontractorOn:
			return g.AddParty(r.ContractID, r.From, RoleSubcontractor)
		case probity.RelEndUserOf:
			return g.AddParty(r.ContractID, r.From, RoleEndUser)
		}
		return bad("contract_id", "only subcontractor_on and end_user_of relate an organization to a contract")
	}
	if r.To == 0 {
		return bad("to", "is required")
	}
	switch r.Kind {
	case probity.RelPartOf:
		g.addStep(r.From, r.To, StepPartOf)
	case probity.RelSubsidiaryOf:
		g.addStep(r.From, r.To, StepSubsidiaryOf)
		g.addStep(r.To, r.From, StepParentOf)
	case probity.RelResellerFor:
		g.addStep(r.From, r.To, StepResellerFor)
	case probity.RelEndUserOf:
		g.addStep(r.To, r.From, StepEndUser)
	case probity.RelSupports:
		g.addStep(r.From, r.To, StepSupports)
	case probity.RelSubcontractorOn:
		g.addStep(r.To, r.From, StepSubcontractor)
	default:
		return bad("kind", fmt.Sprintf("unknown relationship kind %q", r.Kind))
	}
	return nil
}

// AddContract adds a contract's buyer (role buyer), suppliers (supplier) and
// subcontractors (subcontractor) as its parties.
func (g *Graph) AddContract(c probity.Contract) {
	g.contractNode(c.ID)
	if c.Buyer != nil && c.Buyer.ID != 0 {
		_ = g.AddParty(c.ID, c.Buyer.ID, RoleBuyer)
	}
	for _, s := range c.Suppliers {
		if s.ID != 0 {
			_ = g.AddParty(c.ID, s.ID, RoleSupplier)
		}
	}
	for _, s := range c.Subcontractors {
		if s.ID != 0 {
			_ = g.AddParty(c.ID, s.ID, RoleSubcontractor)
		}
	}
}

// AddParty records that an organization has a role in a contract.
func (g *Graph) AddParty(contractID string, orgID int64, role string) error {
	switch role {
	case RoleBuyer, RoleSupplier, RoleSubcontractor, RoleEndUser:
	default:
		return &probity.InputError{File: "contract " + contractID, Field: "role", Reason: fmt.Sprintf("unknown party role %q", role)}
	}
	if contractID == "" || orgID == 0 {
		return &probity.InputError{File: "contract " + contractID, Field: "party", Reason: "contract id and organization id are required"}
	}
	c, n := g.contractNode(contractID), g.node(orgID)
	ps := g.parties[c]
	i, found := slices.BinarySearchFunc(ps, orgID, func(p party, id int64) int { return cmp.Compare(g.ids[p.node], id) })
	if !found {
		ps = slices.Insert(ps, i, party{node: n})
		g.partyOf[n] = append(g.partyOf[n], c)
	}
	if j, ok := slices.BinarySearch(ps[i].roles, role); !ok {
		ps[i].roles = slices.Insert(ps[i].roles, j, role)
	}
	g.parties[c] = ps
	return nil
}

// Size returns the number of organizations, steps and contracts.
func (g *Graph) Size() (orgs, steps, contracts int) { return len(g.ids), g.edgeCount, len(g.cids) }

// Contracts returns the ids of all contracts, sorted.
func (g *Graph) Contracts() []string {
	ids := slices.Clone(g.cids)
	slices.Sort(ids)
	return ids
}

// Path is how a contract reaches a flagged organization: from a party
// (From, with its Roles in the contract) to To through Nodes (From first, To
// last); Kinds[i] is the step from Nodes[i] to Nodes[i+1]. ID is the node
// ids joined by ">", unique within a contract.
type Path struct {
	ID    string   `json:"id"`
	From  int64    `json:"from"`
	Roles []string `json:"roles"`
	To    int64    `json:"to"`
	Kinds []string `json:"kinds"`
	Nodes []int64  `json:"nodes"`
	Depth int      `json:"depth"`
}

// Exposure returns the paths by which a contract reaches flagged
// organizations within maxDepth steps (nil for an unknown contract).
func (g *Graph) Exposure(contractID string, flagged map[int64]bool, maxDepth int) []Path {
	c, ok := g.contract[contractID]
	if !ok || maxDepth < 1 || len(flagged) == 0 {
		return nil
	}
	var paths []Path
	w := walker{g: g, prev: map[int32]edge{}}
	for _, p := range g.parties[c] {
		start := len(paths)
		paths = w.from(p, flagged, maxDepth, allSteps, paths)
		shortest := map[int64]string{}
		for _, x := range paths[start:] {
			shortest[x.To] = x.ID
		}
		for _, x := range w.from(p, flagged, maxDepth, clientSteps, nil) {
			if shortest[x.To] != x.ID {
				paths = append(paths, x)
			}
		}
	}
	slices.SortFunc(paths, func(a, b Path) int {
		return cmp.Or(cmp.Compare(a.Depth, b.Depth), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.ID, b.ID))
	})
	return paths
}

// walker holds the scratch space of breadth-first walks.
type walker struct {
	g          *Graph
	prev       map[int32]edge // node → (previous node, kind of the step into it)
	level, nxt []int32
}

// from walks from party p over the steps whose bit is set in mask.
func (w *walker) from(p party, flagged map[int64]bool, maxDepth int, mask uint8, paths []Path) []Path {
	g := w.g
	clear(w.prev)
	w.prev[p.node] = edge{to: -1}
	w.level = append(w.level[:0], p.node)
	for depth := 1; depth <= maxDepth && len(w.level) > 0; depth++ {
		w.nxt = w.nxt[:0]
		for _, n := range w.level {
			for _, e := range g.out[n] {
				if mask&(1<<e.kind) == 0 {
					continue
				}
				if _, seen := w.prev[e.to]; seen {
					continue
				}
				w.prev[e.to] = edge{to: n, kind: e.kind}
				w.nxt = append(w.nxt, e.to)
				if flagged[g.ids[e.to]] {
					paths = append(paths, w.path(p, e.to, depth))
				}
			}
		}
		w.level, w.nxt = w.nxt, w.level
	}
	return paths
}

func (w *walker) path(p party, to int32, depth int) Path {
	g := w.g
	nodes := make([]int64, depth+1)
	kinds := make([]string, depth)
	n := to
	for i := depth; i > 0; i-- {
		e := w.prev[n]
		nodes[i] = g.ids[n]
		kinds[i-1] = stepKinds[e.kind]
		n = e.to
	}
	nodes[0] = g.ids[n]
	var id strings.Builder
	for i, x := range nodes {
		if i > 0 {
			id.WriteByte('>')
		}
		id.WriteString(strconv.FormatInt(x, 10))
	}
	return Path{ID: id.String(), From: nodes[0], Roles: slices.Clone(p.roles), To: nodes[depth], Kinds: kinds, Nodes: nodes, Depth: depth}
}

// AffectedContracts returns, sorted, the contracts that can reach any of the
// given organizations within maxDepth steps, including those where one of
// them is a party: the contracts to re-decide when a finding or a screening
// hit on those organizations changes.
func (g *Graph) AffectedContracts(maxDepth int, orgIDs ...int64) []string {
	seen := map[int32]bool{}
	var level, next []int32
	for _, id := range orgIDs {
		if n, ok := g.index[id]; ok && !seen[n] {
			seen[n] = true
			level = append(level, n)
		}
	}
	for depth := 1; depth <= maxDepth && len(level) > 0; depth++ {
		next = next[:0]
		for _, n := range level {
			for _, e := range g.in[n] {
				if !seen[e.to] {
					seen[e.to] = true
					next = append(next, e.to)
				}
			}
		}
		level, next = next, level
	}
	hit := map[int32]bool{}
	var out []string
	for n := range seen {
		for _, c := range g.partyOf[n] {
			if !hit[c] {
				hit[c] = true
				out = append(out, g.cids[c])
			}
		}
	}
	slices.Sort(out)
	return out
}

// AffectedByRelationship returns the contracts whose exposure a change to r
// (adding or removing it) can alter within maxDepth: for a party
// relationship, its contract; otherwise every contract that reaches either
// end. Call it after adding r, or before removing it.
func (g *Graph) AffectedByRelationship(r probity.Relationship, maxDepth int) []string {
	if r.ContractID != "" {
		return []string{r.ContractID}
	}
	return g.AffectedContracts(maxDepth, r.From, r.To)
}
