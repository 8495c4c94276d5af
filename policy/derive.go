package policy

import (
	"slices"
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
// What is derived rests on definitions that belong to the policy: the side
// each party role is on, which steps stay within the client, the side a
// path reaches, which statuses are established and which severities
// serious. The derived field states them (basis), and the default policy
// uses the field only when they equal its own, so that a policy edited from
// it — say, to count medium severity as serious — falls back to deriving
// with its own definitions rather than silently using these.

// roleSide is the side of the contract each party role is on.
var roleSide = map[string]string{
	RoleBuyer:         "client",
	RoleEndUser:       "client",
	RoleSupplier:      "contractor",
	RoleSubcontractor: "contractor",
}

// clientChainKinds are the path steps that stay within the client: into what
// it is part of, and from a reseller to its end user.
var clientChainKinds = []string{probity.RelPartOf, "end_user"}

var establishedStatuses = []string{probity.FindingSubstantiated, probity.FindingAdjudicated}

var seriousSeverities = []string{probity.SeverityHigh, probity.SeverityCritical}

func stepStaysInClient(kind string) bool { return slices.Contains(clientChainKinds, kind) }

func established(status string) bool { return slices.Contains(establishedStatuses, status) }

func serious(severity string) bool { return slices.Contains(seriousSeverities, severity) }

// pathSide is the side a path reaches, from the side of the party it starts
// from and whether any step leaves the client chain.
func pathSide(start string, leaves bool) string {
	if leaves && start == "client" {
		return "related"
	}
	return start
}

// basis states the definitions above as the default policy writes them
// (rule derivation): role_side, client_chain_kinds, path_side,
// established_statuses and serious_severities.
var basis = func() *ast.Term {
	sides := make([][2]*ast.Term, 0, len(roleSide))
	for role, side := range roleSide {
		sides = append(sides, [2]*ast.Term{ast.StringTerm(role), ast.StringTerm(side)})
	}
	set := func(s []string) *ast.Term {
		ts := make([]*ast.Term, len(s))
		for i, v := range s {
			ts[i] = ast.StringTerm(v)
		}
		return ast.SetTerm(ts...)
	}
	paths := make([][2]*ast.Term, 0, 2)
	for _, start := range []string{"client", "contractor"} {
		paths = append(paths, [2]*ast.Term{ast.StringTerm(start), ast.ObjectTerm(
			[2]*ast.Term{ast.BooleanTerm(false), ast.StringTerm(pathSide(start, false))},
			[2]*ast.Term{ast.BooleanTerm(true), ast.StringTerm(pathSide(start, true))},
		)})
	}
	return ast.ObjectTerm(
		[2]*ast.Term{ast.StringTerm("role_side"), ast.ObjectTerm(sides...)},
		[2]*ast.Term{ast.StringTerm("client_chain_kinds"), set(clientChainKinds)},
		[2]*ast.Term{ast.StringTerm("path_side"), ast.ObjectTerm(paths...)},
		[2]*ast.Term{ast.StringTerm("established_statuses"), set(establishedStatuses)},
		[2]*ast.Term{ast.StringTerm("serious_severities"), set(seriousSeverities)},
	)
}()

// way is one way an organization is reached: the side, the party it starts
// from, the path (nil when reached as a party) and the words for it.
type way struct {
	to      int64 // the organization reached
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
	nullTerm    = ast.NullTerm()
	kindPath    = str(probity.RefPath)
	kindFinding = str(probity.RefFinding)
)

// derived returns the value of input.derived for in, sharing the terms of
// the hits built for the input itself (hitTerms, in input order):
//
//	{"basis": the definitions (see basis),
//	 "findings": {"client": [reach], "contractor": [reach], "related": [reach]},
//	 "hits": [{"hit", "label", "client"}]}
//	reach: [finding id, severity, established, serious, from, path, refs, text]
//
// There is one reach for each finding on an organization the contract
// reaches and each way it is reached, filed under the way's side: findings
// in input order, and for each first its organization as a party (once per
// role), then through each exposure path (once per role of the party it
// starts from) — the order in which the default policy's own computation
// lists them. A reach is a tuple (Rego destructures it in one step, cheaper
// than reading an object's fields one by one): the finding's id and
// severity, whether it is established and serious, the party the way starts
// from, the path's id (null when reached as a party), the references a
// reason gives, and the finding and way in words: "LABEL has a STATUS
// finding of CATEGORY (severity SEVERITY), reached VIA". hits has one entry
// per hit on a reached organization, in input order.
func (in Input) derived(t *terms, hitTerms []*ast.Term) *ast.Term {
	// Every way anything is reached, parties first, in input order; a
	// finding or hit takes those to its organization (inputs are small, so
	// a scan is cheaper than an index).
	ways := make([]way, 0, len(in.Parties)+len(in.Exposure))
	for _, p := range in.Parties {
		from := t.int(p.OrgID)
		for _, role := range p.Roles {
			if side, ok := roleSide[role]; ok {
				ways = append(ways, way{to: p.OrgID, side: side, via: "as a party", from: from})
			}
		}
	}
	for _, x := range in.Exposure {
		leaves := false
		for _, k := range x.Kinds {
			if !stepStaysInClient(k) {
				leaves = true
				break
			}
		}
		w := way{to: x.To}
		for _, role := range x.Roles {
			side, ok := roleSide[role]
			if !ok {
				continue
			}
			if w.from == nil {
				w.via = "via " + strings.Join(x.Kinds, " > ") + " from party " + strconv.FormatInt(x.From, 10)
				w.from = t.int(x.From)
				w.path = t.str(x.ID)
				w.pathRef = t.object(item("kind", kindPath), item("id", w.path))
			}
			w.side = pathSide(side, leaves)
			ways = append(ways, w)
		}
	}
	var bySide [3][]*ast.Term // client, contractor, related
	for i := range bySide {
		bySide[i] = make([]*ast.Term, 0, len(in.Findings))
	}
	for _, f := range in.Findings {
		var id, severity, est, ser, ref *ast.Term
		var text string
		for _, w := range ways {
			if w.to != f.OrgID {
				continue
			}
			if ref == nil {
				id, severity = t.int(f.ID), t.str(f.Severity)
				est, ser = ast.InternedTerm(established(f.Status)), ast.InternedTerm(serious(f.Severity))
				text = orgLabel(f.OrgName, f.OrgID) + " has a " + f.Status + " finding of " + f.Category + " (severity " + f.Severity + "), reached "
				ref = t.object(item("kind", kindFinding), item("id", t.new(ast.String(strconv.FormatInt(f.ID, 10)))))
			}
			refs, path := t.array(ref), nullTerm
			if w.path != nil {
				refs, path = t.array(ref, w.pathRef), w.path
			}
			reach := t.array(id, severity, est, ser, w.from, path, refs, t.new(ast.String(text+w.via)))
			i := sideIndex(w.side)
			bySide[i] = append(bySide[i], reach)
		}
	}
	hits := make([]*ast.Term, 0, len(in.Screening))
	for i, h := range in.Screening {
		reached, client := false, false
		for _, w := range ways {
			if w.to == h.OrgID {
				reached, client = true, client || w.side == "client"
			}
		}
		if !reached {
			continue
		}
		hits = append(hits, t.object(
			item("hit", hitTerms[i]),
			item("label", t.new(ast.String(orgLabel(h.OrgName, h.OrgID)))),
			item("client", ast.InternedTerm(client)),
		))
	}
	return t.object(
		item("basis", basis),
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
