package probity

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry records one change of state: who made it, when, to what,
// and the object before and after (as JSON; null when created or
// deleted). The audit log is append-only: entries are never changed or
// removed.
type AuditEntry struct {
	ID     int64           `json:"id"`
	At     time.Time       `json:"at"`
	Actor  string          `json:"actor"`  // user name, or "system" for automatic changes
	Action string          `json:"action"` // e.g. "case.assign", "finding.update", "token.revoke"
	Object string          `json:"object"` // kind:id, e.g. "case:12", "contract:CONT_AWD_…"
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

// AuditFilter narrows an audit query; zero fields match everything.
type AuditFilter struct {
	Actor  string
	Object string // exact kind:id, or a kind prefix ending in ":" ("case:")
	Action string
	Since  time.Time
	Limit  int
}

// AuditLog is the append-only audit table.
type AuditLog interface {
	// AppendAudit appends an entry and returns it with its id and time.
	AppendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error)
	Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}

// Validate checks that an entry says who did what to which object.
func (e *AuditEntry) Validate() error {
	if e.Actor == "" || e.Action == "" || e.Object == "" {
		return Errorf(EINVALID, "audit entry needs an actor, an action and an object")
	}
	return nil
}
