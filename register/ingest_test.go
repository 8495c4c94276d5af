package register_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/input"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/register"
	"github.com/probity/probity/sqlite"
)

// ingest runs one ingest of paths, the way the CLI does.
func ingest(t testing.TB, db probity.Store, kind string, opts register.Options, paths ...string) (*register.Stats, error) {
	t.Helper()
	st := &register.Stats{}
	ctx := context.Background()
	err := db.Update(ctx, func(tx probity.Tx) error {
		ing := register.NewIngest(tx, opts, st)
		err := input.Walk(paths, input.Options{Exts: []string{".csv", ".json", ".jsonl"}}, func(f *input.File) error {
			if kind == "ocds" {
				return ing.OCDS(ctx, register.Source{Name: f.Name, R: f.R})
			}
			return ing.USAspending(ctx, register.Source{Name: f.Name, R: f.R})
		})
		if err != nil {
			return err
		}
		return ing.Finish(ctx)
	})
	return st, err
}

// fingerprint hashes everything a reader of the register can see.
func fingerprint(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	ctx := context.Background()
	h := sha256.New()
	contracts, err := db.Contracts(ctx, probity.ContractFilter{})
	if err != nil {
		t.Fatal(err)
	}
	json.NewEncoder(h).Encode(contracts)
	orgs, err := db.Organizations(ctx, probity.OrgFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		full, err := db.Organization(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := range full.Merges {
			full.Merges[i].At = full.Merges[0].At // times differ between runs by design
		}
		rels, _ := db.Relationships(ctx, o.ID)
		json.NewEncoder(h).Encode(full)
		json.NewEncoder(h).Encode(rels)
	}
	db.Releases(ctx, "", func(ocid string, rs []probity.Release) error {
		fmt.Fprintln(h, ocid, len(rs))
		return nil
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestIngestUSAspendingReal(t *testing.T) {
	dir := shareddata.Dir(t, "usaspending", "mn_ice_contracts")
	db := mustOpen(t)
	ctx := context.Background()
	st, err := ingest(t, db, "usaspending", register.Options{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Skipped.Load() != 0 || st.Files.Load() != 5 {
		t.Fatalf("stats: %s", st)
	}
	// The example row of SOURCES.md.
	list, err := db.Contracts(ctx, probity.ContractFilter{Buyer: "Immigration and Customs"})
	if err != nil {
		t.Fatal(err)
	}
	var west *probity.Contract
	for i := range list {
		if list[i].SourceReference == "70CDCR18P00000017" {
			west = &list[i]
		}
	}
	if west == nil {
		t.Fatal("award 70CDCR18P00000017 not in the register")
	}
	if west.Value == nil || west.Value.Amount != 7391976 || west.Value.Currency != "USD" || len(west.Suppliers) != 1 ||
		west.Suppliers[0].Name != "WEST PUBLISHING CORPORATION" || west.Period.Start != "2017-12-22" {
		t.Errorf("award 70CDCR18P00000017 = %+v", west)
	}
	// Its recipient is a subsidiary of its parent company.
	rels, err := db.Relationships(ctx, west.Suppliers[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	parent := false
	for _, r := range rels {
		if r.Kind == probity.RelSubsidiaryOf && r.From == west.Suppliers[0].ID {
			p, _ := db.Organization(ctx, r.To)
			parent = parent || (p != nil && strings.Contains(p.Name, "THOMSON REUTERS"))
		}
	}
	if !parent {
		t.Errorf("WEST PUBLISHING is not linked to THOMSON REUTERS: %+v", rels)
	}
	// The buyer sits in its hierarchy: ICE ⊂ DHS ⊂ the federal government.
	ice, err := db.Organization(ctx, west.Buyer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ice.PartOf == nil || !strings.Contains(ice.PartOf.Name, "Homeland Security") {
		t.Fatalf("ICE is not part of DHS: %+v", ice)
	}
	dhs, _ := db.Organization(ctx, ice.PartOf.ID)
	if dhs.PartOf == nil || dhs.PartOf.Name != "United States federal government" {
		t.Errorf("DHS is not part of the federal government: %+v", dhs)
	}
	// The subaward file names ICE in capitals: the same organization, with
	// that spelling kept as an alias.
	hasCaps := false
	for _, a := range ice.Aliases {
		hasCaps = hasCaps || a.Name == "U.S. IMMIGRATION AND CUSTOMS ENFORCEMENT"
	}
	if !hasCaps {
		t.Errorf("ICE lacks the subaward file's spelling as an alias: %+v", ice.Aliases)
	}
	// The two spellings of the University of Minnesota carry two different
	// UEIs: they stay two organizations, whatever their names say, and each
	// gathers its rows from both files that name it.
	umn, err := db.Organizations(ctx, probity.OrgFilter{Name: "university of minnesota"})
	if err != nil {
		t.Fatal(err)
	}
	if len(umn) != 2 || umn[0].Identifiers[0] == umn[1].Identifiers[0] {
		t.Errorf("University of Minnesota: want two organizations with different UEIs, got %+v", umn)
	}
	for _, o := range umn {
		full, _ := db.Organization(ctx, o.ID)
		files := map[string]bool{}
		for _, m := range full.Merges {
			files[m.Source] = true
		}
		if o.Name == "REGENTS OF THE UNIVERSITY OF MINNESOTA" && len(files) < 2 {
			t.Errorf("%s is not gathered across files: %+v", o.Name, full.Merges)
		}
	}
	// Subawardees are subcontractors of their prime contracts.
	withSubs := 0
	for _, c := range mustContracts(t, db) {
		if len(c.Subcontractors) > 0 {
			withSubs++
		}
	}
	if withSubs < 38 {
		t.Errorf("%d contracts have subcontractors, want the 38 primes of the subaward file", withSubs)
	}

	// Ingesting the same files again changes nothing.
	before := fingerprint(t, db)
	if _, err := ingest(t, db, "usaspending", register.Options{}, dir); err != nil {
		t.Fatal(err)
	}
	if after := fingerprint(t, db); after != before {
		t.Error("a second ingest of the same files changed the register")
	}
}

func mustContracts(t testing.TB, db *sqlite.DB) []probity.Contract {
	t.Helper()
	list, err := db.Contracts(context.Background(), probity.ContractFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestIngestOCDSReal(t *testing.T) {
	root := shareddata.Dir(t, "ocds")
	db := mustOpen(t)
	var dirs []string
	for _, d := range []string{"paraguay-dncp", "mexico-cdmx", "mexico-gacm", "uk-contracts-finder", "ukraine-prozorro", "nigeria-bpp", "moldova-mtender", "armenia-armeps", "colombia-cce"} {
		dirs = append(dirs, filepath.Join(root, d))
	}
	st, err := ingest(t, db, "ocds", register.Options{}, dirs...)
	if err != nil {
		t.Fatal(err)
	}
	contracts := mustContracts(t, db)
	ocids := map[string]bool{}
	db.Releases(context.Background(), "", func(ocid string, _ []probity.Release) error {
		ocids[ocid] = true
		return nil
	})
	if len(contracts) != len(ocids) || int64(len(contracts)) != st.Contracts.Load() {
		t.Errorf("%d contracts for %d stored ocids (stats %s)", len(contracts), len(ocids), st)
	}
	// Armenia's 900 processes, each with a buyer identified by AM-TIN.
	armenia := 0
	for _, c := range contracts {
		if strings.HasPrefix(c.ID, "AM-PPS-") {
			armenia++
			if c.Buyer == nil {
				t.Errorf("%s has no buyer", c.ID)
			}
		}
	}
	if armenia != 900 {
		t.Errorf("%d Armenian processes, want 900", armenia)
	}
	before := fingerprint(t, db)
	st, err = ingest(t, db, "ocds", register.Options{}, dirs...)
	if err != nil {
		t.Fatal(err)
	}
	if st.New.Load() != 0 || fingerprint(t, db) != before {
		t.Errorf("a second ingest changed the register (%s)", st)
	}
}

func TestIngestOCDSBadRecordNamesPlace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.jsonl")
	os.WriteFile(path, []byte(`{"ocid":"ocds-a-1","id":"1","date":"2020-01-01T00:00:00Z","tag":["tender"]}`+"\n"+`{"ocid":"ocds-a-2","id":"2","tag":["tender"]}`+"\n"), 0o644)
	db := mustOpen(t)
	_, err := ingest(t, db, "ocds", register.Options{}, path)
	if err == nil || !strings.Contains(err.Error(), "r.jsonl:2") || !strings.Contains(err.Error(), "date") {
		t.Fatalf("want an error naming r.jsonl:2 and the date field, got %v", err)
	}
	if n := len(mustContracts(t, db)); n != 0 {
		t.Fatalf("failed ingest wrote %d contracts", n)
	}
}

func TestIngestOCDSSkipInvalid(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.jsonl")
	os.WriteFile(path, []byte(`{"ocid":"ocds-a-1","id":"1","date":"2020-01-01T00:00:00Z","tag":["tender"]}`+"\n"+
		`{"ocid":"ocds-a-2","id":"2","tag":["tender"]}`+"\n"+
		`{"ocid":"ocds-a-3","id":"3","date":"2020-01-03T00:00:00Z","tag":["tender"]}`+"\n"), 0o644)
	db := mustOpen(t)
	var skipped []*probity.InputError
	st, err := ingest(t, db, "ocds", register.Options{SkipInvalid: true, Skipped: func(e *probity.InputError) { skipped = append(skipped, e) }}, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 1 || skipped[0].Line != 2 || skipped[0].Field != "date" || st.Skipped.Load() != 1 {
		t.Fatalf("skipped: %+v (stats %s)", skipped, st)
	}
	if n := len(mustContracts(t, db)); n != 2 {
		t.Fatalf("%d contracts kept, want the 2 good ones", n)
	}
}
