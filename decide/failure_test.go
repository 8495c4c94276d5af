package decide_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/sqlite"
)

// TestOneFailingContractDoesNotStopTheOthers: a policy that raises an
// evaluation error on one contract (a conflict only a large amount
// reaches) leaves that contract undecided and reported, and decides the
// rest; Check finds the same contract without recording anything.
func TestOneFailingContractDoesNotStopTheOthers(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx probity.Tx) error {
		buyer, _ := tx.CreateOrg(ctx, "Agency", probity.KindGovernment, "")
		vendor, _ := tx.CreateOrg(ctx, "Vendor", probity.KindCompany, "")
		for id, amount := range map[string]float64{"small-1": 10, "huge": 9e9, "small-2": 20} {
			c := probity.Contract{ID: id, Title: id, Status: "active", Buyer: &probity.OrgRef{ID: buyer}, Suppliers: []probity.OrgRef{{ID: vendor}},
				Value: &probity.Value{Amount: amount, Currency: "USD"}, Source: "t"}
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	def, _ := policy.Default()
	files := def.AllFiles()
	files["probity.rego"] += `
size := "large" if input.contract.value.amount > 1000000
size := "very large" if input.contract.value.amount > 1000000

reasons contains {"rule_id": "size", "effect": "review", "message": size, "refs": []} if size == "never"
`
	b, err := policy.FromFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := b.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d, err := decide.NewWithEngine(ctx, db, eng, 0)
	if err != nil {
		t.Fatal(err)
	}
	failed, n, err := d.Check(ctx, 0)
	if err != nil || n != 3 || len(failed) != 1 || failed[0].ContractID != "huge" || !strings.Contains(failed[0].Error, "probity.rego:") {
		t.Fatalf("Check = %+v, %d, %v; want only contract huge, naming probity.rego:LINE", failed, n, err)
	}
	if list, _ := db.Decisions(ctx, probity.DecisionFilter{}); len(list) != 0 {
		t.Fatalf("Check recorded %d decisions", len(list))
	}
	st, err := d.Decide(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Decided != 2 || st.Recorded != 2 || len(st.Failed) != 1 || st.Failed[0].ContractID != "huge" {
		t.Fatalf("Decide stats %+v: want the two small contracts decided and huge reported", st)
	}
	for _, id := range []string{"small-1", "small-2"} {
		if list, _ := db.Decisions(ctx, probity.DecisionFilter{ContractID: id}); len(list) != 1 {
			t.Errorf("%s: %d decisions, want 1", id, len(list))
		}
	}
}
