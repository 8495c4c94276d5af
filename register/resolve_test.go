package register_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/register"
	"github.com/probity/probity/sqlite"
)

func mustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "p.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	uei := func(id string) []probity.Identifier { return []probity.Identifier{{Scheme: "US-UEI", ID: id}} }
	steps := []struct {
		in       probity.OrgInput
		sameAs   int // index of an earlier step that must give the same org, -1 for a new one
		wantRule string
	}{
		{probity.OrgInput{Name: "REGENTS OF THE UNIVERSITY OF MINNESOTA", Kind: probity.KindCompany, Identifiers: uei("KABJZBBJ4B54"), Source: "a.csv:2"}, -1, register.RuleNew},
		{probity.OrgInput{Name: "REGENTS OF UNIVERSITY OF MINNESOTA", Kind: probity.KindCompany, Identifiers: uei(" KABJZBBJ4B54 "), Source: "a.csv:3"}, 0, register.RuleIdentifier},
		{probity.OrgInput{Name: "Regents of the University of Minnesota", Kind: probity.KindUnknown, Source: "b.csv:9"}, 0, register.RuleName},
		// same normalised name, but another UEI: never merged
		{probity.OrgInput{Name: "Regents of University of Minnesota", Kind: probity.KindCompany, Identifiers: uei("OTHER"), Source: "c.csv:2"}, -1, register.RuleNew},
		// a government body is not a company of the same name
		{probity.OrgInput{Name: "Minnesota Regents of University", Kind: probity.KindGovernment, Source: "d"}, -1, register.RuleNew},
		{probity.OrgInput{Name: "DELL FEDERAL SYSTEMS L.P", Kind: probity.KindCompany, Source: "e:1"}, -1, register.RuleNew},
		{probity.OrgInput{Name: "Dell Federal Systems, L.P.", Kind: probity.KindCompany, Source: "f:1"}, 5, register.RuleName},
		// a fuzzy variant is not merged
		{probity.OrgInput{Name: "Dell Federal System", Kind: probity.KindCompany, Source: "g:1"}, -1, register.RuleNew},
	}
	ids := make([]int64, len(steps))
	err := db.Update(ctx, func(tx probity.Tx) error {
		r := register.NewResolver(tx)
		for i, s := range steps {
			ref, err := r.Resolve(ctx, s.in)
			if err != nil {
				return err
			}
			ids[i] = ref.ID
			if s.sameAs >= 0 && ids[s.sameAs] != ref.ID {
				t.Errorf("step %d (%s): org %d, want the org of step %d (%d)", i, s.in.Name, ref.ID, s.sameAs, ids[s.sameAs])
			}
			if s.sameAs < 0 {
				for j := 0; j < i; j++ {
					if ids[j] == ref.ID {
						t.Errorf("step %d (%s) merged with step %d", i, s.in.Name, j)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range steps {
		o, err := db.Organization(ctx, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range o.Merges {
			if m.Rule == s.wantRule && m.Name == s.in.Name {
				found = true
			}
		}
		if !found {
			t.Errorf("step %d: no merge reason %q for %q in %+v", i, s.wantRule, s.in.Name, o.Merges)
		}
	}
	if _, err := register.NewResolver(nil).Resolve(ctx, probity.OrgInput{Source: "x"}); probity.ErrorCode(err) != probity.EINVALID {
		t.Errorf("empty organization: %v", err)
	}
}
