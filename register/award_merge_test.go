package register_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/register"
	"github.com/probity/probity/sqlite"
	"github.com/probity/probity/usaspending"
)

// canonical is the register as a reader sees it, with each organization
// as the set of its names: ids, and which name an organization is shown
// under (the first one read), depend on the order of ingest; nothing else
// may.
func canonical(t *testing.T, db *sqlite.DB) (string, map[string]float64) {
	t.Helper()
	ctx := context.Background()
	known := map[int64]string{}
	org := func(id int64) string {
		if s, ok := known[id]; ok {
			return s
		}
		o, err := db.Organization(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		set := []string{o.Name}
		for _, a := range o.Aliases {
			set = append(set, a.Name)
		}
		sort.Strings(set)
		known[id] = strings.Join(slices.Compact(set), "/")
		return known[id]
	}
	names := func(refs []probity.OrgRef) []string {
		var out []string
		for _, r := range refs {
			out = append(out, org(r.ID))
		}
		sort.Strings(out)
		return out
	}
	var b strings.Builder
	totals := map[string]float64{}
	for _, c := range mustContracts(t, db) {
		buyer := ""
		if c.Buyer != nil {
			buyer = org(c.Buyer.ID)
		}
		v, _ := json.Marshal([]any{c.Value, c.Obligated, c.Potential})
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%v|%v|%s|%v|%s|%v\n", c.ID, c.Title, c.Description, c.Status, buyer,
			names(c.Suppliers), names(c.Subcontractors), v, c.Period, c.SourceReference, c.SourceFiles)
		if c.Value != nil {
			totals[c.Value.Currency] += c.Value.Amount
		}
	}
	return b.String(), totals
}

// awardKeys reads a USAspending file the way ingest does and returns, per
// match key, the unique keys of its awards ("" for an award without one).
func awardKeys(t *testing.T, path string) map[string]map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]map[string]bool{}
	_, err = usaspending.Read(context.Background(), f, path, func(r usaspending.Record) error {
		if r.Award == nil {
			return nil
		}
		mk := r.Award.MatchKey()
		if out[mk] == nil {
			out[mk] = map[string]bool{}
		}
		out[mk][r.Award.Key] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// expectMerge says, from the files alone, which Torn Apart awards the rule
// merges and which it leaves as ambiguous, and how many contracts result.
func expectMerge(t *testing.T, keyless string, keyed ...string) (merged, ambiguous []string, contracts int) {
	t.Helper()
	ta := awardKeys(t, keyless)
	withKey := map[string]map[string]bool{}
	for _, p := range keyed {
		for mk, keys := range awardKeys(t, p) {
			if withKey[mk] == nil {
				withKey[mk] = map[string]bool{}
			}
			for k := range keys {
				withKey[mk][k] = true
			}
		}
	}
	for _, keys := range withKey {
		contracts += len(keys)
	}
	for mk := range ta {
		switch len(withKey[mk]) {
		case 0:
			contracts++
		case 1:
			merged = append(merged, mk)
		default:
			ambiguous = append(ambiguous, mk)
			contracts++
		}
	}
	sort.Strings(merged)
	sort.Strings(ambiguous)
	return merged, ambiguous, contracts
}

// TestAwardMergeRealFiles ingests the Torn Apart list with the Minnesota
// prime-award file, and with the transaction extract, in both orders and
// in one or two ingests: the register and its totals are the same every
// time, each award named by both is one contract, and the Torn Apart id
// leads to it.
func TestAwardMergeRealFiles(t *testing.T) {
	root := shareddata.Dir(t, "usaspending")
	ta := filepath.Join(root, "torn_apart_2018", "freezer.csv")
	for _, tc := range []struct {
		name  string
		keyed string
		min   int // merged awards at least (SOURCES.md and the brief count them)
	}{
		{"mn_all prime awards", filepath.Join(root, "mn_ice_contracts", "mn_all", "Contracts_PrimeAwardSummaries_2025-03-21_H19M57S23_1.csv"), 100},
		{"transaction extract", filepath.Join(root, "cbp_ice_dashboard", "DERIVED_microsoft_azure_rows_FY2021-FY2026.csv"), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			merged, ambiguous, want := expectMerge(t, ta, tc.keyed)
			if len(merged) < tc.min {
				t.Fatalf("the files share %d awards by sub-agency and PIID, want at least %d", len(merged), tc.min)
			}
			t.Logf("%d Torn Apart awards merge, %d are ambiguous; %d contracts", len(merged), len(ambiguous), want)
			var first string
			var firstTotals map[string]float64
			for _, order := range []struct {
				name  string
				steps [][]string
			}{
				{"list first, one ingest", [][]string{{ta, tc.keyed}}},
				{"keyed first, one ingest", [][]string{{tc.keyed, ta}}},
				{"list first, two ingests", [][]string{{ta}, {tc.keyed}}},
				{"keyed first, two ingests", [][]string{{tc.keyed}, {ta}}},
			} {
				db := mustOpen(t)
				for _, paths := range order.steps {
					if _, err := ingest(t, db, "usaspending", register.Options{}, paths...); err != nil {
						t.Fatal(err)
					}
				}
				got, totals := canonical(t, db)
				if n := strings.Count(got, "\n"); n != want {
					t.Errorf("%s: %d contracts, want %d", order.name, n, want)
				}
				if first == "" {
					first, firstTotals = got, totals
					checkMerged(t, db, merged, ambiguous)
				} else if got != first {
					a, b := strings.Split(first, "\n"), strings.Split(got, "\n")
					for i := range min(len(a), len(b)) {
						if a[i] != b[i] {
							t.Errorf("%s: the register differs from %q's, first at\n%s\n%s", order.name, "list first, one ingest", a[i], b[i])
							break
						}
					}
				} else if fmt.Sprint(totals) != fmt.Sprint(firstTotals) {
					t.Errorf("%s: totals %v, want %v", order.name, totals, firstTotals)
				}
				// Ingesting everything again writes nothing.
				st, err := ingest(t, db, "usaspending", register.Options{}, ta, tc.keyed)
				if err != nil {
					t.Fatal(err)
				}
				if st.Contracts.Load() != 0 || st.New.Load() != 0 {
					t.Errorf("%s: a second ingest wrote %d contracts, %d awards new", order.name, st.Contracts.Load(), st.New.Load())
				}
				if again, _ := canonical(t, db); again != got {
					t.Errorf("%s: a second ingest changed the register", order.name)
				}
			}
		})
	}
}

// checkMerged checks the merged and ambiguous awards of a register.
func checkMerged(t *testing.T, db *sqlite.DB, merged, ambiguous []string) {
	t.Helper()
	ctx := context.Background()
	for _, mk := range merged {
		old := "usaspending:" + mk
		if _, err := db.Contract(ctx, old); probity.ErrorCode(err) != probity.ENOTFOUND {
			t.Errorf("%s is still a contract of its own (err %v)", old, err)
			continue
		}
		a, err := db.ContractAlias(ctx, old)
		if err != nil {
			t.Errorf("%s: no alias: %v", old, err)
			continue
		}
		c, err := db.Contract(ctx, a.ContractID)
		if err != nil {
			t.Errorf("%s → %s: %v", old, a.ContractID, err)
			continue
		}
		if !strings.Contains(c.ID, "_"+strings.SplitN(mk, "/", 2)[1]+"_") || len(c.SourceFiles) < 2 || a.Rule != register.RuleSameAgencyPIID {
			t.Errorf("%s → %+v (alias %+v)", old, c, a)
		}
		srcs, err := db.ContractSources(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		layouts := map[string]string{}
		for _, s := range srcs {
			layouts[s.Layout] = s.Rule
		}
		if layouts[string(usaspending.LayoutTornApart)] != register.RuleSameAgencyPIID || len(layouts) < 2 {
			t.Errorf("%s: sources %v", c.ID, layouts)
		}
		// The values are the prime-award summary's when there is one, the
		// list's award totals before the transaction extract's window sums.
		want := map[string]int{string(usaspending.LayoutContractAwards): 0, string(usaspending.LayoutTornApart): 1, string(usaspending.LayoutTransactions): 2}
		sort.Slice(srcs, func(i, j int) bool { return want[srcs[i].Layout] < want[srcs[j].Layout] })
		top := srcs[0].Contract
		if fmt.Sprint(c.Value, c.Obligated, c.Potential) != fmt.Sprint(top.Value, top.Obligated, top.Potential) {
			t.Errorf("%s: values %v %v %v, want %s's", c.ID, c.Value, c.Obligated, c.Potential, srcs[0].File)
		}
	}
	for _, mk := range ambiguous {
		srcs, err := db.ContractSources(ctx, "usaspending:"+mk)
		if err != nil || len(srcs) == 0 || srcs[0].Rule != register.RuleAmbiguousPIID || !strings.Contains(srcs[0].Note, "not merged") {
			t.Errorf("ambiguous %s: %+v, %v", mk, srcs, err)
		}
	}
}

// writeCSV writes a small file for the rule's edge cases.
func writeCSV(t *testing.T, name string, rows ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	taHeader    = "award_id,recipient_name,parent_name,recipient_city,recipient_state,current_total_value,potential_total_value,awarding_office_name,awarding_office_cat,naics_description,naics_cat,award_description,product_combo,company_combo"
	txHeader    = "Agency,Award ID,Recipient Name,Federal Action Obligation,Action Date,Modification,Product/Service Description,NAICS Description,Transaction Description,Generated Award ID"
	taRow       = "70CTD018P00000001,ACME INC,ACME INC,Springfield,VA,1000,5000,ICE OCIO,x,software,x,SOFTWARE LICENCES,x,x"
	txRowParent = "ICE,70CTD018P00000001,ACME INC,700,2021-01-05,0,software,software,SOFTWARE LICENCES,CONT_AWD_70CTD018P00000001_7012_HSHQDC15A00017_7001"
	txRowOther  = "ICE,70CTD018P00000001,ACME INC,300,2021-02-05,0,software,software,SOFTWARE SUPPORT,CONT_AWD_70CTD018P00000001_7012_-NONE-_-NONE-"
)

// TestAwardMergeAmbiguous: the list's award joins the one award with a key
// that has its PIID; when a second award with that PIID (under another
// parent award) arrives, nothing tells which one the list meant, so the
// merge is undone and the reason recorded; the alias goes.
func TestAwardMergeAmbiguous(t *testing.T) {
	ctx := context.Background()
	ta := writeCSV(t, "freezer.csv", taHeader, taRow)
	one := writeCSV(t, "tx-one.csv", txHeader, txRowParent)
	other := writeCSV(t, "tx-other.csv", txHeader, txRowOther)
	db := mustOpen(t)
	for _, p := range []string{ta, one} {
		if _, err := ingest(t, db, "usaspending", register.Options{}, p); err != nil {
			t.Fatal(err)
		}
	}
	const keyed = "CONT_AWD_70CTD018P00000001_7012_HSHQDC15A00017_7001"
	const old = "usaspending:7012/70CTD018P00000001"
	c, err := db.Contract(ctx, keyed)
	if err != nil {
		t.Fatal(err)
	}
	// The transaction extract ranks above the list for the title and
	// dates, but the list's award totals ($1,000 current, $5,000
	// potential) beat the extract's sum of obligations ($700).
	if c.Value == nil || c.Value.Amount != 1000 || c.Potential == nil || c.Potential.Amount != 5000 || c.Period.Start != "2021-01-05" ||
		!slices.Equal(c.SourceFiles, []string{"tx-one.csv", "freezer.csv"}) {
		t.Errorf("merged contract = %+v", c)
	}
	if a, err := db.ContractAlias(ctx, old); err != nil || a.ContractID != keyed {
		t.Fatalf("alias %s: %+v, %v", old, a, err)
	}
	if _, err := ingest(t, db, "usaspending", register.Options{}, other); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ContractAlias(ctx, old); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("alias %s kept after the award became ambiguous: %v", old, err)
	}
	back, err := db.Contract(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if back.Value == nil || back.Value.Amount != 1000 || back.Potential == nil || back.Potential.Amount != 5000 {
		t.Errorf("the list's own contract = %+v", back)
	}
	srcs, err := db.ContractSources(ctx, old)
	if err != nil || len(srcs) != 1 || srcs[0].Rule != register.RuleAmbiguousPIID || !strings.Contains(srcs[0].Note, "2 awards") {
		t.Errorf("sources of %s: %+v, %v", old, srcs, err)
	}
	if c, err := db.Contract(ctx, keyed); err != nil || !slices.Equal(c.SourceFiles, []string{"tx-one.csv"}) {
		t.Errorf("%s after the split: %+v, %v", keyed, c, err)
	}
	if n := len(mustContracts(t, db)); n != 3 {
		t.Errorf("%d contracts, want 3 (two awards with keys, the list's own)", n)
	}
}
