package policy_test

import (
	"context"
	"testing"

	"github.com/probity/probity/policy"
)

func TestDefaultPolicy(t *testing.T) {
	b, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := b.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if !r.Pass {
			t.Errorf("%s:%d %s: %s", r.File, r.Line, r.Name, r.Error)
		}
	}
	if rep.Passed < 14 || rep.Failed != 0 {
		t.Fatalf("passed %d, failed %d", rep.Passed, rep.Failed)
	}
	if _, err := b.Validate(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
}
