package exposure_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/exposure"
)

// The 2018 scenario.
const (
	usg, dhs, ice, cbp         = 1, 2, 3, 4
	microsoft, linkedin, dell  = 10, 11, 12
	supporter, unrelated, shop = 20, 21, 22
)

func rel(from, to int64, kind string) probity.Relationship {
	return probity.Relationship{From: from, To: to, Kind: kind}
}

func ref(id int64) *probity.OrgRef { return &probity.OrgRef{ID: id} }

func scenario(t testing.TB) *exposure.Graph {
	t.Helper()
	g := exposure.New()
	for _, r := range []probity.Relationship{
		rel(ice, dhs, probity.RelPartOf),
		rel(cbp, dhs, probity.RelPartOf),
		rel(dhs, usg, probity.RelPartOf),
		rel(linkedin, microsoft, probity.RelSubsidiaryOf),
		rel(dell, microsoft, probity.RelResellerFor),
		rel(ice, dell, probity.RelEndUserOf),
		rel(supporter, ice, probity.RelSupports),
		{From: shop, ContractID: "c-cbp", Kind: probity.RelSubcontractorOn},
	} {
		if err := g.AddRelationship(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []probity.Contract{
		{ID: "c-azure", Buyer: ref(ice), Suppliers: []probity.OrgRef{{ID: microsoft}}},
		{ID: "c-dell", Buyer: ref(ice), Suppliers: []probity.OrgRef{{ID: dell}}},
		{ID: "c-ms-dell", Buyer: ref(dell), Suppliers: []probity.OrgRef{{ID: microsoft}}},
		{ID: "c-cbp", Buyer: ref(cbp), Suppliers: []probity.OrgRef{{ID: microsoft}}},
		{ID: "c-supporter", Buyer: ref(supporter), Suppliers: []probity.OrgRef{{ID: microsoft}}},
		{ID: "c-linkedin", Buyer: ref(ice), Suppliers: []probity.OrgRef{{ID: linkedin}}},
		{ID: "c-other", Buyer: ref(unrelated), Suppliers: []probity.OrgRef{{ID: linkedin}}},
	} {
		g.AddContract(c)
	}
	return g
}

func ids(paths []exposure.Path) []string {
	var out []string
	for _, p := range paths {
		out = append(out, fmt.Sprintf("%s %v %v", p.ID, p.Kinds, p.Roles))
	}
	return out
}

func TestExposure(t *testing.T) {
	g := scenario(t)
	flagged := map[int64]bool{ice: true, dhs: true}
	tests := []struct {
		contract string
		depth    int
		flagged  map[int64]bool
		want     []string
	}{
		{"c-azure", 3, flagged, []string{"3>2 [part_of] [buyer]"}},
		{"c-dell", 3, flagged, []string{"3>2 [part_of] [buyer]", "12>3 [end_user] [supplier]", "12>3>2 [end_user part_of] [supplier]"}},
		{"c-ms-dell", 3, flagged, []string{"12>3 [end_user] [buyer]", "12>3>2 [end_user part_of] [buyer]"}},
		{"c-ms-dell", 1, flagged, []string{"12>3 [end_user] [buyer]"}},
		{"c-cbp", 3, flagged, []string{"4>2 [part_of] [buyer]"}},
		{"c-supporter", 3, flagged, []string{"20>3 [supports] [buyer]", "20>3>2 [supports part_of] [buyer]"}},
		{"c-linkedin", 3, map[int64]bool{microsoft: true}, []string{"11>10 [subsidiary_of] [supplier]"}},
		{"c-azure", 3, map[int64]bool{linkedin: true}, []string{"10>11 [parent_of] [supplier]"}},
		{"c-azure", 3, map[int64]bool{usg: true}, []string{"3>2>1 [part_of part_of] [buyer]"}},
		{"c-azure", 1, map[int64]bool{usg: true}, nil},
		{"c-azure", 3, map[int64]bool{cbp: true}, nil}, // part_of is not followed downward
		{"c-cbp", 3, map[int64]bool{shop: true}, nil},  // a party's own flag is not a path
		{"c-other", 3, flagged, nil},
		{"c-missing", 3, flagged, nil},
		{"c-azure", 3, nil, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d/%v", tt.contract, tt.depth, tt.flagged), func(t *testing.T) {
			got := ids(g.Exposure(tt.contract, tt.flagged, tt.depth))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestClientChainKept: when the shortest path leaves the client, the
// shortest path within the client is reported as well.
func TestClientChainKept(t *testing.T) {
	g := exposure.New()
	for _, r := range []probity.Relationship{rel(1, 9, probity.RelSupports), rel(1, 2, probity.RelPartOf), rel(2, 9, probity.RelPartOf)} {
		if err := g.AddRelationship(r); err != nil {
			t.Fatal(err)
		}
	}
	g.AddContract(probity.Contract{ID: "c", Buyer: ref(1)})
	got := ids(g.Exposure("c", map[int64]bool{9: true}, 3))
	want := []string{"1>9 [supports] [buyer]", "1>2>9 [part_of part_of] [buyer]"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRolesMerged(t *testing.T) {
	g := scenario(t)
	if err := g.AddRelationship(probity.Relationship{From: ice, ContractID: "c-azure", Kind: probity.RelEndUserOf}); err != nil {
		t.Fatal(err)
	}
	got := ids(g.Exposure("c-azure", map[int64]bool{dhs: true}, 2))
	if want := []string{"3>2 [part_of] [buyer end_user]"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAffectedContracts(t *testing.T) {
	g := scenario(t)
	tests := []struct {
		depth int
		orgs  []int64
		want  []string
	}{
		{3, []int64{dhs}, []string{"c-azure", "c-cbp", "c-dell", "c-linkedin", "c-ms-dell", "c-supporter"}},
		{1, []int64{dhs}, []string{"c-azure", "c-cbp", "c-dell", "c-linkedin"}},
		{3, []int64{cbp}, []string{"c-cbp"}},
		{3, []int64{shop}, []string{"c-cbp"}},
		{3, []int64{microsoft}, []string{"c-azure", "c-cbp", "c-dell", "c-linkedin", "c-ms-dell", "c-other", "c-supporter"}},
		{3, []int64{999}, nil},
		{3, nil, nil},
	}
	for _, tt := range tests {
		if got := g.AffectedContracts(tt.depth, tt.orgs...); !slices.Equal(got, tt.want) {
			t.Errorf("AffectedContracts(%d, %v) = %v, want %v", tt.depth, tt.orgs, got, tt.want)
		}
	}
	if got := g.AffectedByRelationship(probity.Relationship{From: shop, ContractID: "c-x", Kind: probity.RelEndUserOf}, 3); !slices.Equal(got, []string{"c-x"}) {
		t.Errorf("party relationship: %v", got)
	}
	if got := g.AffectedByRelationship(rel(cbp, dhs, probity.RelPartOf), 1); !slices.Equal(got, []string{"c-azure", "c-cbp", "c-dell", "c-linkedin"}) {
		t.Errorf("edge relationship: %v", got)
	}
}

// TestAffectedMatchesExposure: on random graphs, a contract is affected by
// an organization exactly when the organization is one of its parties or
// its exposure reaches it.
func TestAffectedMatchesExposure(t *testing.T) {
	kinds := []string{probity.RelPartOf, probity.RelSubsidiaryOf, probity.RelResellerFor, probity.RelEndUserOf, probity.RelSupports, probity.RelSubcontractorOn}
	for seed := range 20 {
		r := rand.New(rand.NewPCG(uint64(seed), 7))
		g := exposure.New()
		const orgs = 40
		for range 60 {
			if err := g.AddRelationship(rel(1+r.Int64N(orgs), 1+r.Int64N(orgs), kinds[r.IntN(len(kinds))])); err != nil {
				t.Fatal(err)
			}
		}
		parties := map[string]map[int64]bool{}
		for c := range 30 {
			id := fmt.Sprintf("c%d", c)
			b, s := 1+r.Int64N(orgs), 1+r.Int64N(orgs)
			g.AddContract(probity.Contract{ID: id, Buyer: ref(b), Suppliers: []probity.OrgRef{{ID: s}}})
			parties[id] = map[int64]bool{b: true, s: true}
		}
		depth := 1 + seed%4
		for x := int64(1); x <= orgs; x++ {
			affected := g.AffectedContracts(depth, x)
			for _, c := range g.Contracts() {
				reached := parties[c][x] || len(g.Exposure(c, map[int64]bool{x: true}, depth)) > 0
				if reached != slices.Contains(affected, c) {
					t.Fatalf("seed %d depth %d org %d contract %s: reached %v, affected %v", seed, depth, x, c, reached, affected)
				}
			}
		}
	}
}

func TestAddErrors(t *testing.T) {
	g := exposure.New()
	for _, tt := range []struct {
		r     probity.Relationship
		field string
	}{
		{probity.Relationship{To: 2, Kind: probity.RelPartOf}, "from"},
		{probity.Relationship{From: 1, Kind: probity.RelPartOf}, "to"},
		{probity.Relationship{From: 1, To: 2, Kind: "owns"}, "kind"},
		{probity.Relationship{From: 1, ContractID: "c", Kind: probity.RelSupports}, "contract_id"},
	} {
		err := g.AddRelationship(tt.r)
		var ie *probity.InputError
		if !errors.As(err, &ie) || ie.Field != tt.field {
			t.Errorf("%+v: %v, want field %s", tt.r, err, tt.field)
		}
	}
	if err := g.AddParty("c", 1, "owner"); err == nil {
		t.Error("unknown role accepted")
	}
	if o, s, c := g.Size(); o != 0 || s != 0 || c != 0 {
		t.Errorf("refused additions changed the graph: %d %d %d", o, s, c)
	}
}
