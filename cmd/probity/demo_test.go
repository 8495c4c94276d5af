package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestDemoOutcomesAndMerge: the demo shows allow, review and deny side by
// side (the summary's counts are the decisions the register holds); the
// contract to review has its case open, and says why; and an award the
// 2018 list and the transaction extract both name is one contract, which
// its list id still leads to.
func TestDemoOutcomesAndMerge(t *testing.T) {
	db := tempDB(t)
	out := mustRun(t, db, "demo", "--no-serve")
	m := regexp.MustCompile(`allow (\d+), review (\d+), deny (\d+) \(of (\d+) contracts\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("the demo prints no count per decision:\n%s", out)
	}
	// The counts are those of the register's decisions.
	for i, o := range []string{"allow", "review", "deny"} {
		list := strings.TrimSpace(mustRun(t, db, "decisions", "list", "--json", "--outcome", o))
		n := 0
		if list != "" {
			n = strings.Count(list, "\n") + 1
		}
		if fmt.Sprint(n) != m[i+1] {
			t.Errorf("summary says %s %s, the register holds %d", o, m[i+1], n)
		}
		if n == 0 {
			t.Errorf("no contract is decided %s: the demo must show the three outcomes side by side", o)
		}
	}
	// Each contract to review has an open case and a possible list match
	// explained.
	var reviews []struct {
		ContractID string `json:"contract_id"`
	}
	for _, line := range strings.Split(strings.TrimSpace(mustRun(t, db, "decisions", "list", "--json", "--outcome", "review")), "\n") {
		var d struct {
			ContractID string `json:"contract_id"`
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("decision line %q: %v", line, err)
		}
		reviews = append(reviews, d)
	}
	for _, r := range reviews {
		if cases := mustRun(t, db, "cases", "list", "--contract", r.ContractID, "--state", "open"); !strings.Contains(cases, r.ContractID) {
			t.Errorf("no open case for %s:\n%s", r.ContractID, cases)
		}
		if !strings.Contains(out, "To review: "+r.ContractID) {
			t.Errorf("the summary does not say why %s is to be reviewed", r.ContractID)
		}
	}
	if !strings.Contains(out, "possible match:") || !strings.Contains(out, "review.unconfirmed-hit") {
		t.Errorf("the review is not explained:\n%s", out)
	}

	// One award, two files: one contract, found under the list's id too.
	const listID, key = "usaspending:7012/HSCETC16J00017", "CONT_AWD_HSCETC16J00017_7012_HSHQDC15D00017_7001"
	ids := map[string]int{}
	for _, c := range contractLines(t, mustRun(t, db, "contracts", "list", "--json")) {
		ids[c["id"].(string)]++
	}
	if ids[key] != 1 || ids[listID] != 0 {
		t.Errorf("contracts list: %s %d times, %s %d times; want once and never", key, ids[key], listID, ids[listID])
	}
	if got := fmt.Sprint(len(ids)); got != m[4] {
		t.Errorf("%s contracts listed, the summary says %s", got, m[4])
	}
	var show struct {
		ID          string `json:"id"`
		RequestedID string `json:"requested_id"`
		Sources     []struct {
			File, Layout, Rule string
			ValuesUsed         bool `json:"values_used"`
		} `json:"sources"`
		Merged []struct {
			Alias, Rule string
		} `json:"merged"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "contracts", "show", "--json", listID)), &show); err != nil {
		t.Fatal(err)
	}
	rules := map[string]string{}
	for _, s := range show.Sources {
		rules[s.File] = s.Rule
		// The list's award totals are the values, not the extract's sum.
		if s.ValuesUsed != (s.File == "ice-awards-2018.csv") {
			t.Errorf("values_used of %s: %v", s.File, s.ValuesUsed)
		}
	}
	if show.ID != key || show.RequestedID != listID || len(show.Merged) != 1 || show.Merged[0].Alias != listID ||
		rules["ice-awards-2018.csv"] != "same-agency-piid" || rules["ice-cbp-microsoft-transactions-2021-2026.csv"] != "own-key" {
		t.Errorf("contracts show %s = %+v", listID, show)
	}
	if text := mustRun(t, db, "contracts", "show", listID); !strings.Contains(text, "Former id    "+listID) || !strings.Contains(text, "rule same-agency-piid") {
		t.Errorf("contracts show %s does not say what was merged:\n%s", listID, text)
	}
	// The other commands that take a contract id follow the merge too.
	if out := mustRun(t, db, "decisions", "show", listID); !strings.Contains(out, key) {
		t.Errorf("decisions show %s does not show the decision on %s:\n%s", listID, key, out)
	}
	if out := mustRun(t, db, "decisions", "list", "--contract", listID); !strings.Contains(out, key) {
		t.Errorf("decisions list --contract %s lists nothing of %s:\n%s", listID, key, out)
	}
	if out := mustRun(t, db, "cases", "list", "--contract", listID); !strings.Contains(out, key) {
		t.Errorf("cases list --contract %s lists nothing of %s:\n%s", listID, key, out)
	}
	// Opening a case or raising a concern under the former id acts on the
	// contract, not on an id that is no contract.
	mustRun(t, db, "users", "add", "rev", "--role", "reviewer", "--admin")
	mustRun(t, db, "users", "add", "emp", "--role", "employee", "--admin")
	if out := mustRun(t, db, "cases", "open", "--contract", listID, "--requested-by", "sales", "--as", "rev", "--admin"); !strings.Contains(out, "on contract "+key+":") {
		t.Errorf("cases open --contract %s did not open the case on %s:\n%s", listID, key, out)
	}
	if out := mustRun(t, db, "concerns", "raise", "--contract", listID, "Cancel", "this", "--as", "emp", "--admin"); !strings.Contains(out, key) {
		t.Errorf("concerns raise --contract %s did not raise it about %s:\n%s", listID, key, out)
	}
	if out := mustRun(t, db, "concerns", "list", "--contract", key); !strings.Contains(out, "Cancel this") {
		t.Errorf("the concern raised under %s is not listed under %s:\n%s", listID, key, out)
	}
}
