package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestUsersAndTokens(t *testing.T) {
	db := tempDB(t)
	mustRun(t, db, "users", "add", "alice", "--role", "admin", "--email", "alice@example.org", "--admin", "--as", "root")
	mustFail(t, db, 1, "set PROBITY_TOKEN to an admin's API token, or pass --admin", "users", "add", "bob", "--role", "employee")
	mustRun(t, db, "users", "add", "bob", "--role", "employee", "--admin")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"users", "add", "carol"}, 2},
		{[]string{"users", "add", "carol", "--role", "king"}, 2},
		{[]string{"users", "add", "alice", "--role", "employee"}, 1},
		{[]string{"users", "add", "Carol X", "--role", "employee"}, 1},
		{[]string{"tokens", "create", "--user", "nobody"}, 1},
		{[]string{"tokens", "create", "--user", "bob", "--expires", "soon"}, 2},
		{[]string{"tokens", "revoke", "x"}, 2},
		{[]string{"tokens", "revoke", "99"}, 1},
	} {
		if _, _, code := run(t, db, "", append(tc.args, "--admin")...); code != tc.code {
			t.Errorf("probity %s: exit %d, want %d", strings.Join(tc.args, " "), code, tc.code)
		}
	}
	out := mustRun(t, db, "users", "list")
	if !strings.Contains(out, "alice") || !strings.Contains(out, "admin") || !strings.Contains(out, "employee") {
		t.Errorf("users list:\n%s", out)
	}
	secret := strings.TrimSpace(mustRun(t, db, "tokens", "create", "--user", "bob", "--name", "laptop", "--expires", "30d", "--admin"))
	if !strings.HasPrefix(secret, "prb_") || len(secret) < 40 || strings.Contains(secret, "\n") {
		t.Fatalf("tokens create printed %q", secret)
	}
	list := mustRun(t, db, "tokens", "list", "--user", "bob", "--json")
	var tok map[string]any
	if err := json.Unmarshal([]byte(list), &tok); err != nil {
		t.Fatalf("tokens list --json: %v\n%s", err, list)
	}
	if tok["user"] != "bob" || !strings.HasPrefix(secret, tok["prefix"].(string)) || strings.Contains(list, secret) || tok["expires_at"] == nil {
		t.Errorf("token listed as %v", tok)
	}
	// alice proves she is an admin with her token; bob's token is an
	// employee's, which manages nothing.
	aliceToken := strings.TrimSpace(mustRun(t, db, "tokens", "create", "--user", "alice", "--admin"))
	if _, errs, code := runWith(t, db, map[string]string{"PROBITY_TOKEN": secret}, "users", "set", "bob", "--role", "admin"); code != 1 || !strings.Contains(errs, "takes an admin") {
		t.Errorf("an employee's token made bob admin: exit %d, %s", code, errs)
	}
	asAlice := map[string]string{"PROBITY_TOKEN": aliceToken}
	mustRunWith(t, db, asAlice, "tokens", "revoke", "1")
	if _, _, code := runWith(t, db, asAlice, "tokens", "revoke", "1"); code != 1 {
		t.Errorf("second revoke: exit %d", code)
	}
	if out := mustRun(t, db, "tokens", "list"); !strings.Contains(out, "revoked") {
		t.Errorf("tokens list:\n%s", out)
	}
	mustRunWith(t, db, asAlice, "users", "set", "bob", "--role", "reviewer")
	audit := mustRun(t, db, "audit", "--json")
	for _, want := range []string{`"action":"user.create","object":"user:alice"`, `"actor":"root (local operator)"`, `"token.create"`, `"actor":"alice","action":"token.revoke"`, `"user.update"`} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit lacks %s:\n%s", want, audit)
		}
	}
	if strings.Contains(audit, secret) {
		t.Error("the secret reached the audit log")
	}
}
