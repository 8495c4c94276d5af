package exposure_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/exposure"
)

// synthetic builds a register of 100,000 contracts: a government with 20
// departments, 400 agencies and 1,000 offices (part_of); 20,000 companies,
// 2,000 of them subsidiaries of 500 groups; 300 resellers for 10 vendors,
// with 3,000 end-user relations to agencies; 500 supports relations; one
// buyer and one supplier per contract and a subcontractor on one in five.
// It returns the graph, the flagged set (findings on 5 departments, 40
// agencies, 200 companies) and ids of a department and an agency.
func synthetic(tb testing.TB) (*exposure.Graph, map[int64]bool, int64, int64) {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	g := exposure.New()
	add := func(from, to int64, kind string) {
		if err := g.AddRelationship(rel(from, to, kind)); err != nil {
			tb.Fatal(err)
		}
	}
	const gov, dept0, agency0, office0, company0 = 1, 100, 1000, 10000, 100000
	for d := range int64(20) {
		add(dept0+d, gov, probity.RelPartOf)
	}
	for a := range int64(400) {
		add(agency0+a, dept0+a%20, probity.RelPartOf)
	}
	for o := range int64(1000) {
		add(office0+o, agency0+r.Int64N(400), probity.RelPartOf)
	}
	for s := range int64(2000) {
		add(company0+s, company0+19000+r.Int64N(500), probity.RelSubsidiaryOf)
	}
	for x := range int64(300) {
		reseller := company0 + 2000 + x
		add(reseller, company0+19900+r.Int64N(10), probity.RelResellerFor)
		for range 10 {
			add(agency0+r.Int64N(400), reseller, probity.RelEndUserOf)
		}
	}
	for range 500 {
		add(company0+r.Int64N(20000), agency0+r.Int64N(400), probity.RelSupports)
	}
	for c := range 100_000 {
		var buyer int64
		if c%2 == 0 {
			buyer = agency0 + r.Int64N(400)
		} else {
			buyer = office0 + r.Int64N(1000)
		}
		ct := probity.Contract{ID: fmt.Sprintf("c%06d", c), Buyer: ref(buyer), Suppliers: []probity.OrgRef{{ID: company0 + r.Int64N(20000)}}}
		if c%5 == 0 {
			ct.Subcontractors = []probity.OrgRef{{ID: company0 + r.Int64N(20000)}}
		}
		g.AddContract(ct)
	}
	flagged := map[int64]bool{}
	for range 5 {
		flagged[dept0+r.Int64N(20)] = true
	}
	for range 40 {
		flagged[agency0+r.Int64N(400)] = true
	}
	for range 200 {
		flagged[company0+r.Int64N(20000)] = true
	}
	return g, flagged, dept0 + 3, agency0 + 17
}

func BenchmarkBuild100k(b *testing.B) {
	for b.Loop() {
		synthetic(b)
	}
}

// BenchmarkNewFinding: a new finding on one organization; find the affected
// contracts and recompute their exposure (the policy then re-decides them).
func BenchmarkNewFinding(b *testing.B) {
	g, flagged, dept, agency := synthetic(b)
	for _, tc := range []struct {
		name string
		org  int64
	}{{"agency", agency}, {"department", dept}} {
		b.Run(tc.name, func(b *testing.B) {
			f := map[int64]bool{tc.org: true}
			for k := range flagged {
				f[k] = true
			}
			var affected, paths int
			for b.Loop() {
				ids := g.AffectedContracts(3, tc.org)
				affected, paths = len(ids), 0
				for _, id := range ids {
					paths += len(g.Exposure(id, f, 3))
				}
			}
			b.ReportMetric(float64(affected), "contracts/op")
			b.ReportMetric(float64(paths), "paths/op")
		})
	}
}

func BenchmarkExposureAll100k(b *testing.B) {
	g, flagged, _, _ := synthetic(b)
	ids := g.Contracts()
	for b.Loop() {
		for _, id := range ids {
			g.Exposure(id, flagged, 3)
		}
	}
}
