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

// way is one way an organization is reached, before it becomes a term.
type way struct {
	side string
	term *ast.Term
}

var (
	emptyArray  = ast.ArrayTerm()
	asAParty    = str("as a party")
	kindPath    = str(probity.RefPath)
	kindFinding = str(probity.RefFinding)
)

// derived returns the value of input.derived for in, sharing the terms of
// the hits built for the input itself (hits, in input order):
//
//	{"findings": [{"id", "org_id", "category", "status", "severity",
//	               "label", "ref", "established", "serious", "ways"}],
//	 "hits": [{"hit", "label", "client"}]}
//
// with one entry per finding or hit on an organization the contract
// reaches, in input order, and for each the ways it is reached: first as a
// party, once per role, then through each exposure path, once per role of
// the party it starts from — the order in which the default policy's own
// computation lists them.
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
			ways = append(ways, way{side, ast.ObjectTerm(
				item("side", str(side)),
				item("from", from),
				item("role", str(role)),
				item("via", asAParty),
				item("refs", emptyArray),
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
		var via, refs, id, from *ast.Term
		for _, role := range x.Roles {
			side, ok := roleSide[role]
			if !ok {
				continue
			}
			if leaves && side == "client" {
				side = "related"
			}
			if via == nil {
				via = ast.StringTerm("via " + strings.Join(x.Kinds, " > ") + " from party " + strconv.FormatInt(x.From, 10))
				id = str(x.ID)
				refs = ast.ArrayTerm(ast.ObjectTerm(item("kind", kindPath), item("id", id)))
				from = intTerm(x.From)
			}
			ways = append(ways, way{side, ast.ObjectTerm(
				item("side", str(side)),
				item("from", from),
				item("role", str(role)),
				item("path", id),
				item("via", via),
				item("refs", refs),
			)})
		}
		wanted[x.To] = ways
	}
	// One array term per organization, shared by all its findings.
	waysTerms := make(map[int64]*ast.Term, len(wanted))
	client := make(map[int64]bool, len(wanted))
	for org, ways := range wanted {
		if len(ways) == 0 {
			continue
		}
		terms := make([]*ast.Term, len(ways))
		for i, w := range ways {
			terms[i] = w.term
			if w.side == "client" {
				client[org] = true
			}
		}
		waysTerms[org] = ast.ArrayTerm(terms...)
	}
	findings := make([]*ast.Term, 0, len(in.Findings))
	for _, f := range in.Findings {
		ways, ok := waysTerms[f.OrgID]
		if !ok {
			continue
		}
		findings = append(findings, ast.ObjectTerm(
			item("id", intTerm(f.ID)),
			item("org_id", intTerm(f.OrgID)),
			item("category", str(f.Category)),
			item("status", str(f.Status)),
			item("severity", str(f.Severity)),
			item("label", ast.StringTerm(orgLabel(f.OrgName, f.OrgID))),
			item("ref", ast.ObjectTerm(item("kind", kindFinding), item("id", ast.StringTerm(strconv.FormatInt(f.ID, 10))))),
			item("established", ast.InternedTerm(established(f.Status))),
			item("serious", ast.InternedTerm(serious(f.Severity))),
			item("ways", ways),
		))
	}
	hits := make([]*ast.Term, 0, len(in.Screening))
	for i, h := range in.Screening {
		if _, ok := waysTerms[h.OrgID]; !ok {
			continue
		}
		hits = append(hits, ast.ObjectTerm(
			item("hit", hitTerms[i]),
			item("label", ast.StringTerm(orgLabel(h.OrgName, h.OrgID))),
			item("client", ast.InternedTerm(client[h.OrgID])),
		))
	}
	return ast.ObjectTerm(
		item("findings", ast.ArrayTerm(findings...)),
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
