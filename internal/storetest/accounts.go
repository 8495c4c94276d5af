package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity"
)

func testAccounts(t *testing.T, s probity.Store) {
	ctx := context.Background()
	alice, err := s.CreateUser(ctx, probity.User{Name: "alice", Email: "alice@example.org", Role: probity.RoleAdmin}, "root")
	if err != nil || alice.ID == 0 || alice.CreatedAt.IsZero() {
		t.Fatalf("CreateUser = %+v, %v", alice, err)
	}
	for _, tc := range []struct {
		u    probity.User
		code string
	}{
		{probity.User{Name: "alice", Role: probity.RoleEmployee}, probity.ECONFLICT},
		{probity.User{Name: "Bob Smith", Role: probity.RoleEmployee}, probity.EINVALID},
		{probity.User{Name: "bob", Role: probity.RolePublic}, probity.EINVALID},
		{probity.User{Name: "bob", Role: "king"}, probity.EINVALID},
		{probity.User{Name: "bob", Role: probity.RoleEmployee, Email: "bob"}, probity.EINVALID},
	} {
		if _, err := s.CreateUser(ctx, tc.u, "root"); probity.ErrorCode(err) != tc.code {
			t.Errorf("CreateUser(%+v) = %v, want %s", tc.u, err, tc.code)
		}
	}
	bob, err := s.CreateUser(ctx, probity.User{Name: "bob", Role: probity.RoleEmployee}, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if users, err := s.Users(ctx); err != nil || len(users) != 2 || users[0].Name != "alice" || users[1].Role != probity.RoleEmployee {
		t.Fatalf("Users = %+v, %v", users, err)
	}
	if _, err := s.User(ctx, "carol"); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("User(carol) = %v", err)
	}
	if u, err := s.UserByID(ctx, bob.ID); err != nil || u.Name != "bob" {
		t.Errorf("UserByID = %+v, %v", u, err)
	}
	bob.Role = probity.RoleReviewer
	if _, err := s.UpdateUser(ctx, bob, "alice"); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.User(ctx, "bob"); u == nil || u.Role != probity.RoleReviewer {
		t.Errorf("role not updated: %+v", u)
	}

	// Tokens: only the hash is kept; authentication by hash.
	now := time.Now()
	secret, display, hash, err := probity.NewSecret(probity.TokenPrefix)
	if err != nil || !strings.HasPrefix(secret, "prb_") || !strings.HasPrefix(secret, display) || hash != probity.HashSecret(secret) {
		t.Fatalf("NewSecret = %q %q %q %v", secret, display, hash, err)
	}
	tok, err := s.CreateToken(ctx, probity.Token{UserID: bob.ID, Name: "laptop", Prefix: display, ExpiresAt: now.Add(time.Hour)}, hash, "alice")
	if err != nil || tok.ID == 0 || tok.User != "bob" {
		t.Fatalf("CreateToken = %+v, %v", tok, err)
	}
	if _, err := s.CreateToken(ctx, probity.Token{UserID: 999, Prefix: "x"}, probity.HashSecret("other"), "alice"); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("token for a missing user: %v", err)
	}
	if _, err := s.CreateToken(ctx, probity.Token{UserID: bob.ID, Prefix: "x"}, hash, "alice"); probity.ErrorCode(err) != probity.ECONFLICT {
		t.Errorf("same hash twice: %v", err)
	}
	u, got, err := s.Authenticate(ctx, hash, now)
	if err != nil || u.Name != "bob" || u.Role != probity.RoleReviewer || got.ID != tok.ID || got.LastUsedAt.IsZero() {
		t.Fatalf("Authenticate = %+v %+v %v", u, got, err)
	}
	for name, tc := range map[string]struct {
		hash string
		at   time.Time
	}{
		"unknown": {probity.HashSecret("prb_nope"), now},
		"expired": {hash, now.Add(2 * time.Hour)},
	} {
		if _, _, err := s.Authenticate(ctx, tc.hash, tc.at); probity.ErrorCode(err) != probity.EUNAUTHORIZED {
			t.Errorf("Authenticate %s: %v", name, err)
		}
	}
	if list, err := s.Tokens(ctx, bob.ID); err != nil || len(list) != 1 || list[0].Prefix != display {
		t.Errorf("Tokens = %+v, %v", list, err)
	}
	if list, _ := s.Tokens(ctx, alice.ID); len(list) != 0 {
		t.Errorf("alice has tokens: %+v", list)
	}
	if r, err := s.RevokeToken(ctx, tok.ID, "alice"); err != nil || r.RevokedAt.IsZero() {
		t.Fatalf("RevokeToken = %+v, %v", r, err)
	}
	if _, err := s.RevokeToken(ctx, tok.ID, "alice"); probity.ErrorCode(err) != probity.ECONFLICT {
		t.Errorf("revoke twice: %v", err)
	}
	if _, err := s.RevokeToken(ctx, 12345, "alice"); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("revoke missing: %v", err)
	}
	if _, _, err := s.Authenticate(ctx, hash, now); probity.ErrorCode(err) != probity.EUNAUTHORIZED {
		t.Errorf("revoked token still authenticates: %v", err)
	}

	// A disabled user's tokens stop working.
	_, _, hash2, _ := probity.NewSecret(probity.TokenPrefix)
	if _, err := s.CreateToken(ctx, probity.Token{UserID: bob.ID, Prefix: "prb_x"}, hash2, "alice"); err != nil {
		t.Fatal(err)
	}
	bob.Disabled = true
	if _, err := s.UpdateUser(ctx, bob, "alice"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Authenticate(ctx, hash2, now); probity.ErrorCode(err) != probity.EUNAUTHORIZED {
		t.Errorf("disabled user authenticates: %v", err)
	}

	// Sessions.
	sess := probity.Session{ID: probity.HashSecret("cookie"), UserID: alice.ID, CSRF: "csrf", ExpiresAt: now.Add(time.Hour)}
	if err := s.CreateSession(ctx, sess, "alice"); err != nil {
		t.Fatal(err)
	}
	gs, gu, err := s.Session(ctx, sess.ID, now)
	if err != nil || gu.Name != "alice" || gs.CSRF != "csrf" {
		t.Fatalf("Session = %+v %+v %v", gs, gu, err)
	}
	if _, _, err := s.Session(ctx, sess.ID, now.Add(2*time.Hour)); probity.ErrorCode(err) != probity.EUNAUTHORIZED {
		t.Errorf("expired session: %v", err)
	}
	if err := s.DeleteSession(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Session(ctx, sess.ID, now); probity.ErrorCode(err) != probity.EUNAUTHORIZED {
		t.Errorf("deleted session: %v", err)
	}

	// Every change was audited, and no secret or hash reached the log.
	entries, err := s.Audit(ctx, probity.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range entries {
		actions[e.Action]++
		if strings.Contains(string(e.After), hash) || strings.Contains(string(e.After), secret) || strings.Contains(string(e.After), "csrf") {
			t.Errorf("secret in audit entry %+v", e)
		}
	}
	for action, want := range map[string]int{"user.create": 2, "user.update": 2, "token.create": 2, "token.revoke": 1, "session.create": 1} {
		if actions[action] != want {
			t.Errorf("%d %s audit entries, want %d (%v)", actions[action], action, want, actions)
		}
	}
	if up, _ := s.Audit(ctx, probity.AuditFilter{Action: "user.update", Limit: 1}); len(up) != 1 || !strings.Contains(string(up[0].Before), `"employee"`) || !strings.Contains(string(up[0].After), `"reviewer"`) {
		t.Errorf("user.update before/after: %+v", up)
	}
}
