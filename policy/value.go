package policy

import (
	"encoding/json"
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/probity/probity"
)

// Value returns the input as an OPA value, equal to what OPA would make of
// its JSON encoding, built directly rather than through a JSON round trip.
func (in Input) Value() ast.Value {
	parties := make([]*ast.Term, len(in.Parties))
	for i, p := range in.Parties {
		parties[i] = ast.ObjectTerm(
			item("org_id", intTerm(p.OrgID)),
			item("name", ast.StringTerm(p.Name)),
			item("roles", stringsTerm(p.Roles)),
			item("kind", ast.StringTerm(p.Kind)),
		)
	}
	hits := make([]*ast.Term, len(in.Screening))
	for i, h := range in.Screening {
		items := []*ast.Term{
			ast.StringTerm("id"), ast.StringTerm(h.ID),
			ast.StringTerm("org_id"), intTerm(h.OrgID),
			ast.StringTerm("list"), ast.StringTerm(h.List),
			ast.StringTerm("source_id"), ast.StringTerm(h.SourceID),
			ast.StringTerm("programs"), stringsTerm(h.Programs),
			ast.StringTerm("score"), floatTerm(h.Score),
			ast.StringTerm("match"), ast.BooleanTerm(h.Match),
			ast.StringTerm("confirmed"), ast.BooleanTerm(h.Confirmed),
		}
		if h.OrgName != "" {
			items = append(items, ast.StringTerm("org_name"), ast.StringTerm(h.OrgName))
		}
		if h.Name != "" {
			items = append(items, ast.StringTerm("name"), ast.StringTerm(h.Name))
		}
		hits[i] = objectTerm(items)
	}
	findings := make([]*ast.Term, len(in.Findings))
	for i, f := range in.Findings {
		bases := make([]*ast.Term, len(f.LegalBasis))
		for j, lb := range f.LegalBasis {
			bases[j] = legalBasisTerm(lb)
		}
		items := []*ast.Term{
			ast.StringTerm("id"), intTerm(f.ID),
			ast.StringTerm("org_id"), intTerm(f.OrgID),
			ast.StringTerm("category"), ast.StringTerm(f.Category),
			ast.StringTerm("status"), ast.StringTerm(f.Status),
			ast.StringTerm("severity"), ast.StringTerm(f.Severity),
			ast.StringTerm("legal_basis"), ast.ArrayTerm(bases...),
		}
		if f.OrgName != "" {
			items = append(items, ast.StringTerm("org_name"), ast.StringTerm(f.OrgName))
		}
		findings[i] = objectTerm(items)
	}
	paths := make([]*ast.Term, len(in.Exposure))
	for i, p := range in.Exposure {
		nodes := make([]*ast.Term, len(p.Nodes))
		for j, n := range p.Nodes {
			nodes[j] = intTerm(n)
		}
		paths[i] = ast.ObjectTerm(
			item("id", ast.StringTerm(p.ID)),
			item("from", intTerm(p.From)),
			item("to", intTerm(p.To)),
			item("kinds", stringsTerm(p.Kinds)),
			item("nodes", ast.ArrayTerm(nodes...)),
			item("depth", intTerm(int64(p.Depth))),
		)
	}
	contract := []*ast.Term{
		ast.StringTerm("id"), ast.StringTerm(in.Contract.ID),
		ast.StringTerm("title"), ast.StringTerm(in.Contract.Title),
		ast.StringTerm("status"), ast.StringTerm(in.Contract.Status),
	}
	if v := in.Contract.Value; v != nil {
		contract = append(contract, ast.StringTerm("value"), ast.ObjectTerm(
			item("amount", floatTerm(v.Amount)),
			item("currency", ast.StringTerm(v.Currency)),
		))
	}
	return ast.NewObject(
		item("contract", objectTerm(contract)),
		item("parties", ast.ArrayTerm(parties...)),
		item("screening", ast.ArrayTerm(hits...)),
		item("findings", ast.ArrayTerm(findings...)),
		item("exposure", ast.ArrayTerm(paths...)),
	)
}

func item(k string, v *ast.Term) [2]*ast.Term { return ast.Item(ast.StringTerm(k), v) }

func objectTerm(kv []*ast.Term) *ast.Term {
	items := make([][2]*ast.Term, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		items = append(items, [2]*ast.Term{kv[i], kv[i+1]})
	}
	return ast.ObjectTerm(items...)
}

func intTerm(i int64) *ast.Term { return ast.NumberTerm(json.Number(strconv.FormatInt(i, 10))) }

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
		t[i] = ast.StringTerm(v)
	}
	return ast.ArrayTerm(t...)
}

func legalBasisTerm(lb probity.LegalBasis) *ast.Term {
	if lb.Article == "" {
		return ast.ObjectTerm(item("instrument", ast.StringTerm(lb.Instrument)))
	}
	return ast.ObjectTerm(item("instrument", ast.StringTerm(lb.Instrument)), item("article", ast.StringTerm(lb.Article)))
}
