package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/probity/probity/internal/ocdsschema"
	"github.com/probity/probity/internal/shareddata"
)

// run runs probity in-process against db and returns stdout, stderr and
// the exit status.
func run(t *testing.T, db string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Terminal: func() bool { return false }}
	code := m.Run(context.Background(), append([]string{"--db", db}, args...))
	return out.String(), errb.String(), code
}

// mustRun runs probity and fails the test unless it exits 0.
func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, errs, code := run(t, db, "", args...)
	if code != 0 {
		t.Fatalf("probity %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

// tempDB returns a new, empty database (commands other than ingest, demo
// and migrate refuse a --db that does not exist).
func tempDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "probity.db")
	mustRun(t, db, "migrate")
	return db
}

// contractLines parses `contracts list --json` output.
func contractLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var list []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var c map[string]any
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("not a JSON line: %q: %v", line, err)
		}
		list = append(list, c)
	}
	return list
}

func TestUsage(t *testing.T) {
	db := tempDB(t)
	for _, args := range [][]string{
		{},
		{"nonsense"},
		{"contracts"},
		{"contracts", "list", "--bogus"},
		{"contracts", "show"},
		{"ingest", "xml", "f"},
		{"ingest", "ocds"},
		{"orgs", "show", "abc"},
		{"export", "ocds", "--ocid"},
	} {
		if _, errs, code := run(t, db, "", args...); code != 2 || errs == "" {
			t.Errorf("probity %v: exit %d (want 2), stderr %q", args, code, errs)
		}
	}
	if _, _, code := run(t, db, "", "help"); code != 0 {
		t.Errorf("help: exit %d", code)
	}
	if _, errs, code := run(t, db, "", "contracts", "show", "nope"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("show missing: exit %d, %q", code, errs)
	}
}

func TestDemo(t *testing.T) {
	db := tempDB(t)
	out := mustRun(t, db, "demo", "--no-serve")
	for _, want := range []string{"U.S. Immigration and Customs Enforcement", "Dell Federal Systems", "MICROSOFT"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	all := contractLines(t, mustRun(t, db, "contracts", "list", "--json"))
	if len(all) < 2000 {
		t.Fatalf("demo register has %d contracts, want the 2,203 awards of 2018 and more", len(all))
	}
	for _, c := range all[:5] {
		for _, field := range []string{"id", "title", "status", "buyer", "suppliers", "value", "source"} {
			if _, ok := c[field]; !ok {
				t.Errorf("contract %v lacks field %q", c["id"], field)
			}
		}
		buyer := c["buyer"].(map[string]any)
		if buyer["id"] == nil || buyer["name"] == "" {
			t.Errorf("buyer lacks id or name: %v", buyer)
		}
	}
	// The buyer filter looks up the hierarchy: ICE is part of DHS.
	dhs := contractLines(t, mustRun(t, db, "contracts", "list", "--json", "--buyer", "homeland security"))
	ice := contractLines(t, mustRun(t, db, "contracts", "list", "--json", "--buyer", "Immigration and Customs"))
	if len(ice) == 0 || len(dhs) < len(ice) {
		t.Errorf("buyer filter: %d DHS contracts, %d ICE contracts", len(dhs), len(ice))
	}
	for _, c := range ice {
		if name := c["buyer"].(map[string]any)["name"].(string); !strings.Contains(strings.ToLower(name), "immigration") {
			t.Errorf("--buyer Immigration returned a contract of %q", name)
		}
	}
	// LinkedIn's 2018 award, with Microsoft as its parent.
	show := mustRun(t, db, "contracts", "show", "usaspending:7012/70CMSW18FACR00003")
	for _, want := range []string{"License Agreement for Unlimited Library Access", "Linkedin", "⊂ Department of Homeland Security", "United States federal government"} {
		if !strings.Contains(show, want) {
			t.Errorf("contracts show lacks %q:\n%s", want, show)
		}
	}
	// Loading the demo again changes nothing.
	before := mustRun(t, db, "contracts", "list", "--json")
	mustRun(t, db, "demo", "--no-serve")
	if after := mustRun(t, db, "contracts", "list", "--json"); after != before {
		t.Error("loading the demo twice changed the register")
	}
}

func TestIngestBadCSVIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	csv := filepath.Join(dir, "awards.csv")
	content := "award_id,recipient_name,parent_name,recipient_city,recipient_state,current_total_value,potential_total_value,awarding_office_name,awarding_office_cat,naics_description,naics_cat,award_description,product_combo,company_combo\n" +
		"A1,Good Co,Good Co,X,TX,100.50,100.50,Office,Office,N,N,First award,p,c\n" +
		"A2,Bad Co,Bad Co,X,TX,twelve,12,Office,Office,N,N,Second award,p,c\n" +
		"A3,Other Co,Other Co,X,TX,7,7,Office,Office,N,N,Third award,p,c\n"
	if err := os.WriteFile(csv, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := run(t, db, "", "ingest", "usaspending", csv)
	if code != 1 || !strings.Contains(errs, "awards.csv:3") || !strings.Contains(errs, "current_total_value") {
		t.Fatalf("bad row: exit %d, stderr %q (want file:line and column)", code, errs)
	}
	if got := contractLines(t, mustRun(t, db, "contracts", "list", "--json")); len(got) != 0 {
		t.Fatalf("a failed ingest wrote %d contracts", len(got))
	}
	out, errs, code := run(t, db, "", "ingest", "usaspending", "--skip-invalid", csv)
	if code != 0 || !strings.Contains(errs, "skipped: ") || !strings.Contains(out, "1 skipped") {
		t.Fatalf("--skip-invalid: exit %d, out %q, stderr %q", code, out, errs)
	}
	if got := contractLines(t, mustRun(t, db, "contracts", "list", "--json")); len(got) != 2 {
		t.Fatalf("--skip-invalid kept %d contracts, want 2", len(got))
	}
}

func TestIngestNotUTF8(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	path := filepath.Join(dir, "latin1.csv")
	content := "award_id,recipient_name,parent_name,recipient_city,recipient_state,current_total_value,potential_total_value,awarding_office_name,awarding_office_cat,naics_description,naics_cat,award_description,product_combo,company_combo\n" +
		"A1,Soci\xe9t\xe9 G\xe9n\xe9rale,SG,X,TX,1,1,Office,Office,N,N,Award,p,c\n"
	os.WriteFile(path, []byte(content), 0o644)
	if _, errs, code := run(t, db, "", "ingest", "usaspending", path); code != 1 || !strings.Contains(errs, "latin1.csv:2") || !strings.Contains(errs, "--encoding") {
		t.Fatalf("non-UTF-8: exit %d, stderr %q", code, errs)
	}
	mustRun(t, db, "ingest", "usaspending", "--encoding", "iso-8859-1", path)
	if out := mustRun(t, db, "orgs", "list", "--name", "société"); !strings.Contains(out, "Société Générale") {
		t.Fatalf("converted name not found: %q", out)
	}
}

func TestExportValidatesAgainstSchema(t *testing.T) {
	schema := ocdsschema.RecordPackage(t)
	dir := shareddata.Dir(t, "ocds")
	// Synthetic releases that are valid OCDS: the export must validate as a
	// whole. (Real publishers' releases are kept verbatim, and some of them
	// break the release schema themselves: planning as an array, say.)
	db := tempDB(t)
	mustRun(t, db, "ingest", "ocds", "--quiet", filepath.Join(dir, "ocds-merge-conformance", "1.1", "lists.json"))
	for _, args := range [][]string{
		{"export", "ocds"},
		{"export", "ocds", "--compiled"},
		{"export", "ocds", "--versioned", "--ocid", "ocds-213czf-A"},
		{"export", "ocds", "--compiled", "--versioned"},
	} {
		out := mustRun(t, db, args...)
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatalf("%v: not JSON: %v", args, err)
		}
		if err := schema.Validate(v); err != nil {
			t.Fatalf("%v: invalid record package: %v", args, err)
		}
	}
	if _, errs, code := run(t, db, "", "export", "ocds", "--ocid", "nope"); code != 1 || !strings.Contains(errs, "nope") {
		t.Errorf("export of an unknown ocid: exit %d, %q", code, errs)
	}

	// Real data: every release comes back verbatim.
	db = tempDB(t)
	src := filepath.Join(dir, "armenia-armeps", "armenia-releases.jsonl")
	mustRun(t, db, "ingest", "ocds", "--quiet", src)
	var pkg struct {
		Version string `json:"version"`
		Records []struct {
			OCID     string            `json:"ocid"`
			Releases []json.RawMessage `json:"releases"`
		} `json:"records"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "export", "ocds")), &pkg); err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{}
	for _, r := range pkg.Records {
		for _, rel := range r.Releases {
			exported[string(rel)] = true
		}
	}
	data, _ := os.ReadFile(src)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if pkg.Version != "1.1" || len(pkg.Records) != 900 || len(exported) != len(lines) {
		t.Fatalf("export: version %q, %d records, %d releases; want 1.1, 900, %d", pkg.Version, len(pkg.Records), len(exported), len(lines))
	}
	for i, l := range lines {
		if !exported[l] {
			t.Fatalf("line %d of the input is not exported verbatim", i+1)
		}
	}
}
