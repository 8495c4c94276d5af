package policy

import (
	"context"
	"fmt"
)

// Validate is the check before publication: the policy must have published
// text (a Markdown file), compile with the restricted capabilities, have
// Rego tests that all pass, and answer allow, review or deny with well-formed
// reasons for every sample input (SampleInputs when samples is nil). It
// returns the prepared engine so the caller need not compile again.
func (b *Bundle) Validate(ctx context.Context, samples []Input) (*Engine, error) {
	if len(b.Docs) == 0 {
		return nil, &Error{Step: "load", Problems: []Problem{{File: b.Dir, Message: "no published text (*.md) in the folder"}}}
	}
	eng, err := b.Prepare(ctx)
	if err != nil {
		return nil, err
	}
	rep, err := b.Test(ctx)
	if err != nil {
		return nil, err
	}
	if rep.Passed == 0 && rep.Failed == 0 {
		return nil, &Error{Step: "test", Problems: []Problem{{File: b.Dir, Message: "no Rego tests (test_* rules in *_test.rego)"}}}
	}
	if !rep.OK() {
		return nil, &Error{Step: "test", Problems: rep.Problems()}
	}
	if samples == nil {
		samples = SampleInputs()
	}
	for i, in := range samples {
		if _, err := eng.Decide(ctx, in); err != nil {
			return nil, &Error{Step: "sample", Problems: []Problem{{Message: fmt.Sprintf("sample %d (contract %q): %v", i+1, in.Contract.ID, err)}}}
		}
	}
	return eng, nil
}
