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

// way is one way an organization is reached: its term (side, from, role,
// path, via) and, when through a path, the path's reference.
type way struct {
	side    string
	via     string
	term    *ast.Term
	pathRef *ast.Term
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
	asAParty    = str("as a party")
	kindPath    = str(probity.RefPath)
	kindFinding = str(probity.RefFinding)
)

// derived returns the value of input.derived for in, sharing the terms of
// the hits built for the input itself (hits, in input order):
//
//	{"findings": {"client": [reach], "contractor": [reach], "related": [reach]},
//	 "hits": [{"hit", "label", "client"}]}
//	reach: {"finding": {"id", "category", "status", "severity", "label", "established", "serious"},
//	        "way": {"side", "from", "role", "path", "via"},
//	        "refs": [finding ref, path ref], "text"}
//
// There is one reach for each finding on an organization the contract
// reaches and each way it is reached, filed under the way's side: findings
// in input order, and for each first its organization as a party (once per
// role), then through each exposure path (once per role of the party it
// starts from) — the order in which the default policy's own computation
// lists them. text is the finding and the way in words: "LABEL has a STATUS
// finding of CATEGORY (severity SEVERITY), reached VIA". The finding and way
// objects are shared between reaches. hits has one entry per hit on a
// reached organization, in input order.
func (in Input) derived(hitTerms []*ast.Term) *ast.Term {
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
		from := intTerm(p.OrgID)
		for _, role := range p.Roles {
			side, ok := roleSide[role]
			if !ok {
				continue
			}
			ways = append(ways, way{side: side, via: "as a party", term: ast.ObjectTerm(
				item("side", str(side)),
				item("from", from),
				item("role", str(role)),
				item("via", asAParty),
			)})
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
		var via, ref, id, from *ast.Term
		var viaText string
		for _, role := range x.Roles {
			side, ok := roleSide[role]
			if !ok {
				continue
			}
			if leaves && side == "client" {
				side = "related"
			}
			if via == nil {
				viaText = "via " + strings.Join(x.Kinds, " > ") + " from party " + strconv.FormatInt(x.From, 10)
				via = ast.StringTerm(viaText)
				id = str(x.ID)
				ref = ast.ObjectTerm(item("kind", kindPath), item("id", id))
				from = intTerm(x.From)
			}
			ways = append(ways, way{side: side, via: viaText, pathRef: ref, term: ast.ObjectTerm(
				item("side", str(side)),
				item("from", from),
				item("role", str(role)),
				item("path", id),
				item("via", via),
			)})
		}
		wanted[x.To] = ways
	}
	var bySide [3][]*ast.Term // client, contractor, related
	for _, f := range in.Findings {
		ways := wanted[f.OrgID]
		if len(ways) == 0 {
			continue
		}
		label := orgLabel(f.OrgName, f.OrgID)
		finding := ast.ObjectTerm(
			item("id", intTerm(f.ID)),
			item("category", str(f.Category)),
			item("status", str(f.Status)),
			item("severity", str(f.Severity)),
			item("label", ast.StringTerm(label)),
			item("established", ast.InternedTerm(established(f.Status))),
			item("serious", ast.InternedTerm(serious(f.Severity))),
		)
		text := label + " has a " + f.Status + " finding of " + f.Category + " (severity " + f.Severity + "), reached "
		ref := ast.ObjectTerm(item("kind", kindFinding), item("id", ast.StringTerm(strconv.FormatInt(f.ID, 10))))
		for _, w := range ways {
			refs := ast.ArrayTerm(ref)
			if w.pathRef != nil {
				refs = ast.ArrayTerm(ref, w.pathRef)
			}
			i := sideIndex(w.side)
			bySide[i] = append(bySide[i], ast.ObjectTerm(
				item("finding", finding),
				item("way", w.term),
				item("refs", refs),
				item("text", ast.StringTerm(text+w.via)),
			))
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
		hits = append(hits, ast.ObjectTerm(
			item("hit", hitTerms[i]),
			item("label", ast.StringTerm(orgLabel(h.OrgName, h.OrgID))),
			item("client", ast.InternedTerm(client)),
		))
	}
	return ast.ObjectTerm(
		item("findings", ast.ObjectTerm(
			item("client", ast.ArrayTerm(bySide[0]...)),
			item("contractor", ast.ArrayTerm(bySide[1]...)),
			item("related", ast.ArrayTerm(bySide[2]...)),
		)),
		item("hits", ast.ArrayTerm(hits...)),
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
