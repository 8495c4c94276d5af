package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/probity/probity"
)

// testChangesAreAudited: adding and updating a finding, publishing a
// policy and adding a relationship by hand each leave an audit entry, in
// the author's name, with the state before and after.
func testChangesAreAudited(t *testing.T, s probity.Store) {
	ctx := context.Background()
	var ice, dhs int64
	update(t, s, func(tx probity.Tx) error {
		var err error
		if ice, err = tx.CreateOrg(ctx, "Immigration and Customs Enforcement", probity.KindGovernment, "US"); err != nil {
			return err
		}
		dhs, err = tx.CreateOrg(ctx, "Department of Homeland Security", probity.KindGovernment, "US")
		return err
	})
	f, err := s.AddFinding(ctx, probity.Finding{OrgID: ice, Category: probity.CatFamilySeparation, Status: probity.FindingCredible,
		Severity: probity.SeverityHigh, Sources: []probity.Source{{Publisher: "P", Title: "T"}}, Author: "rita", Summary: "first"})
	if err != nil {
		t.Fatal(err)
	}
	f.Summary, f.Author = "second", "sam"
	if _, err := s.UpdateFinding(ctx, f); err != nil {
		t.Fatal(err)
	}
	v, err := s.PublishPolicy(ctx, probity.PolicyVersion{Hash: "h1", Author: "ada", Files: map[string]string{"policy.rego": "package p"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddRelationship(ctx, probity.Relationship{From: ice, To: dhs, Kind: probity.RelPartOf, Source: "manual (rita)"}); err != nil {
		t.Fatal(err)
	}
	want := []struct{ actor, action, object, before, after string }{
		{"rita", "finding.add", fmt.Sprintf("finding:%d", f.ID), "", `"summary":"first"`},
		{"sam", "finding.update", fmt.Sprintf("finding:%d", f.ID), `"summary":"first"`, `"summary":"second"`},
		{"ada", "policy.publish", fmt.Sprintf("policy:%d", v.ID), "", `"hash":"h1"`},
		{"manual (rita)", "relationship.add", fmt.Sprintf("org:%d", ice), "", `"kind":"part_of"`},
	}
	for _, w := range want {
		list, err := s.Audit(ctx, probity.AuditFilter{Action: w.action, Object: w.object})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 {
			t.Errorf("%s %s: %d audit entries, want 1", w.action, w.object, len(list))
			continue
		}
		e := list[0]
		beforeOK := len(e.Before) == 0 || string(e.Before) == "null"
		if w.before != "" {
			beforeOK = strings.Contains(string(e.Before), w.before)
		}
		if e.Actor != w.actor || !strings.Contains(string(e.After), w.after) || !beforeOK {
			t.Errorf("%s: actor %q before %s after %s; want actor %q, before with %q, after with %q", w.action, e.Actor, e.Before, e.After, w.actor, w.before, w.after)
		}
	}
	// Publishing the policy in force again changes nothing, so it audits nothing.
	if _, err := s.PublishPolicy(ctx, probity.PolicyVersion{Hash: "h1", Author: "ada", Files: map[string]string{"policy.rego": "package p"}}); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Audit(ctx, probity.AuditFilter{Action: "policy.publish"}); len(list) != 1 {
		t.Errorf("republishing the same policy audited %d times", len(list))
	}
}
