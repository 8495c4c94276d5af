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
		"derived", "basis", "hit", "finding", "way", "label", "text", "established", "serious", "client", "side", "role", "path", "via", "refs",
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
	t := newTerms(8 + 4*len(in.Parties) + 10*len(in.Screening) + 8*len(in.Findings) + 8*len(in.Exposure))
	return ast.NewObject(
		item("contract", in.contractTerm(t)),
		item("parties", t.array(in.partyTerms(t)...)),
		item("screening", t.array(in.hitTerms(t)...)),
		item("findings", t.array(in.findingTerms(t)...)),
		item("exposure", t.array(in.pathTerms(t)...)),
	)
}

func (in Input) contractTerm(t *terms) *ast.Term {
	contract := make([][2]*ast.Term, 0, 4)
	contract = append(contract,
		item("id", t.str(in.Contract.ID)),
		item("title", t.str(in.Contract.Title)),
		item("status", t.str(in.Contract.Status)),
	)
	if v := in.Contract.Value; v != nil {
		contract = append(contract, item("value", t.object(item("amount", t.float(v.Amount)), item("currency", t.str(v.Currency)))))
	}
	return t.object(contract...)
}

func (in Input) partyTerms(t *terms) []*ast.Term {
	parties := make([]*ast.Term, len(in.Parties))
	for i, p := range in.Parties {
		parties[i] = t.object(
			item("org_id", t.int(p.OrgID)),
			item("name", t.str(p.Name)),
			item("roles", t.strs(p.Roles)),
			item("kind", t.str(p.Kind)),
		)
	}
	return parties
}

func (in Input) hitTerms(t *terms) []*ast.Term {
	hits := make([]*ast.Term, len(in.Screening))
	for i, h := range in.Screening {
		kv := make([][2]*ast.Term, 0, 10)
		kv = append(kv,
			item("id", t.str(h.ID)),
			item("org_id", t.int(h.OrgID)),
			item("list", t.str(h.List)),
			item("source_id", t.str(h.SourceID)),
			item("programs", t.strs(h.Programs)),
			item("score", t.float(h.Score)),
			item("match", ast.InternedTerm(h.Match)),
			item("confirmed", ast.InternedTerm(h.Confirmed)),
		)
		if h.OrgName != "" {
			kv = append(kv, item("org_name", t.str(h.OrgName)))
		}
		if h.Name != "" {
			kv = append(kv, item("name", t.str(h.Name)))
		}
		hits[i] = t.object(kv...)
	}
	return hits
}

func (in Input) findingTerms(t *terms) []*ast.Term {
	findings := make([]*ast.Term, len(in.Findings))
	for i, f := range in.Findings {
		bases := make([]*ast.Term, len(f.LegalBasis))
		for j, lb := range f.LegalBasis {
			if lb.Article == "" {
				bases[j] = t.object(item("instrument", t.str(lb.Instrument)))
			} else {
				bases[j] = t.object(item("instrument", t.str(lb.Instrument)), item("article", t.str(lb.Article)))
			}
		}
		kv := make([][2]*ast.Term, 0, 7)
		kv = append(kv,
			item("id", t.int(f.ID)),
			item("org_id", t.int(f.OrgID)),
			item("category", t.str(f.Category)),
			item("status", t.str(f.Status)),
			item("severity", t.str(f.Severity)),
			item("legal_basis", t.array(bases...)),
		)
		if f.OrgName != "" {
			kv = append(kv, item("org_name", t.str(f.OrgName)))
		}
		findings[i] = t.object(kv...)
	}
	return findings
}

func (in Input) pathTerms(t *terms) []*ast.Term {
	paths := make([]*ast.Term, len(in.Exposure))
	for i, p := range in.Exposure {
		nodes := make([]*ast.Term, len(p.Nodes))
		for j, n := range p.Nodes {
			nodes[j] = t.int(n)
		}
		paths[i] = t.object(
			item("id", t.str(p.ID)),
			item("from", t.int(p.From)),
			item("roles", t.strs(p.Roles)),
			item("to", t.int(p.To)),
			item("kinds", t.strs(p.Kinds)),
			item("nodes", t.array(nodes...)),
			item("depth", t.int(int64(p.Depth))),
		)
	}
	return paths
}

// item pairs a key (interned when known) with its value.
func item(k string, v *ast.Term) [2]*ast.Term { return [2]*ast.Term{str(k), v} }

// terms allocates the terms of one input in chunks rather than one by one
// (a chunk lives as long as any of its terms, which is as long as the
// input), and gives the interned term for known strings and small numbers.
type terms struct{ buf []ast.Term }

// termChunk is the size of the chunks after the first.
const termChunk = 32

// newTerms returns terms whose first chunk holds n terms.
func newTerms(n int) *terms { return &terms{buf: make([]ast.Term, 0, n)} }

func (t *terms) new(v ast.Value) *ast.Term {
	if len(t.buf) == cap(t.buf) {
		t.buf = make([]ast.Term, 0, termChunk)
	}
	t.buf = append(t.buf, ast.Term{Value: v})
	return &t.buf[len(t.buf)-1]
}

func (t *terms) str(s string) *ast.Term {
	if it, ok := interned[s]; ok {
		return it
	}
	return t.new(ast.String(s))
}

func (t *terms) int(i int64) *ast.Term {
	if i >= 0 && i <= 512 {
		return ast.InternedTerm(int(i))
	}
	return t.new(ast.Number(strconv.FormatInt(i, 10)))
}

// float writes f as encoding/json would, so that the value equals the one
// parsed from the canonical JSON; non-finite numbers become 0 as there.
func (t *terms) float(f float64) *ast.Term {
	if !finite(f) {
		f = 0
	}
	b, _ := json.Marshal(f) // cannot fail for a finite float
	return t.new(ast.Number(b))
}

func (t *terms) strs(s []string) *ast.Term {
	ts := make([]*ast.Term, len(s))
	for i, v := range s {
		ts[i] = t.str(v)
	}
	return t.array(ts...)
}

func (t *terms) object(kv ...[2]*ast.Term) *ast.Term { return t.new(ast.NewObject(kv...)) }

func (t *terms) array(ts ...*ast.Term) *ast.Term { return t.new(ast.NewArray(ts...)) }
