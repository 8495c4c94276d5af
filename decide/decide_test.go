package decide_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/sqlite"
)

func TestDecideThroughHierarchy(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var dept, agency, other, vendor int64
	err = db.Update(ctx, func(tx probity.Tx) error {
		dept, _ = tx.CreateOrg(ctx, "Department", probity.KindGovernment, "")
		agency, _ = tx.CreateOrg(ctx, "Agency", probity.KindGovernment, "")
		other, _ = tx.CreateOrg(ctx, "Other Agency", probity.KindGovernment, "")
		vendor, _ = tx.CreateOrg(ctx, "Vendor", probity.KindCompany, "")
		if err := tx.PutRelationship(ctx, probity.Relationship{From: agency, To: dept, Kind: probity.RelPartOf, Source: "t"}); err != nil {
			return err
		}
		for id, buyer := range map[string]int64{"exposed": agency, "clean": other} {
			c := probity.Contract{ID: id, Title: id, Status: "active", Buyer: &probity.OrgRef{ID: buyer}, Suppliers: []probity.OrgRef{{ID: vendor}}, Source: "t"}
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decide.New(ctx, db, 0); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Fatalf("no policy published: %v", err)
	}
	b, _ := policy.Default()
	if _, err := db.PublishPolicy(ctx, probity.PolicyVersion{Hash: b.Hash, Author: "t", Files: b.AllFiles()}); err != nil {
		t.Fatal(err)
	}
	f, err := db.AddFinding(ctx, probity.Finding{OrgID: dept, Category: probity.CatFamilySeparation, Status: probity.FindingSubstantiated,
		Severity: probity.SeverityCritical, Summary: "court order", Sources: []probity.Source{{Publisher: "Court", Title: "Order"}}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := decide.New(ctx, db, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.AffectedByOrgs(dept); !slices.Equal(got, []string{"exposed"}) {
		t.Fatalf("affected by the department: %v", got)
	}
	st, err := d.Decide(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Decided != 2 || st.Recorded != 2 || st.Outcomes["deny"] != 1 || st.Outcomes["allow"] != 1 {
		t.Fatalf("stats: %+v", st)
	}
	list, _ := db.Decisions(ctx, probity.DecisionFilter{ContractID: "exposed"})
	if len(list) != 1 || list[0].Outcome != probity.OutcomeDeny {
		t.Fatalf("exposed contract: %+v", list)
	}
	var viaPath bool
	for _, r := range list[0].Reasons {
		for _, ref := range r.Refs {
			viaPath = viaPath || (ref.Kind == probity.RefPath)
		}
		if r.RuleID == "deny.client-violations" && !slices.Contains(r.Refs, probity.Ref{Kind: probity.RefFinding, ID: "1"}) {
			t.Errorf("denial does not cite finding %d: %+v", f.ID, r)
		}
	}
	if !viaPath {
		t.Errorf("denial does not cite the part_of path: %+v", list[0].Reasons)
	}
	// The input is recorded and reproduces the decision.
	_, raw, err := db.Decision(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	in, err := policy.ParseInput("recorded", raw)
	if err != nil {
		t.Fatal(err)
	}
	eng, _ := b.Prepare(ctx)
	again, err := eng.Decision(ctx, in)
	if err != nil || again.Outcome != list[0].Outcome || again.InputHash != list[0].InputHash {
		t.Fatalf("replay: %+v %v", again, err)
	}
	// Nothing changed: nothing recorded.
	if st, _ := d.Decide(ctx, nil); st.Recorded != 0 {
		t.Fatalf("deciding again recorded %d decisions", st.Recorded)
	}
}
