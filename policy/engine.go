package policy

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/probity/probity"
)

// Query is what a policy must define: an object with an outcome and reasons.
const Query = "data.probity.decision"

// Engine is a policy compiled once and ready to decide; it is safe for
// concurrent use.
type Engine struct {
	hash  string
	query rego.PreparedEvalQuery
	// derived is set when the policy reads input.derived (or the input as
	// a whole): it then gets the derived field and a lazily converted
	// input; otherwise the input as Value builds it (see readsDerived).
	derived bool
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
		rego.GenerateJSON(keepTerm),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fromOPA("compile", err)
	}
	return &Engine{hash: b.Hash, query: pq, derived: readsDerived(c)}, nil
}

// PolicyHash returns the content hash of the policy the engine runs.
func (e *Engine) PolicyHash() string { return e.hash }

// Decide evaluates the policy for one input. A policy that reads
// input.derived gets it (see input.schema.json), with the rest of the input
// converted only as the policy reads it (lazy.go); any other policy gets
// in.Value(). An undefined result, an outcome other than allow, review or
// deny, or reasons of the wrong shape are errors.
func (e *Engine) Decide(ctx context.Context, in Input) (Output, error) {
	if e.derived {
		return e.eval(ctx, in.evalValue())
	}
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
	opts := []rego.EvalOption{rego.EvalParsedInput(v), rego.EvalMetrics(noMetrics)}
	if ctx.Done() == nil {
		// A context that is never cancelled needs no watcher: without this
		// option OPA starts a goroutine per evaluation to watch ctx.
		opts = append(opts, rego.EvalExternalCancel(topdown.NewCancel()))
	}
	rs, err := e.query.Eval(ctx, opts...)
	if err != nil {
		return Output{}, &Error{Step: "eval", Problems: []Problem{{Message: err.Error()}}}
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return Output{}, &Error{Step: "eval", Problems: []Problem{{Message: Query + " is undefined"}}}
	}
	t, ok := rs[0].Expressions[0].Value.(*ast.Term)
	if !ok {
		return Output{}, &Error{Step: "eval", Problems: []Problem{{Message: fmt.Sprintf("%s is a %T, not an OPA term", Query, rs[0].Expressions[0].Value)}}}
	}
	return parseOutput(t.Value)
}

// noMetrics discards OPA's evaluation timers, which would otherwise be
// allocated for every decision.
var noMetrics = metrics.NoOp()

// keepTerm hands the query's result to parseOutput as OPA's own term,
// skipping OPA's conversion of the whole answer to Go maps and slices.
func keepTerm(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

var (
	keyOutcome  = ast.StringTerm("outcome")
	keyReasons  = ast.StringTerm("reasons")
	keyRuleID   = ast.StringTerm("rule_id")
	keyMessage  = ast.StringTerm("message")
	keyEffect   = ast.StringTerm("effect")
	keySeverity = ast.StringTerm("severity")
	keyRefs     = ast.StringTerm("refs")
	keyKind     = ast.StringTerm("kind")
	keyID       = ast.StringTerm("id")
)

// parseOutput checks the shape of the policy's answer.
func parseOutput(v ast.Value) (Output, error) {
	bad := func(format string, args ...any) (Output, error) {
		return Output{}, &Error{Step: "eval", Problems: []Problem{{Message: fmt.Sprintf(format, args...)}}}
	}
	obj, ok := v.(ast.Object)
	if !ok {
		return bad("%s is %s, not an object", Query, describe(v))
	}
	out := Output{Reasons: []probity.Reason{}}
	outcome := get(obj, keyOutcome)
	if s, ok := outcome.(ast.String); ok && slices.Contains(probity.Outcomes(), string(s)) {
		out.Outcome = string(s)
	} else {
		return bad("%s.outcome is %s, not \"allow\", \"review\" or \"deny\"", Query, describe(outcome))
	}
	reasons, ok := elems(get(obj, keyReasons))
	if !ok {
		return bad("%s.reasons is %s, not an array or set", Query, describe(get(obj, keyReasons)))
	}
	out.Reasons = make([]probity.Reason, 0, len(reasons))
	for i, r := range reasons {
		ro, ok := r.Value.(ast.Object)
		if !ok {
			return bad("reasons[%d] is %s, not an object", i, describe(r.Value))
		}
		var reason probity.Reason
		id, okID := get(ro, keyRuleID).(ast.String)
		msg, okMsg := get(ro, keyMessage).(ast.String)
		if !okID || id == "" {
			return bad("reasons[%d].rule_id is %s, not a non-empty string", i, describe(get(ro, keyRuleID)))
		}
		if !okMsg {
			return bad("reasons[%d].message is %s, not a string", i, describe(get(ro, keyMessage)))
		}
		reason.RuleID, reason.Message = string(id), string(msg)
		if s, err := optString(ro, keyEffect); err != nil {
			return bad("reasons[%d].effect %s", i, err)
		} else if s != "" && s != probity.OutcomeReview && s != probity.OutcomeDeny {
			return bad("reasons[%d].effect is %q, not \"review\" or \"deny\"", i, s)
		} else {
			reason.Effect = s
		}
		if s, err := optString(ro, keySeverity); err != nil {
			return bad("reasons[%d].severity %s", i, err)
		} else {
			reason.Severity = s
		}
		refs, ok := elems(get(ro, keyRefs))
		if !ok {
			return bad("reasons[%d].refs is %s, not an array or set", i, describe(get(ro, keyRefs)))
		}
		if len(refs) > 0 {
			reason.Refs = make([]probity.Ref, 0, len(refs))
		}
		for j, x := range refs {
			xo, ok := x.Value.(ast.Object)
			if !ok {
				return bad("reasons[%d].refs[%d] is %s, not an object", i, j, describe(x.Value))
			}
			kind, _ := get(xo, keyKind).(ast.String)
			if kind != probity.RefFinding && kind != probity.RefHit && kind != probity.RefPath {
				return bad("reasons[%d].refs[%d].kind is %s, not \"finding\", \"hit\" or \"path\"", i, j, describe(get(xo, keyKind)))
			}
			var id string
			switch y := get(xo, keyID).(type) {
			case ast.String:
				id = string(y)
			case ast.Number:
				id = string(y)
			}
			if id == "" {
				return bad("reasons[%d].refs[%d].id is %s, not a non-empty string or number", i, j, describe(get(xo, keyID)))
			}
			reason.Refs = append(reason.Refs, probity.Ref{Kind: string(kind), ID: id})
		}
		slices.SortFunc(reason.Refs, compareRef)
		reason.Refs = slices.Compact(reason.Refs)
		out.Reasons = append(out.Reasons, reason)
	}
	slices.SortFunc(out.Reasons, compareReason)
	out.Reasons = slices.CompactFunc(out.Reasons, func(a, b probity.Reason) bool { return compareReason(a, b) == 0 })
	return out, nil
}

// get returns the value of key k in o, or nil.
func get(o ast.Object, k *ast.Term) ast.Value {
	if t := o.Get(k); t != nil {
		return t.Value
	}
	return nil
}

// elems returns the elements of an array or set; a missing value (nil) or
// null has none. ok is false for any other value.
func elems(v ast.Value) (ts []*ast.Term, ok bool) {
	switch x := v.(type) {
	case nil, ast.Null:
		return nil, true
	case *ast.Array:
		ts = make([]*ast.Term, 0, x.Len())
		x.Foreach(func(t *ast.Term) { ts = append(ts, t) })
		return ts, true
	case ast.Set:
		return x.Slice(), true
	}
	return nil, false
}

func optString(o ast.Object, k *ast.Term) (string, error) {
	switch v := get(o, k).(type) {
	case nil, ast.Null:
		return "", nil
	case ast.String:
		return string(v), nil
	default:
		return "", fmt.Errorf("is %s, not a string", describe(v))
	}
}

func describe(v ast.Value) string {
	switch v := v.(type) {
	case nil, ast.Null:
		return "missing or null"
	case ast.String:
		return fmt.Sprintf("the string %q", string(v))
	case ast.Number:
		return "the number " + string(v)
	case ast.Boolean:
		return fmt.Sprintf("the boolean %v", bool(v))
	case *ast.Array:
		return "an array"
	case ast.Set:
		return "a set"
	case ast.Object:
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
