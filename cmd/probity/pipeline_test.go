package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity/internal/pgtest"
)

// TestIngestRunsTheLaterStages: with a list loaded and a policy in force,
// newly ingested contracts are screened and decided at once.
func TestIngestRunsTheLaterStages(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	mustRun(t, db, "migrate")
	list := filepath.Join(dir, "list.csv")
	os.WriteFile(list, []byte("id,name,schema,program\nX1,Acme Surveillance Systems,Company,GLOMAG\n"), 0o644)
	mustRun(t, db, "lists", "load", "csv", list, "--name", "test_list")
	mustRun(t, db, "policy", "publish", "default")
	awards := filepath.Join(dir, "awards.csv")
	os.WriteFile(awards, []byte("award_id,recipient_name,parent_name,recipient_city,recipient_state,current_total_value,potential_total_value,awarding_office_name,awarding_office_cat,naics_description,naics_cat,award_description,product_combo,company_combo\n"+
		"A1,Acme Surveillance Systems,Acme Surveillance Systems,X,TX,100,100,Office,Office,N,N,Cameras,p,c\n"+
		"A2,Plain Paper Co,Plain Paper Co,X,TX,7,7,Office,Office,N,N,Paper,p,c\n"), 0o644)
	out := mustRun(t, db, "ingest", "usaspending", "--quiet", awards)
	if !strings.Contains(out, "screened") || !strings.Contains(out, "re-decided 2 contracts") {
		t.Fatalf("ingest did not screen and decide: %q", out)
	}
	show := mustRun(t, db, "decisions", "show", "usaspending:7012/A1")
	if !strings.Contains(show, "review.unconfirmed-hit") || !strings.Contains(show, "test_list:X1") {
		t.Errorf("the listed supplier's contract is not sent to review with the hit:\n%s", show)
	}
	if show := mustRun(t, db, "decisions", "show", "usaspending:7012/A2"); !strings.Contains(show, "ALLOW") {
		t.Errorf("the clean contract is not allowed:\n%s", show)
	}
}

// TestPostgresBackend runs the demo and a few commands against PostgreSQL
// when PROBITY_TEST_POSTGRES names a server (CI starts one).
func TestPostgresBackend(t *testing.T) {
	db := pgtest.NewDatabase(t)
	out := mustRun(t, db, "demo", "--no-serve")
	if !strings.Contains(out, "deny.client-violations") {
		t.Fatalf("demo on PostgreSQL explains no denial:\n%s", out)
	}
	list := contractLines(t, mustRun(t, db, "contracts", "list", "--json", "--buyer", "Immigration and Customs"))
	if len(list) < 2000 {
		t.Fatalf("%d ICE contracts on PostgreSQL", len(list))
	}
}
