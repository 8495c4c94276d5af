package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/probity/probity"
)

// testSessionsFollowAccounts: a session ends with the token it was signed
// in with and with its user's disablement, and enabling the user again
// does not revive it; a session of a one-time link (no token) stands on
// its own.
func testSessionsFollowAccounts(t *testing.T, s probity.Store) {
	ctx := context.Background()
	now := time.Now()
	u, err := s.CreateUser(ctx, probity.User{Name: "sam", Role: probity.RoleReviewer}, "root")
	if err != nil {
		t.Fatal(err)
	}
	newToken := func() probity.Token {
		_, display, hash, err := probity.NewSecret(probity.TokenPrefix)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := s.CreateToken(ctx, probity.Token{UserID: u.ID, Prefix: display}, hash, "root")
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	newSession := func(tokenID int64) string {
		_, _, id, err := probity.NewSecret("")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CreateSession(ctx, probity.Session{ID: id, UserID: u.ID, TokenID: tokenID, CSRF: "c", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}, "sam"); err != nil {
			t.Fatal(err)
		}
		return id
	}
	alive := func(id string) bool {
		_, _, err := s.Session(ctx, id, now)
		if err != nil && probity.ErrorCode(err) != probity.EUNAUTHORIZED {
			t.Fatal(err)
		}
		return err == nil
	}
	tok := newToken()
	byToken, byLink := newSession(tok.ID), newSession(0)
	if sess, _, err := s.Session(ctx, byToken, now); err != nil || sess.TokenID != tok.ID {
		t.Fatalf("Session = %+v, %v; want token %d", sess, err, tok.ID)
	}
	if _, err := s.RevokeToken(ctx, tok.ID, "root"); err != nil {
		t.Fatal(err)
	}
	if alive(byToken) || !alive(byLink) {
		t.Fatalf("after revoking token %d: session by token alive %v (want false), by link alive %v (want true)", tok.ID, alive(byToken), alive(byLink))
	}
	u.Role = probity.RoleEmployee
	if _, err := s.UpdateUser(ctx, u, "root"); err != nil {
		t.Fatal(err)
	}
	if _, su, err := s.Session(ctx, byLink, now); err != nil || su.Role != probity.RoleEmployee {
		t.Fatalf("after demotion the session sees %+v, %v", su, err)
	}
	newToken() // an active token, until its user is disabled
	u.Disabled = true
	if _, err := s.UpdateUser(ctx, u, "root"); err != nil {
		t.Fatal(err)
	}
	if list, err := s.Tokens(ctx, u.ID); err != nil || len(list) != 2 || !list[1].UserDisabled || list[1].Active(now) {
		t.Fatalf("tokens of a disabled user = %+v, %v; want them inactive", list, err)
	}
	u.Disabled = false
	if _, err := s.UpdateUser(ctx, u, "root"); err != nil {
		t.Fatal(err)
	}
	if alive(byLink) {
		t.Fatal("disabling and enabling the user again revived a session")
	}
}
