// Package storetest is the conformance suite that every probity.Store
// implementation must pass: the SQLite store always, PostgreSQL when its
// DSN is set.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/probity/probity"
)

// Run runs the suite; open returns a new, empty store for each subtest.
func Run(t *testing.T, open func(t *testing.T) probity.Store) {
	t.Run("Releases", func(t *testing.T) { testReleases(t, open(t)) })
	t.Run("Organizations", func(t *testing.T) { testOrganizations(t, open(t)) })
	t.Run("Contracts", func(t *testing.T) { testContracts(t, open(t)) })
	t.Run("Rollback", func(t *testing.T) { testRollback(t, open(t)) })
	t.Run("Lists", func(t *testing.T) { testLists(t, open(t)) })
	t.Run("Findings", func(t *testing.T) { testFindings(t, open(t)) })
	t.Run("PolicyAndDecisions", func(t *testing.T) { testPolicyAndDecisions(t, open(t)) })
	t.Run("GraphRows", func(t *testing.T) { testGraphRows(t, open(t)) })
	t.Run("Audit", func(t *testing.T) { testAudit(t, open(t)) })
	t.Run("Accounts", func(t *testing.T) { testAccounts(t, open(t)) })
	t.Run("SessionsFollowAccounts", func(t *testing.T) { testSessionsFollowAccounts(t, open(t)) })
	t.Run("ChangesAreAudited", func(t *testing.T) { testChangesAreAudited(t, open(t)) })
	t.Run("Review", func(t *testing.T) { testReview(t, open(t)) })
	t.Run("ContractSources", func(t *testing.T) { testContractSources(t, open(t)) })
}

func update(t *testing.T, s probity.Store, fn func(tx probity.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func testReleases(t *testing.T, s probity.Store) {
	ctx := context.Background()
	r1 := probity.Release{OCID: "ocds-1", ID: "a", Date: "2020-01-01T00:00:00Z", Version: "1.1", Raw: json.RawMessage(`{"ocid":"ocds-1","id":"a"}`), Source: "f:1"}
	r2 := r1
	r2.Date = "2020-02-01T00:00:00Z"
	update(t, s, func(tx probity.Tx) error {
		for i, r := range []probity.Release{r1, r2, r1} {
			added, err := tx.PutRelease(ctx, r)
			if err != nil {
				return err
			}
			if want := i < 2; added != want {
				t.Errorf("release %d: added = %v, want %v", i, added, want)
			}
		}
		got, err := tx.ReleasesOf(ctx, "ocds-1")
		if err != nil {
			return err
		}
		if len(got) != 2 || string(got[0].Raw) != string(r1.Raw) {
			t.Errorf("ReleasesOf = %+v", got)
		}
		return nil
	})
	var calls int
	err := s.Releases(ctx, "", func(ocid string, rs []probity.Release) error {
		calls++
		if ocid != "ocds-1" || len(rs) != 2 {
			t.Errorf("Releases: %s %d", ocid, len(rs))
		}
		return nil
	})
	if err != nil || calls != 1 {
		t.Fatalf("Releases: %d calls, %v", calls, err)
	}
}

func testOrganizations(t *testing.T, s probity.Store) {
	ctx := context.Background()
	var ice, dhs int64
	uei := probity.Identifier{Scheme: "US-UEI", ID: "ABC"}
	update(t, s, func(tx probity.Tx) error {
		var err error
		if dhs, err = tx.CreateOrg(ctx, "Department of Homeland Security", probity.KindGovernment, "US"); err != nil {
			return err
		}
		if ice, err = tx.CreateOrg(ctx, "U.S. Immigration and Customs Enforcement", probity.KindGovernment, "US"); err != nil {
			return err
		}
		for i := 0; i < 2; i++ { // adding twice changes nothing
			if err := tx.AddOrgName(ctx, ice, "U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT", "us immigration and customs enforcement", "subawards.csv"); err != nil {
				return err
			}
			if err := tx.AddOrgIdentifier(ctx, ice, uei); err != nil {
				return err
			}
			if err := tx.AddOrgRole(ctx, ice, "buyer"); err != nil {
				return err
			}
			if err := tx.AddMerge(ctx, ice, probity.MergeReason{Rule: "identifier", Key: "US-UEI:ABC", Name: "ICE", Source: "subawards.csv:2"}); err != nil {
				return err
			}
			if err := tx.PutRelationship(ctx, probity.Relationship{From: ice, To: dhs, Kind: probity.RelPartOf, Source: "test"}); err != nil {
				return err
			}
		}
		// Another org cannot take an identifier that is held.
		if err := tx.AddOrgIdentifier(ctx, dhs, uei); err != nil {
			return err
		}
		id, ok, err := tx.OrgByIdentifier(ctx, uei)
		if err != nil || !ok || id != ice {
			t.Errorf("OrgByIdentifier = %d %v %v, want %d", id, ok, err, ice)
		}
		if _, ok, _ := tx.OrgByIdentifier(ctx, probity.Identifier{Scheme: "US-UEI", ID: "nope"}); ok {
			t.Error("OrgByIdentifier found an unknown identifier")
		}
		ids, err := tx.OrgsByNormName(ctx, "us immigration and customs enforcement")
		if err != nil || !reflect.DeepEqual(ids, []int64{ice}) {
			t.Errorf("OrgsByNormName = %v %v", ids, err)
		}
		kind, err := tx.OrgKind(ctx, ice)
		if err != nil || kind != probity.KindGovernment {
			t.Errorf("OrgKind = %v %v", kind, err)
		}
		return nil
	})
	o, err := s.Organization(ctx, ice)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Aliases) != 1 || len(o.Identifiers) != 1 || len(o.Merges) != 1 || len(o.Roles) != 1 {
		t.Errorf("organization details not kept once each: %+v", o)
	}
	if o.PartOf == nil || o.PartOf.ID != dhs {
		t.Errorf("PartOf = %+v, want %d", o.PartOf, dhs)
	}
	rels, err := s.Relationships(ctx, dhs)
	if err != nil || len(rels) != 1 {
		t.Errorf("Relationships = %+v %v", rels, err)
	}
	list, err := s.Organizations(ctx, probity.OrgFilter{Name: "CUSTOMS"})
	if err != nil || len(list) != 1 || list[0].ID != ice {
		t.Errorf("Organizations(CUSTOMS) = %+v %v", list, err)
	}
	if _, err := s.Organization(ctx, 9999); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("missing organization: %v", err)
	}
}

func testContracts(t *testing.T, s probity.Store) {
	ctx := context.Background()
	var c probity.Contract
	update(t, s, func(tx probity.Tx) error {
		dhs, _ := tx.CreateOrg(ctx, "Department of Homeland Security", probity.KindGovernment, "US")
		ice, _ := tx.CreateOrg(ctx, "Immigration and Customs Enforcement", probity.KindGovernment, "US")
		dell, _ := tx.CreateOrg(ctx, "Dell Federal Systems", probity.KindCompany, "US")
		ms, _ := tx.CreateOrg(ctx, "Microsoft Corporation", probity.KindCompany, "US")
		if err := tx.PutRelationship(ctx, probity.Relationship{From: ice, To: dhs, Kind: probity.RelPartOf, Source: "t"}); err != nil {
			return err
		}
		c = probity.Contract{ID: "CONT_AWD_1", Title: "Licences", Status: probity.StatusActive,
			Buyer: &probity.OrgRef{ID: ice, Name: "Immigration and Customs Enforcement"}, Suppliers: []probity.OrgRef{{ID: dell, Name: "Dell Federal Systems"}},
			Subcontractors: []probity.OrgRef{{ID: ms, Name: "Microsoft Corporation"}},
			Value:          &probity.Value{Amount: 1.5e6, Currency: "USD"}, Period: probity.Period{Start: "2021-01-01", End: "2022-01-01"},
			Source: "usaspending", SourceFiles: []string{"a.csv"}, SourceReference: "70CTD021"}
		for i := 0; i < 2; i++ {
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
		}
		other := probity.Contract{ID: "ocds-2", Title: "Roads", Status: probity.StatusCompleted, Suppliers: []probity.OrgRef{}, Source: "ocds"}
		return tx.PutContract(ctx, other)
	})
	got, err := s.Contract(ctx, "CONT_AWD_1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, c) {
		t.Errorf("Contract round trip:\n got %+v\nwant %+v", *got, c)
	}
	for _, tc := range []struct {
		f    probity.ContractFilter
		want []string
	}{
		{probity.ContractFilter{}, []string{"CONT_AWD_1", "ocds-2"}},
		{probity.ContractFilter{Buyer: "customs"}, []string{"CONT_AWD_1"}},
		{probity.ContractFilter{Buyer: "homeland"}, []string{"CONT_AWD_1"}}, // through part_of
		{probity.ContractFilter{Buyer: "50%_off"}, nil},
		{probity.ContractFilter{Status: "completed"}, []string{"ocds-2"}},
		{probity.ContractFilter{Limit: 1}, []string{"CONT_AWD_1"}},
	} {
		list, err := s.Contracts(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range list {
			ids = append(ids, c.ID)
		}
		if !reflect.DeepEqual(ids, tc.want) {
			t.Errorf("Contracts(%+v) = %v, want %v", tc.f, ids, tc.want)
		}
	}
	if _, err := s.Contract(ctx, "nope"); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("missing contract: %v", err)
	}
}

func testRollback(t *testing.T, s probity.Store) {
	ctx := context.Background()
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx probity.Tx) error {
		if _, err := tx.CreateOrg(ctx, "Half Written Ltd", probity.KindCompany, ""); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update returned %v, want boom", err)
	}
	list, err := s.Organizations(ctx, probity.OrgFilter{})
	if err != nil || len(list) != 0 {
		t.Fatalf("rolled back transaction left %d organizations (%v)", len(list), err)
	}
}

func testLists(t *testing.T, s probity.Store) {
	ctx := context.Background()
	if _, _, err := s.CurrentList(ctx, "us_ofac_sdn"); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Fatalf("CurrentList before any load: %v", err)
	}
	e1 := probity.WatchlistEntry{List: "us_ofac_sdn", SourceID: "36", Schema: "Organization", Name: "AEROCARIBBEAN AIRLINES", Programs: []string{"CUBA"}}
	e2 := probity.WatchlistEntry{List: "us_ofac_sdn", SourceID: "7", Schema: "Person", Name: "KADYROV, Ramzan", Programs: []string{"GLOMAG"}}
	v1, err := s.SaveList(ctx, probity.ListVersion{List: "us_ofac_sdn", Hash: "h1"}, []probity.WatchlistEntry{e1})
	if err != nil {
		t.Fatal(err)
	}
	v2, err := s.SaveList(ctx, probity.ListVersion{List: "us_ofac_sdn", Hash: "h2", SourceDate: "2024-05-03"}, []probity.WatchlistEntry{e1, e2})
	if err != nil {
		t.Fatal(err)
	}
	if v2.ID <= v1.ID || v2.Entries != 2 || v2.LoadedAt.IsZero() {
		t.Fatalf("versions: %+v then %+v", v1, v2)
	}
	cur, entries, err := s.CurrentList(ctx, "us_ofac_sdn")
	if err != nil || cur.ID != v2.ID || len(entries) != 2 || !reflect.DeepEqual(entries[1], e2) {
		t.Fatalf("CurrentList = %+v %+v %v", cur, entries, err)
	}
	all, err := s.CurrentLists(ctx)
	if err != nil || len(all) != 1 || all[0].ID != v2.ID {
		t.Fatalf("CurrentLists = %+v %v", all, err)
	}
	var org int64
	update(t, s, func(tx probity.Tx) error {
		var err error
		org, err = tx.CreateOrg(ctx, "Ramzan Kadyrov", probity.KindPerson, "")
		return err
	})
	hit := probity.ScreeningResult{OrgID: org, List: "us_ofac_sdn", ListVersionID: v2.ID, SourceID: "7", EntryName: e2.Name, Score: 0.97, Match: true, MatcherVersion: "m1", Explanation: json.RawMessage(`{"why":"x"}`)}
	weak := hit
	weak.SourceID, weak.Score, weak.Match = "36", 0.2, false
	for i := 0; i < 2; i++ {
		if err := s.ReplaceScreenings(ctx, []int64{org}, []probity.ScreeningResult{weak, hit}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Screenings(ctx, org)
	if err != nil || len(got) != 2 || got[0].SourceID != "7" || string(got[0].Explanation) != `{"why":"x"}` {
		t.Fatalf("Screenings = %+v %v", got, err)
	}
	if err := s.ReplaceScreenings(ctx, []int64{org}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Screenings(ctx, 0); len(got) != 0 {
		t.Fatalf("results left after replacing with none: %+v", got)
	}
}
