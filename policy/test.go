package policy

import (
	"context"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the result of one Rego test.
type TestResult struct {
	Package  string        `json:"package"`
	Name     string        `json:"name"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Pass     bool          `json:"pass"`
	Skip     bool          `json:"skip,omitempty"`
	Error    string        `json:"error,omitempty"`
	Duration time.Duration `json:"duration"`
}

// TestReport is the outcome of running a policy's Rego tests.
type TestReport struct {
	Results []TestResult `json:"results"`
	Passed  int          `json:"passed"`
	Failed  int          `json:"failed"` // failures and errors
	Skipped int          `json:"skipped"`
}

// OK reports whether there was at least one test and none failed.
func (r TestReport) OK() bool { return r.Failed == 0 && r.Passed > 0 }

// Problems returns the failing tests as problems located at file:line.
func (r TestReport) Problems() []Problem {
	var ps []Problem
	for _, t := range r.Results {
		if t.Pass || t.Skip {
			continue
		}
		msg := "test " + t.Package + "." + t.Name + " failed"
		if t.Error != "" {
			msg += ": " + t.Error
		}
		ps = append(ps, Problem{File: t.File, Line: t.Line, Message: msg})
	}
	return ps
}

// Test runs the policy's Rego tests with OPA's test runner, compiled with
// the same restricted capabilities as decisions. The error reports a policy
// that does not compile; failing tests are reported in the TestReport.
func (b *Bundle) Test(ctx context.Context) (TestReport, error) {
	mods, err := b.parse(b.Modules, b.Tests)
	if err != nil {
		return TestReport{}, err
	}
	c := ast.NewCompiler().WithCapabilities(Capabilities()).WithDefaultRegoVersion(ast.RegoV1)
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return TestReport{}, err
	}
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().
		SetCompiler(c).
		SetStore(store).
		SetModules(mods).
		SetDefaultRegoVersion(ast.RegoV1).
		SetParallel(1).
		SetTimeout(10*time.Second).
		CapturePrintOutput(true).
		RunTests(ctx, txn)
	if err != nil {
		return TestReport{}, fromOPA("compile", err)
	}
	var rep TestReport
	for r := range ch {
		t := TestResult{Package: r.Package, Name: r.Name, Pass: r.Pass(), Skip: r.Skip, Duration: r.Duration}
		if r.Location != nil {
			t.File, t.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			t.Error = r.Error.Error()
		}
		switch {
		case t.Skip:
			rep.Skipped++
		case t.Pass:
			rep.Passed++
		default:
			rep.Failed++
		}
		rep.Results = append(rep.Results, t)
	}
	return rep, nil
}
