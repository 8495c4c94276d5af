package storetest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/probity/probity"
)

func testAudit(t *testing.T, s probity.Store) {
	ctx := context.Background()
	if _, err := s.AppendAudit(ctx, probity.AuditEntry{Actor: "alice"}); probity.ErrorCode(err) != probity.EINVALID {
		t.Fatalf("incomplete entry: %v", err)
	}
	e1, err := s.AppendAudit(ctx, probity.AuditEntry{Actor: "alice", Action: "case.assign", Object: "case:1",
		Before: json.RawMessage(`{"assignee":null}`), After: json.RawMessage(`{"assignee":"bob"}`)})
	if err != nil || e1.ID == 0 || e1.At.IsZero() {
		t.Fatalf("AppendAudit = %+v, %v", e1, err)
	}
	if _, err := s.AppendAudit(ctx, probity.AuditEntry{Actor: "bob", Action: "case.decide", Object: "case:1", After: json.RawMessage(`{"outcome":"reject"}`)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AppendAudit(ctx, probity.AuditEntry{Actor: "bob", Action: "token.revoke", Object: "token:7"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    probity.AuditFilter
		want int
	}{
		{probity.AuditFilter{}, 3},
		{probity.AuditFilter{Actor: "bob"}, 2},
		{probity.AuditFilter{Object: "case:"}, 2},
		{probity.AuditFilter{Object: "case:1"}, 2},
		{probity.AuditFilter{Object: "case:10"}, 0},
		{probity.AuditFilter{Action: "token.revoke"}, 1},
		{probity.AuditFilter{Limit: 1}, 1},
	} {
		got, err := s.Audit(ctx, tc.f)
		if err != nil || len(got) != tc.want {
			t.Errorf("Audit(%+v) = %d entries (%v), want %d", tc.f, len(got), err, tc.want)
		}
	}
	got, _ := s.Audit(ctx, probity.AuditFilter{Limit: 1})
	if string(got[0].Before) != `{"assignee":null}` || string(got[0].After) != `{"assignee":"bob"}` {
		t.Errorf("before/after not kept: %+v", got[0])
	}
}
