package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runWith runs probity with the environment env.
func runWith(t *testing.T, db string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] }, Terminal: func() bool { return false }}
	code := m.Run(context.Background(), append([]string{"--db", db}, args...))
	return out.String(), errb.String(), code
}

func mustRunWith(t *testing.T, db string, env map[string]string, args ...string) string {
	t.Helper()
	out, errs, code := runWith(t, db, env, args...)
	if code != 0 {
		t.Fatalf("probity %s: exit %d\nstderr: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

// TestCLIClaimsNeedProof: --as and --role are claims; deciding or raising
// needs PROBITY_TOKEN (the role is the token user's, never more) or
// --admin, which the audit records as the local operator.
func TestCLIClaimsNeedProof(t *testing.T) {
	db := tempDB(t)
	mustRun(t, db, "demo", "--no-serve")
	mustRun(t, db, "users", "add", "erin", "--role", "employee", "--admin")
	mustRun(t, db, "users", "add", "rita", "--role", "reviewer", "--admin")
	erin := map[string]string{"PROBITY_TOKEN": strings.TrimSpace(mustRun(t, db, "tokens", "create", "--user", "erin", "--admin"))}
	rita := map[string]string{"PROBITY_TOKEN": strings.TrimSpace(mustRun(t, db, "tokens", "create", "--user", "rita", "--admin"))}
	contract := contractLines(t, mustRun(t, db, "contracts", "list", "--json", "--limit", "1"))[0]["id"].(string)
	caseOut := mustRunWith(t, db, rita, "cases", "open", "--contract", contract)
	id := strings.Fields(strings.TrimPrefix(caseOut, "case "))[0]

	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"claim only", nil, []string{"cases", "decide", id, "--outcome", "reject", "--as", "rita", "--role", "reviewer"}, "needs proof of who acts"},
		{"claimed role above the token's", erin, []string{"cases", "decide", id, "--outcome", "reject", "--role", "reviewer"}, "erin is employee and cannot act as reviewer"},
		{"token of someone else", erin, []string{"cases", "decide", id, "--outcome", "reject", "--as", "rita"}, "holds erin's token"},
		{"operator for a user that does not exist", nil, []string{"cases", "decide", id, "--outcome", "reject", "--as", "mallory", "--admin"}, `user "mallory" does not exist`},
		{"bad token", map[string]string{"PROBITY_TOKEN": "prb_nope"}, []string{"concerns", "raise", "--contract", contract, "text"}, "PROBITY_TOKEN: the token is unknown"},
	} {
		if _, errs, code := runWith(t, db, tc.env, tc.args...); code == 0 || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want a failure saying %q", tc.name, code, errs, tc.want)
		}
	}
	mustRunWith(t, db, erin, "concerns", "raise", "--contract", contract, "Please", "review")
	mustRunWith(t, db, rita, "cases", "decide", id, "--outcome", "reject")
	audit := mustRun(t, db, "audit", "--object", "case:"+id, "--json")
	if !strings.Contains(audit, `"actor":"rita","action":"case.decide"`) {
		t.Errorf("the token user is not the audited actor:\n%s", audit)
	}
	users := mustRun(t, db, "audit", "--object", "user:rita", "--json")
	if !strings.Contains(users, `"actor":"local operator","action":"user.create"`) {
		t.Errorf("the local operator is not in the audit:\n%s", users)
	}
}
