package policy

import (
	"encoding/json"
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/probity/probity"
)

// interned holds terms for the input's keys and for the codelists' values.
// OPA never modifies input terms, so one term can serve every evaluation;
// this halves the allocations of building an input.
var interned = func() map[string]*ast.Term {
	m := map[string]*ast.Term{}
	words := []string{
		"contract", "parties", "screening", "findings", "exposure",
		"id", "title", "status", "value", "amount", "currency",
		"org_id", "org_name", "name", "roles", "kind", "list", "source_id", "programs", "score", "match", "confirmed",
		"category", "severity", "legal_basis", "instrument", "article",
		"from", "to", "kinds", "nodes", "depth",
		RoleBuyer, RoleSupplier, RoleSubcontractor, RoleEndUser,
		probity.RelPartOf, probity.RelSubsidiaryOf, probity.RelResellerFor, probity.RelSubcontractorOn, probity.RelEndUserOf, probity.RelSupports,
		"parent_of", "end_user", "subcontractor",
		string(probity.KindGovernment), string(probity.KindCompany), string(probity.KindNGO), string(probity.KindPerson), string(probity.KindUnknown),
		"", "CRC", "ICCPR", "CAT", "GLOMAG",
	}
	words = append(words, probity.FindingCategories()...)
	words = append(words, probity.FindingStatuses()...)
	words = append(words, probity.Severities()...)
	for _, w := range words {
		m[w] = ast.StringTerm(w)
	}
	return m
}()

func str(s string) *ast.Term {
	if t, ok := interned[s]; ok {
		return t
	}
	return ast.StringTerm(s)
}

// Value returns the input as an OPA value, equal to what OPA would make of
// its JSON encoding (with nil lists as empty arrays), built directly rather
// than through a JSON round trip.
func (in Input) Value() ast.Value {
	parties := make([]*ast.Term, len(in.Parties))
	for i, p := range in.Parties {
		parties[i] = obj(
			"org_id", intTerm(p.OrgID),
			"name", str(p.Name),
			"roles", stringsTerm(p.Roles),
			"kind", str(p.Kind),
		)
	}
	hits := make([]*ast.Term, len(in.Screening))
	for i, h := range in.Screening {
		kv := []any{
			"id", str(h.ID),
			"org_id", intTerm(h.OrgID),
			"list", str(h.List),
			"source_id", str(h.SourceID),
			"programs", stringsTerm(h.Programs),
			"score", floatTerm(h.Score),
			"match", ast.InternedTerm(h.Match),
			"confirmed", ast.InternedTerm(h.Confirmed),
		}
		if h.OrgName != "" {
			kv = append(kv, "org_name", str(h.OrgName))
		}
		if h.Name != "" {
			kv = append(kv, "name", str(h.Name))
		}
		hits[i] = obj(kv...)
	}
	findings := make([]*ast.Term, len(in.Findings))
	for i, f := range in.Findings {
		bases := make([]*ast.Term, len(f.LegalBasis))
		for j, lb := range f.LegalBasis {
			if lb.Article == "" {
				bases[j] = obj("instrument", str(lb.Instrument))
			} else {
				bases[j] = obj("instrument", str(lb.Instrument), "article", str(lb.Article))
			}
		}
		kv := []any{
			"id", intTerm(f.ID),
			"org_id", intTerm(f.OrgID),
			"category", str(f.Category),
			"status", str(f.Status),
			"severity", str(f.Severity),
			"legal_basis", ast.ArrayTerm(bases...),
		}
		if f.OrgName != "" {
			kv = append(kv, "org_name", str(f.OrgName))
		}
		findings[i] = obj(kv...)
	}
	paths := make([]*ast.Term, len(in.Exposure))
	for i, p := range in.Exposure {
		nodes := make([]*ast.Term, len(p.Nodes))
		for j, n := range p.Nodes {
			nodes[j] = intTerm(n)
		}
		paths[i] = obj(
			"id", str(p.ID),
			"from", intTerm(p.From),
			"roles", stringsTerm(p.Roles),
			"to", intTerm(p.To),
			"kinds", stringsTerm(p.Kinds),
			"nodes", ast.ArrayTerm(nodes...),
			"depth", intTerm(int64(p.Depth)),
		)
	}
	contract := []any{
		"id", str(in.Contract.ID),
		"title", str(in.Contract.Title),
		"status", str(in.Contract.Status),
	}
	if v := in.Contract.Value; v != nil {
		contract = append(contract, "value", obj("amount", floatTerm(v.Amount), "currency", str(v.Currency)))
	}
	return obj(
		"contract", obj(contract...),
		"parties", ast.ArrayTerm(parties...),
		"screening", ast.ArrayTerm(hits...),
		"findings", ast.ArrayTerm(findings...),
		"exposure", ast.ArrayTerm(paths...),
	).Value
}

// obj builds an object from alternating keys (strings) and values (*ast.Term).
func obj(kv ...any) *ast.Term {
	items := make([][2]*ast.Term, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		items = append(items, [2]*ast.Term{str(kv[i].(string)), kv[i+1].(*ast.Term)})
	}
	return ast.ObjectTerm(items...)
}

func intTerm(i int64) *ast.Term {
	if i >= 0 && i <= 512 {
		return ast.InternedTerm(int(i))
	}
	return ast.NumberTerm(json.Number(strconv.FormatInt(i, 10)))
}

// floatTerm writes f as encoding/json would, so that the value equals the
// one parsed from the canonical JSON; non-finite numbers become 0 as there.
func floatTerm(f float64) *ast.Term {
	if !finite(f) {
		f = 0
	}
	b, _ := json.Marshal(f) // cannot fail for a finite float
	return ast.NumberTerm(json.Number(b))
}

func stringsTerm(s []string) *ast.Term {
	t := make([]*ast.Term, len(s))
	for i, v := range s {
		t[i] = str(v)
	}
	return ast.ArrayTerm(t...)
}
