package probity_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity"
)

func TestAccountAuditEntries(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	alice := probity.User{ID: 3, Name: "alice", Role: probity.RoleReviewer, CreatedAt: at}
	admin := alice
	admin.Role = probity.RoleAdmin
	tok := probity.Token{ID: 7, UserID: 3, User: "alice", Prefix: "pb_abc", CreatedAt: at}
	revoked := tok
	revoked.RevokedAt = at.Add(time.Hour)
	sess := probity.Session{ID: "secret-hash", UserID: 3, CSRF: "csrf", CreatedAt: at, ExpiresAt: at.Add(12 * time.Hour)}
	must := func(e probity.AuditEntry, err error) probity.AuditEntry {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	for _, tc := range []struct {
		entry          probity.AuditEntry
		action, object string
		before, after  string // substrings; "" means the side must be null
	}{
		{must(probity.UserCreated("root", alice)), "user.create", "user:alice", "", `"role":"reviewer"`},
		{must(probity.UserUpdated("root", alice, admin)), "user.update", "user:alice", `"role":"reviewer"`, `"role":"admin"`},
		{must(probity.TokenCreated("root", tok)), "token.create", "token:7", "", `"prefix":"pb_abc"`},
		{must(probity.TokenRevoked("root", tok, revoked)), "token.revoke", "token:7", `"prefix":"pb_abc"`, `"revoked_at":"2026-12-01T10:00:00Z"`},
		{must(probity.SessionCreated("alice", sess)), "session.create", "user:alice", "", `"user_id":3`},
	} {
		e := tc.entry
		if e.Action != tc.action || e.Object != tc.object {
			t.Errorf("%s: got action %q object %q, want %q %q", tc.action, e.Action, e.Object, tc.action, tc.object)
		}
		for _, side := range []struct {
			raw  json.RawMessage
			want string
		}{{e.Before, tc.before}, {e.After, tc.after}} {
			if side.want == "" && side.raw != nil || side.want != "" && !strings.Contains(string(side.raw), side.want) {
				t.Errorf("%s: %s, want it to contain %q", tc.action, side.raw, side.want)
			}
		}
		if strings.Contains(string(e.After), "secret-hash") || strings.Contains(string(e.After), "csrf") {
			t.Errorf("%s: a secret reached the audit log: %s", tc.action, e.After)
		}
	}
	if _, err := probity.NewAuditEntry("", "user.create", "user:x", nil, nil); probity.ErrorCode(err) != probity.EINVALID {
		t.Errorf("entry without an actor: error %v, want EINVALID", err)
	}
}
