package policy

import (
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/probity/probity"
)

// The derived field (input.derived, documented in input.schema.json) is the
// join of findings and hits to what the contract reaches, computed here
// before evaluation because OPA evaluates such a join several times slower
// than Go does. Callers never send it: Input has no such field, so a
// recorded or parsed input never carries one, and Engine.Decide always adds
// a fresh one. A policy may ignore it; the default policy uses it when
// present and otherwise computes exactly the same value itself (rule
// data.probity.derived), so that Rego tests and `opa eval` on a recorded
// input, which lack it, decide the same.
//
// What is derived mirrors the default policy's definitions, and the two are
// tested against each other (derive_test.go): the side each party role is
// on, which steps stay within the client, which statuses are established
// and which severities serious.

// roleSide is the side of the contract each party role is on.
var roleSide = map[string]string{
	RoleBuyer:         "client",
	RoleEndUser:       "client",
	RoleSupplier:      "contractor",
	RoleSubcontractor: "contractor",
}

// stepStaysInClient reports whether a path step stays within the client:
// into what it is part of, or from a reseller to its end user.
func stepStaysInClient(kind string) bool { return kind == probity.RelPartOf || kind == "end_user" }

func established(status string) bool {
	return status == probity.FindingSubstantiated || status == probity.FindingAdjudicated
}

func serious(severity string) bool {
	return severity == probity.SeverityHigh || severity == probity.SeverityCritical
}

// way is one way an organization is reached: the side, the party it starts
// from, the path (nil when reached as a party) and the words for it.
type way struct {
	side    string
	via     string
	from    *ast.Term
	path    *ast.Term // the path's id
	pathRef *ast.Term // {"kind": "path", "id": path}
}

func sideIndex(side string) int {
	switch side {
	case "client":
		return 0
	case "contractor":
		return 1
	}
	return 2
}

var (
	kindPath    = str(probity.RefPath)
	kindFinding = str(probity.RefFinding)
)

// derived returns the value of input.derived for in, sharing the terms of
// the hits built for the input itself (hitTerms, in input order):
//
//	{"findings": {"client": [reach], "contractor": [reach], "related": [reach]},
//	 "hits": [{"hit", "label", "client"}]}
//	reach: {"finding", "severity", "established", "serious", "from", "path", "refs", "text"}
//
// There is one reach for each finding on an organization the contract
// reaches and each way it is reached, filed under the way's side: findings
// in input order, and for each first its organization as a party (once per
// role), then through each exposure path (once per role of the party it
// starts from) — the order in which the default policy's own computation
// lists them. A reach names the finding (its id), its severity and whether
// it is established and serious, the party the way starts from and the path
// (absent when reached as a party), the references a reason gives, and the
// finding and way in words: "LABEL has a STATUS finding of CATEGORY
// (severity SEVERITY), reached VIA". hits has one entry per hit on a reached
// organization, in input order.
func (in Input) derived(t *terms, hitTerms []*ast.Term) *ast.Term {
	// Only organizations with findings or hits need their ways.
	wanted := make(map[int64][]way, len(in.Findings)+len(in.Screening))
	for _, f := range in.Findings {
		wanted[f.OrgID] = nil
	}
	for _, h := range in.Screening {
		wanted[h.OrgID] = nil
	}
	for _, p := range in.Parties {
		ways, ok := wanted[p.OrgID]
		if !ok {
			continue
		}
		from := t.int(p.OrgID)
		for _, role := range p.Roles {
			if side, ok := roleSide[role]; ok {
				ways = append(ways, way{side: side, via: "as a party", from: from})
			}
		}
		wanted[p.OrgID] = ways
	}
	for _, x := range in.Exposure {
		ways, ok := wanted[x.To]
		if !ok {
			continue
		}
		leaves := false
		for _, k := range x.Kinds {
			if !stepStaysInClient(k) {
				leaves = true
				break
			}
		}
		var w way
		for _, role := range x.Roles {
			side, ok := roleSide[role]
			if !ok {
				continue
			}
			if leaves && side == "client" {
				side = "related"
			}
			if w.from == nil {
				w.via = "via " + strings.Join(x.Kinds, " > ") + " from party " + strconv.FormatInt(x.From, 10)
				w.from = t.int(x.From)
				w.path = t.str(x.ID)
				w.pathRef = t.object(item("kind", kindPath), item("id", w.path))
			}
			w.side = side
			ways = append(ways, w)
		}
		wanted[x.To] = ways
	}
	var bySide [3][]*ast.Term // client, contractor, related
	for i := range bySide {
		bySide[i] = make([]*ast.Term, 0, len(in.Findings))
	}
	for _, f := range in.Findings {
		ways := wanted[f.OrgID]
		if len(ways) == 0 {
			continue
		}
		id, severity := t.int(f.ID), t.str(f.Severity)
		est, ser := ast.InternedTerm(established(f.Status)), ast.InternedTerm(serious(f.Severity))
		text := orgLabel(f.OrgName, f.OrgID) + " has a " + f.Status + " finding of " + f.Category + " (severity " + f.Severity + "), reached "
		ref := t.object(item("kind", kindFinding), item("id", t.new(ast.String(strconv.FormatInt(f.ID, 10)))))
		for _, w := range ways {
			kv := make([][2]*ast.Term, 0, 8)
			kv = append(kv,
				item("finding", id),
				item("severity", severity),
				item("established", est),
				item("serious", ser),
				item("from", w.from),
			)
			if w.path != nil {
				kv = append(kv, item("path", w.path), item("refs", t.array(ref, w.pathRef)))
			} else {
				kv = append(kv, item("refs", t.array(ref)))
			}
			kv = append(kv, item("text", t.new(ast.String(text+w.via))))
			i := sideIndex(w.side)
			bySide[i] = append(bySide[i], t.object(kv...))
		}
	}
	hits := make([]*ast.Term, 0, len(in.Screening))
	for i, h := range in.Screening {
		ways := wanted[h.OrgID]
		if len(ways) == 0 {
			continue
		}
		client := false
		for _, w := range ways {
			client = client || w.side == "client"
		}
		hits = append(hits, t.object(
			item("hit", hitTerms[i]),
			item("label", t.new(ast.String(orgLabel(h.OrgName, h.OrgID)))),
			item("client", ast.InternedTerm(client)),
		))
	}
	return t.object(
		item("findings", t.object(
			item("client", t.array(bySide[0]...)),
			item("contractor", t.array(bySide[1]...)),
			item("related", t.array(bySide[2]...)),
		)),
		item("hits", t.array(hits...)),
	)
}

// orgLabel names an organization in messages: "Name (org 7)", or "org 7"
// without a name.
func orgLabel(name string, id int64) string {
	if name == "" {
		return "org " + strconv.FormatInt(id, 10)
	}
	return name + " (org " + strconv.FormatInt(id, 10) + ")"
}
