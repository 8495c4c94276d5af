package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/policy"
)

// writePolicy writes the default policy to a folder, with edits applied to
// its main module.
func writePolicy(t *testing.T, edit func(string) string) string {
	t.Helper()
	b, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, content := range b.AllFiles() {
		if name == "probity.rego" && edit != nil {
			content = edit(content)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPolicyPublishRefusesBadPolicies(t *testing.T) {
	db := tempDB(t)
	mustRun(t, db, "policy", "publish", "default")
	cur := mustRun(t, db, "policy", "show", "--json")
	for name, edit := range map[string]func(string) string{
		"syntax error": func(s string) string { return s + "\nthis is not rego {\n" },
		"failing test": func(s string) string { return strings.Replace(s, `"deny"`, `"review"`, 1) },
		"network": func(s string) string {
			return s + "\nx := http.send({\"method\": \"get\", \"url\": \"http://127.0.0.1\"})\n"
		},
	} {
		dir := writePolicy(t, edit)
		_, errs, code := run(t, db, "", "policy", "publish", dir)
		if code != 1 || !strings.Contains(errs, "refused") {
			t.Errorf("%s: exit %d, stderr %q", name, code, errs)
		}
		if name != "failing test" && !regexp.MustCompile(`probity\.rego:\d+`).MatchString(errs) {
			t.Errorf("%s: error does not name file:line: %q", name, errs)
		}
		if now := mustRun(t, db, "policy", "show", "--json"); now != cur {
			t.Errorf("%s: the policy in force changed", name)
		}
	}
}

func TestFindingsTrackAffectedDecisions(t *testing.T) {
	db := tempDB(t)
	out := mustRun(t, db, "demo", "--no-serve")
	if !strings.Contains(out, "deny.client-violations") {
		t.Fatalf("demo explains no denial:\n%s", out)
	}
	all := contractLines(t, mustRun(t, db, "contracts", "list", "--json"))

	// A finding without a source is refused, naming the field.
	var ms struct {
		ID int64 `json:"id"`
	}
	line := strings.SplitN(mustRun(t, db, "orgs", "list", "--json", "--name", "Microsoft"), "\n", 2)[0]
	if err := json.Unmarshal([]byte(line), &ms); err != nil || ms.ID == 0 {
		t.Fatalf("no Microsoft in the demo: %q", line)
	}
	org := strconv.FormatInt(ms.ID, 10)
	if _, errs, code := run(t, db, "", "findings", "add", "--org", org, "--category", "unlawful_surveillance", "--status", "alleged", "--severity", "high"); code != 1 || !strings.Contains(errs, "sources") {
		t.Fatalf("finding without source: exit %d, %q", code, errs)
	}
	if _, errs, code := run(t, db, "", "findings", "add", "--org", org, "--category", "bad_things", "--status", "alleged", "--severity", "high", "--source", "A|B"); code != 1 || !strings.Contains(errs, "category") {
		t.Fatalf("unknown category: exit %d, %q", code, errs)
	}

	since := time.Now().UTC().Format(time.RFC3339Nano)
	out = mustRun(t, db, "findings", "add", "--org", org, "--category", "unlawful_surveillance", "--status", "alleged",
		"--severity", "high", "--source", "Example Publisher|A report|2020-01-01", "--legal-basis", "ICCPR art. 17", "--summary", "test finding")
	m := regexp.MustCompile(`re-decided (\d+) contracts, (\d+) decisions changed`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("findings add did not re-decide: %q", out)
	}
	redecided, changed := atoi(m[1]), atoi(m[2])
	if redecided == 0 || redecided >= len(all) {
		t.Fatalf("a finding on Microsoft re-decided %d of %d contracts: want only the affected ones", redecided, len(all))
	}
	if changed == 0 {
		t.Fatalf("no decision changed after a finding on a supplier")
	}
	var list []probity.Decision
	for _, l := range strings.Split(strings.TrimSpace(mustRun(t, db, "decisions", "changed", "--since", since, "--json")), "\n") {
		var d probity.Decision
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		list = append(list, d)
	}
	if len(list) != changed {
		t.Fatalf("decisions changed lists %d, the command said %d", len(list), changed)
	}
	for _, d := range list {
		if !strings.Contains(mustRun(t, db, "decisions", "show", strconv.FormatInt(d.ID, 10)), "review.contractor-exposure") &&
			!strings.Contains(mustRun(t, db, "decisions", "show", strconv.FormatInt(d.ID, 10)), "review.related-exposure") {
			t.Errorf("decision %d does not give the new finding as a reason", d.ID)
		}
	}
	// Deciding again changes nothing.
	if out := mustRun(t, db, "decide", "--all"); !strings.Contains(out, " 0 decisions changed") {
		t.Errorf("decide --all after nothing changed: %q", out)
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// TestPolicyFailingOnRealInputsIsRefused: a policy whose tests pass but
// which raises an evaluation error on some real contracts (a conflict of
// complete rules, reached only by large amounts) is refused before it is
// put in force, naming a contract and the rule's file and line; the
// version in force stays and decide --all still works.
func TestPolicyFailingOnRealInputsIsRefused(t *testing.T) {
	db := tempDB(t)
	mustRun(t, db, "demo", "--no-serve")
	cur := mustRun(t, db, "policy", "show", "--json")
	dir := writePolicy(t, func(s string) string {
		return s + `
size := "large" if input.contract.value.amount > 100000
size := "very large" if input.contract.value.amount > 100000

reasons contains {"rule_id": "size", "effect": "review", "message": size, "refs": []} if size == "never"
`
	})
	// Its own tests pass: the conflict needs a large amount.
	mustRun(t, db, "policy", "test", dir)
	_, errs, code := run(t, db, "", "policy", "publish", dir)
	if code != 1 || !strings.Contains(errs, "refused") || !strings.Contains(errs, "contract ") || !regexp.MustCompile(`probity\.rego:\d+`).MatchString(errs) {
		t.Fatalf("publish: exit %d, stderr %q; want a refusal naming a contract and probity.rego:LINE", code, errs)
	}
	if now := mustRun(t, db, "policy", "show", "--json"); now != cur {
		t.Error("the policy in force changed")
	}
	mustRun(t, db, "decide", "--all")
}
