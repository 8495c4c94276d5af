package policy

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"

	"github.com/probity/probity"
)

// Input is the decision input for one contract, as documented by
// input.schema.json: the contract, its parties, the screening hits and
// findings on the parties and on every organization reached from them, and
// the exposure paths that reach those organizations.
type Input struct {
	Contract  Contract  `json:"contract"`
	Parties   []Party   `json:"parties"`
	Screening []Hit     `json:"screening"`
	Findings  []Finding `json:"findings"`
	Exposure  []Path    `json:"exposure"`
}

// Contract is the contract a decision is about.
type Contract struct {
	ID     string         `json:"id"`
	Title  string         `json:"title"`
	Status string         `json:"status"`
	Value  *probity.Value `json:"value,omitempty"`
}

// Party is an organization with one or more roles in the contract: buyer,
// supplier, subcontractor or end_user.
type Party struct {
	OrgID int64    `json:"org_id"`
	Name  string   `json:"name"`
	Roles []string `json:"roles"`
	Kind  string   `json:"kind"` // probity.OrgKind
}

// Party roles.
const (
	RoleBuyer         = "buyer"
	RoleSupplier      = "supplier"
	RoleSubcontractor = "subcontractor"
	RoleEndUser       = "end_user"
)

// Hit is a screening result linking an organization to a watch-list entry.
// Match is the matcher's verdict; Confirmed is set once a reviewer has
// confirmed the match. ID is how reasons refer to the hit.
type Hit struct {
	ID        string   `json:"id"`
	OrgID     int64    `json:"org_id"`
	OrgName   string   `json:"org_name,omitempty"`
	List      string   `json:"list"`
	SourceID  string   `json:"source_id"`
	Name      string   `json:"name,omitempty"` // the listed name
	Programs  []string `json:"programs"`
	Score     float64  `json:"score"`
	Match     bool     `json:"match"`
	Confirmed bool     `json:"confirmed"`
}

// Finding is a finding as the policy sees it (see probity.Finding).
type Finding struct {
	ID         int64                `json:"id"`
	OrgID      int64                `json:"org_id"`
	OrgName    string               `json:"org_name,omitempty"`
	Category   string               `json:"category"`
	Status     string               `json:"status"`
	Severity   string               `json:"severity"`
	LegalBasis []probity.LegalBasis `json:"legal_basis"`
}

// Path is an exposure path from a party (From, with its Roles in the
// contract) to a flagged organization (To): Nodes are the organizations on
// the way, From first and To last; Kinds[i] is the kind of the step from
// Nodes[i] to Nodes[i+1]; Depth is len(Kinds). ID is how reasons refer to
// the path.
type Path struct {
	ID    string   `json:"id"`
	From  int64    `json:"from"`
	Roles []string `json:"roles"`
	To    int64    `json:"to"`
	Kinds []string `json:"kinds"`
	Nodes []int64  `json:"nodes"`
	Depth int      `json:"depth"`
}

// Normalize returns a copy of in with every list in a canonical order and
// no nil lists, so that inputs that differ only in order hash the same.
// The policy itself treats every list as a set.
func (in Input) Normalize() Input {
	out := Input{Contract: in.Contract}
	if in.Contract.Value != nil {
		v := *in.Contract.Value
		out.Contract.Value = &v
	}
	out.Parties = make([]Party, len(in.Parties))
	for i, p := range in.Parties {
		p.Roles = sortedCopy(p.Roles)
		out.Parties[i] = p
	}
	slices.SortFunc(out.Parties, func(a, b Party) int {
		return cmp.Or(cmp.Compare(a.OrgID, b.OrgID), cmp.Compare(a.Name, b.Name), slices.Compare(a.Roles, b.Roles), cmp.Compare(a.Kind, b.Kind))
	})
	out.Screening = make([]Hit, len(in.Screening))
	for i, h := range in.Screening {
		h.Programs = sortedCopy(h.Programs)
		out.Screening[i] = h
	}
	slices.SortFunc(out.Screening, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.OrgID, b.OrgID), cmp.Compare(a.List, b.List), cmp.Compare(a.SourceID, b.SourceID))
	})
	out.Findings = make([]Finding, len(in.Findings))
	for i, f := range in.Findings {
		f.LegalBasis = slices.Clone(f.LegalBasis)
		if f.LegalBasis == nil {
			f.LegalBasis = []probity.LegalBasis{}
		}
		slices.SortFunc(f.LegalBasis, func(a, b probity.LegalBasis) int {
			return cmp.Or(cmp.Compare(a.Instrument, b.Instrument), cmp.Compare(a.Article, b.Article))
		})
		out.Findings[i] = f
	}
	slices.SortFunc(out.Findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.OrgID, b.OrgID))
	})
	out.Exposure = make([]Path, len(in.Exposure))
	for i, p := range in.Exposure {
		p.Roles = sortedCopy(p.Roles)
		p.Kinds = slices.Clone(p.Kinds)
		p.Nodes = slices.Clone(p.Nodes)
		if p.Kinds == nil {
			p.Kinds = []string{}
		}
		if p.Nodes == nil {
			p.Nodes = []int64{}
		}
		out.Exposure[i] = p
	}
	slices.SortFunc(out.Exposure, func(a, b Path) int {
		return cmp.Or(cmp.Compare(a.Depth, b.Depth), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.ID, b.ID))
	})
	return out
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	if c == nil {
		return []string{}
	}
	slices.Sort(c)
	return c
}

// Canonical returns the canonical JSON of the input: the JSON encoding of
// in.Normalize() with fields in declaration (schema) order, no insignificant
// whitespace and no HTML escaping. It is what a decision records.
func (in Input) Canonical() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	// Encoding these plain types cannot fail except for NaN or ±Inf floats,
	// which the encoder refuses; they are replaced by 0 in Score and Amount.
	n := in.Normalize()
	for i := range n.Screening {
		if !finite(n.Screening[i].Score) {
			n.Screening[i].Score = 0
		}
	}
	if n.Contract.Value != nil && !finite(n.Contract.Value.Amount) {
		n.Contract.Value.Amount = 0
	}
	if err := enc.Encode(n); err != nil {
		panic("policy: encoding input: " + err.Error()) // unreachable: only finite numbers remain
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// Hash returns the hex SHA-256 of the canonical JSON of the input.
func (in Input) Hash() string {
	sum := sha256.Sum256(in.Canonical())
	return hex.EncodeToString(sum[:])
}

func finite(f float64) bool { return f == f && f-f == 0 }
