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
		"derived", "hit", "label", "ref", "established", "serious", "client", "ways", "side", "role", "path", "via", "refs",
		"as a party", "contractor", "related",
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
// than through a JSON round trip. It does not carry the derived field;
// Engine.Decide evaluates evalValue (lazy.go) instead.
func (in Input) Value() ast.Value {
	return ast.NewObject(
		item("contract", in.contractTerm()),
		item("parties", ast.ArrayTerm(in.partyTerms()...)),
		item("screening", ast.ArrayTerm(in.hitTerms()...)),
		item("findings", ast.ArrayTerm(in.findingTerms()...)),
		item("exposure", ast.ArrayTerm(in.pathTerms()...)),
	)
}

func (in Input) contractTerm() *ast.Term {
	contract := make([][2]*ast.Term, 0, 4)
	contract = append(contract,
		item("id", str(in.Contract.ID)),
		item("title", str(in.Contract.Title)),
		item("status", str(in.Contract.Status)),
	)
	if v := in.Contract.Value; v != nil {
		contract = append(contract, item("value", ast.ObjectTerm(item("amount", floatTerm(v.Amount)), item("currency", str(v.Currency)))))
	}
	return ast.ObjectTerm(contract...)
}

func (in Input) partyTerms() []*ast.Term {
	parties := make([]*ast.Term, len(in.Parties))
	for i, p := range in.Parties {
		parties[i] = ast.ObjectTerm(
			item("org_id", intTerm(p.OrgID)),
			item("name", str(p.Name)),
			item("roles", stringsTerm(p.Roles)),
			item("kind", str(p.Kind)),
		)
	}
	return parties
}

func (in Input) hitTerms() []*ast.Term {
	hits := make([]*ast.Term, len(in.Screening))
	for i, h := range in.Screening {
		kv := make([][2]*ast.Term, 0, 10)
		kv = append(kv,
			item("id", str(h.ID)),
			item("org_id", intTerm(h.OrgID)),
			item("list", str(h.List)),
			item("source_id", str(h.SourceID)),
			item("programs", stringsTerm(h.Programs)),
			item("score", floatTerm(h.Score)),
			item("match", ast.InternedTerm(h.Match)),
			item("confirmed", ast.InternedTerm(h.Confirmed)),
		)
		if h.OrgName != "" {
			kv = append(kv, item("org_name", str(h.OrgName)))
		}
		if h.Name != "" {
			kv = append(kv, item("name", str(h.Name)))
		}
		hits[i] = ast.ObjectTerm(kv...)
	}
	return hits
}

func (in Input) findingTerms() []*ast.Term {
	findings := make([]*ast.Term, len(in.Findings))
	for i, f := range in.Findings {
		bases := make([]*ast.Term, len(f.LegalBasis))
		for j, lb := range f.LegalBasis {
			if lb.Article == "" {
				bases[j] = ast.ObjectTerm(item("instrument", str(lb.Instrument)))
			} else {
				bases[j] = ast.ObjectTerm(item("instrument", str(lb.Instrument)), item("article", str(lb.Article)))
			}
		}
		kv := make([][2]*ast.Term, 0, 7)
		kv = append(kv,
			item("id", intTerm(f.ID)),
			item("org_id", intTerm(f.OrgID)),
			item("category", str(f.Category)),
			item("status", str(f.Status)),
			item("severity", str(f.Severity)),
			item("legal_basis", ast.ArrayTerm(bases...)),
		)
		if f.OrgName != "" {
			kv = append(kv, item("org_name", str(f.OrgName)))
		}
		findings[i] = ast.ObjectTerm(kv...)
	}
	return findings
}

func (in Input) pathTerms() []*ast.Term {
	paths := make([]*ast.Term, len(in.Exposure))
	for i, p := range in.Exposure {
		nodes := make([]*ast.Term, len(p.Nodes))
		for j, n := range p.Nodes {
			nodes[j] = intTerm(n)
		}
		paths[i] = ast.ObjectTerm(
			item("id", str(p.ID)),
			item("from", intTerm(p.From)),
			item("roles", stringsTerm(p.Roles)),
			item("to", intTerm(p.To)),
			item("kinds", stringsTerm(p.Kinds)),
			item("nodes", ast.ArrayTerm(nodes...)),
			item("depth", intTerm(int64(p.Depth))),
		)
	}
	return paths
}

// item pairs a key (interned when known) with its value.
func item(k string, v *ast.Term) [2]*ast.Term { return [2]*ast.Term{str(k), v} }

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
