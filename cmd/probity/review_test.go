package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// mustFail runs probity and fails the test unless it exits with code and
// says want on stderr.
func mustFail(t *testing.T, db string, code int, want string, args ...string) {
	t.Helper()
	_, errs, got := run(t, db, "", args...)
	if got != code || !strings.Contains(errs, want) {
		t.Fatalf("probity %s: exit %d, stderr %q; want exit %d saying %q", strings.Join(args, " "), got, errs, code, want)
	}
}

func TestCasesAndConcernsOnTheDemo(t *testing.T) {
	db := tempDB(t)
	mustRun(t, db, "demo", "--no-serve")
	// The people of the story; they act on the command line vouched for by
	// the local operator (--admin), which the audit records.
	for _, u := range []string{"alice:reviewer", "bob:reviewer", "carol:reviewer", "dave:admin", "erin:employee", "frank:employee"} {
		name, role, _ := strings.Cut(u, ":")
		mustRun(t, db, "users", "add", name, "--role", role, "--admin")
	}

	// Every contract whose latest decision is review or deny gets a case.
	flagged := map[string]string{}
	for _, d := range contractLines(t, mustRun(t, db, "decisions", "list", "--json")) {
		id, outcome := d["contract_id"].(string), d["outcome"].(string)
		if outcome != "allow" {
			flagged[id] = outcome
		}
	}
	if len(flagged) == 0 {
		t.Fatal("the demo flagged no contract")
	}
	mustRun(t, db, "cases", "sync")
	if out := mustRun(t, db, "cases", "sync"); !strings.Contains(out, "0 opened, 0 moved") {
		t.Errorf("second sync changed cases: %q", out)
	}
	cases := contractLines(t, mustRun(t, db, "cases", "list", "--json"))
	if len(cases) != len(flagged) {
		t.Fatalf("%d cases for %d flagged contracts", len(cases), len(flagged))
	}
	caseOf := map[string]float64{}
	var denied []string
	for _, c := range cases {
		id := c["contract_id"].(string)
		if c["state"] != "open" || c["decision_outcome"] != flagged[id] {
			t.Fatalf("case %v: %v", c["id"], c)
		}
		caseOf[id] = c["id"].(float64)
		if flagged[id] == "deny" {
			denied = append(denied, id)
		}
	}
	if overdue := strings.TrimSpace(mustRun(t, db, "cases", "list", "--overdue", "--json")); overdue != "" {
		t.Errorf("fresh cases listed as overdue: %.200s", overdue)
	}
	if len(denied) < 2 {
		t.Fatalf("want two denied contracts, have %d", len(denied))
	}

	// Walk one denied contract to cancel_contract.
	contract := denied[0]
	if _, ok := caseOf[demoExample]; ok && flagged[demoExample] == "deny" {
		contract = demoExample
	}
	id := fmt.Sprint(caseOf[contract])
	if out := mustRun(t, db, "cases", "open", "--contract", contract, "--requested-by", "alice", "--as", "dave", "--admin", "--role", "admin"); !strings.Contains(out, "case "+id+" ") {
		t.Fatalf("cases open on a contract with a case: %q, want case %s", out, id)
	}
	mustFail(t, db, 1, "alice requested this deal and cannot be assigned its case", "cases", "assign", id, "--to", "alice", "--as", "bob", "--admin")
	mustRun(t, db, "cases", "assign", id, "--to", "bob", "--as", "dave", "--admin", "--role", "admin")
	mustRun(t, db, "cases", "comment", id, "Their", "case", "management", "system", "runs", "on", "our", "licences.", "--as", "erin", "--admin", "--role", "employee")
	mustFail(t, db, 1, "only reviewer or above may attach", "cases", "attach", id, "--url", "https://example.org/x", "--title", "X", "--as", "erin", "--admin", "--role", "employee")
	mustRun(t, db, "cases", "attach", id, "--url", "https://www.dhs.gov/oig", "--title", "OIG report", "--as", "bob", "--admin")
	mustFail(t, db, 1, "alice requested this deal and cannot decide its case", "cases", "decide", id, "--outcome", "cancel_contract", "--as", "alice", "--admin", "--role", "reviewer")
	mustFail(t, db, 1, "conditions", "cases", "decide", id, "--outcome", "approve_with_conditions", "--as", "bob", "--admin")
	if out := mustRun(t, db, "cases", "decide", id, "--outcome", "cancel_contract", "--as", "bob", "--admin"); !strings.Contains(out, "is now cancelled") {
		t.Errorf("decide: %q", out)
	}
	var cancelled bool
	for _, c := range contractLines(t, mustRun(t, db, "contracts", "list", "--json", "--status", "cancelled")) {
		cancelled = cancelled || c["id"] == contract
	}
	if !cancelled {
		t.Fatalf("contract %s is not cancelled", contract)
	}
	history := contractLines(t, mustRun(t, db, "audit", "--object", "contract:"+contract, "--json"))
	if len(history) != 1 || history[0]["action"] != "contract.cancel" || history[0]["actor"] != "bob (local operator)" {
		t.Fatalf("contract history: %v", history)
	}
	if after, _ := json.Marshal(history[0]["after"]); !strings.Contains(string(after), `"case":`+id) {
		t.Errorf("contract history does not name the case: %s", after)
	}
	show := mustRun(t, db, "cases", "show", id)
	for _, want := range []string{"OUTCOME: cancel_contract by bob", "requested by alice; assigned to bob", "Decision ", "[deny]",
		"erin: Their case management system", "https://www.dhs.gov/oig \"OIG report\"", "dave (local operator) case.request", "bob (local operator) case.decide"} {
		if !strings.Contains(show, want) {
			t.Errorf("cases show lacks %q:\n%s", want, show)
		}
	}
	if decided := contractLines(t, mustRun(t, db, "cases", "list", "--state", "decided", "--json")); len(decided) != 1 {
		t.Errorf("%d decided cases, want 1", len(decided))
	}
	if out := mustRun(t, db, "cases", "sync"); !strings.Contains(out, "0 opened") {
		t.Errorf("sync after cancel: %q", out)
	}

	// Overriding a deny takes two reviewers.
	id2 := fmt.Sprint(caseOf[denied[1]])
	if out := mustRun(t, db, "cases", "decide", id2, "--outcome", "approve", "--as", "bob", "--admin"); !strings.Contains(out, "second, different reviewer") {
		t.Errorf("first approval: %q", out)
	}
	mustFail(t, db, 1, "bob already approved", "cases", "decide", id2, "--outcome", "approve", "--as", "bob", "--admin")
	if out := mustRun(t, db, "cases", "decide", id2, "--outcome", "approve", "--as", "carol", "--admin"); !strings.Contains(out, "decided: approve") {
		t.Errorf("second approval: %q", out)
	}

	// A concern about an organization escalates at its threshold to a
	// case of its own.
	buyer := fmt.Sprint(contractLines(t, mustRun(t, db, "contracts", "list", "--json", "--limit", "1"))[0]["buyer"].(map[string]any)["id"])
	out := mustRun(t, db, "concerns", "raise", "--org", buyer, "--threshold", "2", "--as", "erin", "--admin", "We", "should", "not", "do", "this.")
	if !strings.Contains(out, "concern 1 about org:"+buyer+": open, 1 of 2") {
		t.Fatalf("raise: %q", out)
	}
	mustFail(t, db, 1, "erin has already signed concern 1", "concerns", "sign", "1", "--as", "erin", "--admin")
	mustFail(t, db, 1, "set PROBITY_TOKEN", "concerns", "sign", "1", "--as", "frank") // a claim, no proof
	if out := mustRun(t, db, "concerns", "sign", "1", "--anonymous", "--as", "frank", "--admin"); !strings.Contains(out, "escalated to case") {
		t.Fatalf("sign: %q", out)
	}
	concerns := contractLines(t, mustRun(t, db, "concerns", "list", "--json"))
	if len(concerns) != 1 || concerns[0]["status"] != "escalated" || concerns[0]["case_id"] == nil {
		t.Fatalf("concerns: %v", concerns)
	}
	caseID := fmt.Sprint(concerns[0]["case_id"])
	if show := mustRun(t, db, "cases", "show", caseID); !strings.Contains(show, "on org:"+buyer+": open, high priority") || !strings.Contains(show, "(escalated, 2 signatures)") {
		t.Fatalf("escalated case:\n%s", show)
	}
	// Without a proof, the public's view.
	if public := mustRun(t, db, "concerns", "show", "1"); strings.Contains(public, "frank") || !strings.Contains(public, "anonymous") {
		t.Errorf("the public sees an anonymous signer:\n%s", public)
	}
	if internal := mustRun(t, db, "concerns", "show", "1", "--role", "reviewer", "--as", "bob", "--admin"); !strings.Contains(internal, "frank") {
		t.Errorf("a reviewer does not see who signed:\n%s", internal)
	}
	mustRun(t, db, "cases", "decide", caseID, "--outcome", "reject", "--as", "carol", "--admin")
	if show := mustRun(t, db, "concerns", "show", "1", "--as", "erin", "--admin"); !strings.Contains(show, "closed: case "+caseID+" decided reject") {
		t.Errorf("concern after its case:\n%s", show)
	}
}

func TestReviewUsage(t *testing.T) {
	db := tempDB(t)
	for _, args := range [][]string{
		{"cases"},
		{"cases", "bogus"},
		{"cases", "list", "--state", "bogus"},
		{"cases", "show"},
		{"cases", "show", "abc"},
		{"cases", "assign", "1"},
		{"cases", "comment", "1"},
		{"cases", "attach", "1"},
		{"cases", "attach", "1", "--finding", "2", "--url", "https://x.org"},
		{"cases", "decide", "1"},
		{"cases", "open"},
		{"cases", "assign", "1", "--to", "bob", "--role", "boss"},
		{"concerns"},
		{"concerns", "raise", "text"},
		{"concerns", "raise", "--contract", "C", "--org", "1", "text"},
		{"concerns", "raise", "--contract", "C"},
		{"concerns", "raise", "--contract", "C", "--threshold", "0", "text"},
		{"concerns", "sign"},
	} {
		if _, errs, code := run(t, db, "", args...); code != 2 || errs == "" {
			t.Errorf("probity %v: exit %d (want 2), stderr %q", args, code, errs)
		}
	}
	mustFail(t, db, 1, "case 7 not found", "cases", "show", "7")
	mustRun(t, db, "users", "add", "erin", "--role", "employee", "--admin")
	mustFail(t, db, 1, "not found", "concerns", "raise", "--contract", "nope", "--as", "erin", "--admin", "text")
}
