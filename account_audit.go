package probity

import (
	"encoding/json"
	"strconv"
)

// The audit rules of accounts: which entry each change of a user, token or
// session writes. An AccountStore appends the entry in the transaction of
// the change; the rules are here once so that every store writes the same
// entries, as package review holds the rules of cases and concerns.

// UserCreated is the entry for a new user.
func UserCreated(actor string, u User) (AuditEntry, error) {
	return NewAuditEntry(actor, "user.create", "user:"+u.Name, nil, u)
}

// UserUpdated is the entry for a change of a user, with the user before
// and after.
func UserUpdated(actor string, before, after User) (AuditEntry, error) {
	return NewAuditEntry(actor, "user.update", "user:"+after.Name, before, after)
}

// TokenCreated is the entry for a new API token (which holds no secret).
func TokenCreated(actor string, t Token) (AuditEntry, error) {
	return NewAuditEntry(actor, "token.create", "token:"+strconv.FormatInt(t.ID, 10), nil, t)
}

// TokenRevoked is the entry for a revoked token, before and after.
func TokenRevoked(actor string, before, after Token) (AuditEntry, error) {
	return NewAuditEntry(actor, "token.revoke", "token:"+strconv.FormatInt(after.ID, 10), before, after)
}

// SessionCreated is the entry for a new web session; its object is the
// user who signed in (the session's id is a secret's hash, never shown).
func SessionCreated(actor string, s Session) (AuditEntry, error) {
	return NewAuditEntry(actor, "session.create", "user:"+actor, nil, s)
}

// NewAuditEntry is an entry with before and after as JSON; a nil before or
// after (created, deleted) stays null.
func NewAuditEntry(actor, action, object string, before, after any) (AuditEntry, error) {
	e := AuditEntry{Actor: actor, Action: action, Object: object}
	for _, x := range []struct {
		v   any
		dst *json.RawMessage
	}{{before, &e.Before}, {after, &e.After}} {
		if x.v == nil {
			continue
		}
		b, err := json.Marshal(x.v)
		if err != nil {
			return e, err
		}
		*x.dst = b
	}
	return e, e.Validate()
}
