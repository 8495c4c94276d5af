package policy

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/probity/probity"
)

// Query is what a policy must define: an object with an outcome and reasons.
const Query = "data.probity.decision"

// Engine is a policy compiled once and ready to decide; it is safe for
// concurrent use.
type Engine struct {
	hash  string
	query rego.PreparedEvalQuery
}

// Output is a policy's answer for one input: allow, review or deny, with
// reasons in a stable order (deny before review, then by rule id, message
// and references).
type Output struct {
	Outcome string           `json:"outcome"`
	Reasons []probity.Reason `json:"reasons"`
}

// compile compiles the policy modules (not the tests) with the restricted
// capabilities.
func (b *Bundle) compile() (*ast.Compiler, error) {
	mods, err := b.parse(b.Modules)
	if err != nil {
		return nil, err
	}
	c := ast.NewCompiler().WithCapabilities(Capabilities()).WithDefaultRegoVersion(ast.RegoV1)
	if c.Compile(mods); c.Failed() {
		return nil, fromOPA("compile", c.Errors)
	}
	return c, nil
}

// Prepare compiles the policy once for repeated evaluation.
func (b *Bundle) Prepare(ctx context.Context) (*Engine, error) {
	c, err := b.compile()
	if err != nil {
		return nil, err
	}
	pq, err := rego.New(
		rego.Query(Query),
		rego.Compiler(c),
		rego.Capabilities(Capabilities()),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fromOPA("compile", err)
	}
	return &Engine{hash: b.Hash, query: pq}, nil
}

// PolicyHash returns the content hash of the policy the engine runs.
func (e *Engine) PolicyHash() string { return e.hash }

// Decide evaluates the policy for one input. An undefined result, an outcome
// other than allow, review or deny, or reasons of the wrong shape are errors.
func (e *Engine) Decide(ctx context.Context, in Input) (Output, error) {
	return e.eval(ctx, in.Value())
}

// Decision evaluates the policy and returns a decision for in.Contract.ID
// carrying the policy hash and the input hash; DecidedAt is left for the
// caller to set from its clock.
func (e *Engine) Decision(ctx context.Context, in Input) (probity.Decision, error) {
	out, err := e.Decide(ctx, in)
	if err != nil {
		return probity.Decision{}, err
	}
	return probity.Decision{
		ContractID: in.Contract.ID,
		Outcome:    out.Outcome,
		Reasons:    out.Reasons,
		PolicyHash: e.hash,
		InputHash:  in.Hash(),
	}, nil
}

func (e *Engine) eval(ctx context.Context, v ast.Value) (Output, error) {
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(v))
	if err != nil {
		return Output{}, &Error{Step: "eval", Problems: []Problem{{Message: err.Error()}}}
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return Output{}, &Error{Step: "eval", Problems: []Problem{{Message: Query + " is undefined"}}}
	}
	return parseOutput(rs[0].Expressions[0].Value)
}

// parseOutput checks the shape of the policy's answer.
func parseOutput(v any) (Output, error) {
	bad := func(format string, args ...any) (Output, error) {
		return Output{}, &Error{Step: "eval", Problems: []Problem{{Message: fmt.Sprintf(format, args...)}}}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return bad("%s is %s, not an object", Query, describe(v))
	}
	out := Output{Reasons: []probity.Reason{}}
	out.Outcome, ok = obj["outcome"].(string)
	if !ok || !slices.Contains(probity.Outcomes(), out.Outcome) {
		return bad("%s.outcome is %s, not \"allow\", \"review\" or \"deny\"", Query, describe(obj["outcome"]))
	}
	var reasons []any
	switch r := obj["reasons"].(type) {
	case nil:
	case []any:
		reasons = r
	default:
		return bad("%s.reasons is %s, not an array or set", Query, describe(r))
	}
	for i, r := range reasons {
		ro, ok := r.(map[string]any)
		if !ok {
			return bad("reasons[%d] is %s, not an object", i, describe(r))
		}
		var reason probity.Reason
		var okID, okMsg bool
		reason.RuleID, okID = ro["rule_id"].(string)
		reason.Message, okMsg = ro["message"].(string)
		if !okID || reason.RuleID == "" {
			return bad("reasons[%d].rule_id is %s, not a non-empty string", i, describe(ro["rule_id"]))
		}
		if !okMsg {
			return bad("reasons[%d].message is %s, not a string", i, describe(ro["message"]))
		}
		if s, err := optString(ro, "effect"); err != nil {
			return bad("reasons[%d].effect %s", i, err)
		} else if s != "" && s != probity.OutcomeReview && s != probity.OutcomeDeny {
			return bad("reasons[%d].effect is %q, not \"review\" or \"deny\"", i, s)
		} else {
			reason.Effect = s
		}
		if s, err := optString(ro, "severity"); err != nil {
			return bad("reasons[%d].severity %s", i, err)
		} else {
			reason.Severity = s
		}
		var refs []any
		switch x := ro["refs"].(type) {
		case nil:
		case []any:
			refs = x
		default:
			return bad("reasons[%d].refs is %s, not an array or set", i, describe(x))
		}
		for j, x := range refs {
			xo, ok := x.(map[string]any)
			if !ok {
				return bad("reasons[%d].refs[%d] is %s, not an object", i, j, describe(x))
			}
			kind, _ := xo["kind"].(string)
			if kind != probity.RefFinding && kind != probity.RefHit && kind != probity.RefPath {
				return bad("reasons[%d].refs[%d].kind is %s, not \"finding\", \"hit\" or \"path\"", i, j, describe(xo["kind"]))
			}
			var id string
			switch y := xo["id"].(type) {
			case string:
				id = y
			case json.Number:
				id = y.String()
			}
			if id == "" {
				return bad("reasons[%d].refs[%d].id is %s, not a non-empty string or number", i, j, describe(xo["id"]))
			}
			reason.Refs = append(reason.Refs, probity.Ref{Kind: kind, ID: id})
		}
		slices.SortFunc(reason.Refs, compareRef)
		reason.Refs = slices.Compact(reason.Refs)
		out.Reasons = append(out.Reasons, reason)
	}
	slices.SortFunc(out.Reasons, compareReason)
	out.Reasons = slices.CompactFunc(out.Reasons, func(a, b probity.Reason) bool { return compareReason(a, b) == 0 })
	return out, nil
}

func optString(o map[string]any, k string) (string, error) {
	switch v := o[k].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	default:
		return "", fmt.Errorf("is %s, not a string", describe(v))
	}
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "missing or null"
	case string:
		return fmt.Sprintf("the string %q", v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprintf("the boolean %v", v)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}

func effectRank(e string) int {
	switch e {
	case probity.OutcomeDeny:
		return 0
	case probity.OutcomeReview:
		return 1
	}
	return 2
}

func compareRef(a, b probity.Ref) int {
	return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
}

func compareReason(a, b probity.Reason) int {
	return cmp.Or(
		cmp.Compare(effectRank(a.Effect), effectRank(b.Effect)),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Severity, b.Severity),
		slices.CompareFunc(a.Refs, b.Refs, compareRef),
	)
}
