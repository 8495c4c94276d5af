package policy

import (
	"encoding/json"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The input as the engine evaluates it is an OPA lazy object
// (ast.LazyObject): each top-level part is converted to an OPA value only
// when the policy first reads it. The default policy reads input.derived
// (which carries what its messages need) and input.screening, so for it the
// contract, the parties, the findings with their legal bases and the
// exposure paths are never converted — most of the cost of building the
// input. A policy that does read them gets OPA's own conversion of the
// part's JSON encoding, which is what Value holds (TestEvalValueMaterializes
// checks they are equal); that conversion is slower than Value's, a cost
// only such policies pay.

// readsDerived reports whether a compiled policy reads input.derived, or
// the input as a whole (a reference to input not followed by a constant
// key). Only such policies get the derived field and the lazily converted
// input: a policy that reads the parties, findings or paths directly would
// pay the lazy parts' slower conversion on every decision, and building the
// derived field would be wasted on it.
func readsDerived(c *ast.Compiler) bool {
	found := false
	for _, m := range c.Modules {
		ast.WalkRefs(m, func(r ast.Ref) bool {
			if found || !r[0].Equal(ast.InputRootDocument) {
				return found
			}
			if len(r) == 1 {
				found = true
			} else if k, ok := r[1].Value.(ast.String); !ok || k == "derived" {
				found = true
			}
			return found
		})
		if found {
			return true
		}
	}
	return false
}

// evalValue is the input as Engine.Decide evaluates it for a policy that
// reads input.derived: Value's parts, the
// ones the default policy does not read left unconverted until read, and
// the derived field.
func (in Input) evalValue() ast.Value {
	p := &in
	// About as many terms as the hits and the derived field need.
	t := newTerms(8 + 10*len(in.Screening) + 6*len(in.Findings) + 2*len(in.Exposure))
	hits := in.hitTerms(t)
	return ast.LazyObject(map[string]any{
		"contract":  lazyContract{p},
		"parties":   lazyParties{p},
		"screening": ast.NewArray(hits...),
		"findings":  lazyFindings{p},
		"exposure":  lazyExposure{p},
		"derived":   in.derived(t, hits).Value,
	})
}

// materialized counts conversions of lazy parts, for tests.
var materialized atomic.Int64

// Each lazy part holds only a pointer, so storing it in the map allocates
// nothing. OPA converts it by encoding it as JSON (MarshalJSON) and
// converting the decoded result; nil lists are encoded as empty arrays and
// non-finite numbers as 0, as Value builds them.
type (
	lazyContract struct{ in *Input }
	lazyParties  struct{ in *Input }
	lazyFindings struct{ in *Input }
	lazyExposure struct{ in *Input }
)

func (l lazyContract) MarshalJSON() ([]byte, error) {
	materialized.Add(1)
	c := l.in.Contract
	if c.Value != nil && !finite(c.Value.Amount) {
		v := *c.Value
		v.Amount = 0
		c.Value = &v
	}
	return json.Marshal(c)
}

func (l lazyParties) MarshalJSON() ([]byte, error) {
	materialized.Add(1)
	parties := make([]Party, len(l.in.Parties))
	for i, p := range l.in.Parties {
		p.Roles = nonNil(p.Roles)
		parties[i] = p
	}
	return json.Marshal(parties)
}

func (l lazyFindings) MarshalJSON() ([]byte, error) {
	materialized.Add(1)
	findings := make([]Finding, len(l.in.Findings))
	for i, f := range l.in.Findings {
		f.LegalBasis = nonNil(f.LegalBasis)
		findings[i] = f
	}
	return json.Marshal(findings)
}

func (l lazyExposure) MarshalJSON() ([]byte, error) {
	materialized.Add(1)
	paths := make([]Path, len(l.in.Exposure))
	for i, p := range l.in.Exposure {
		p.Roles, p.Kinds, p.Nodes = nonNil(p.Roles), nonNil(p.Kinds), nonNil(p.Nodes)
		paths[i] = p
	}
	return json.Marshal(paths)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
