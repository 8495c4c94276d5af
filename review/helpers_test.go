package review_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
	"github.com/probity/probity/sqlite"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// fixture is a store with one buyer, one vendor and contracts, and a
// review service whose clock the test moves.
type fixture struct {
	ctx    context.Context
	db     *sqlite.DB
	svc    *review.Service
	now    time.Time
	buyer  int64
	vendor int64
}

var (
	alice = review.Actor{Name: "alice", Role: review.RoleEmployee} // sales: requests deals
	bob   = review.Actor{Name: "bob", Role: review.RoleReviewer}
	carol = review.Actor{Name: "carol", Role: review.RoleReviewer}
	dave  = review.Actor{Name: "dave", Role: review.RoleAdmin}
	erin  = review.Actor{Name: "erin", Role: review.RoleEmployee}
	anon  = review.Actor{Name: "web", Role: review.RolePublic}
)

func newFixture(t *testing.T, contracts ...string) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{ctx: ctx, db: db, now: t0}
	db.Now = func() time.Time { return f.now }
	f.svc = review.New(db)
	f.svc.Now = func() time.Time { return f.now }
	err = db.Update(ctx, func(tx probity.Tx) error {
		if f.buyer, err = tx.CreateOrg(ctx, "Immigration Agency", probity.KindGovernment, "US"); err != nil {
			return err
		}
		if f.vendor, err = tx.CreateOrg(ctx, "Vendor Inc", probity.KindCompany, "US"); err != nil {
			return err
		}
		for _, id := range contracts {
			c := probity.Contract{ID: id, Title: "Contract " + id, Status: probity.StatusActive, Buyer: &probity.OrgRef{ID: f.buyer},
				Suppliers: []probity.OrgRef{{ID: f.vendor}}, Value: &probity.Value{Amount: 1000, Currency: "USD"}, Source: "test"}
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// decide records a decision with one reason of rule id rule.
func (f *fixture) decide(t *testing.T, contract, outcome, rule string) probity.Decision {
	t.Helper()
	d := probity.Decision{ContractID: contract, Outcome: outcome, PolicyHash: "p", InputHash: "i", DecidedAt: f.now}
	if outcome != probity.OutcomeAllow {
		d.Reasons = []probity.Reason{{RuleID: rule, Effect: outcome, Message: rule}}
	}
	d, recorded, err := f.db.RecordDecision(f.ctx, d, json.RawMessage(`{}`))
	if err != nil || !recorded {
		t.Fatalf("RecordDecision(%s %s): %v recorded=%v", contract, outcome, err, recorded)
	}
	return d
}

func (f *fixture) sync(t *testing.T) review.SyncStats {
	t.Helper()
	st, err := review.SyncDecisions(f.ctx, f.db, f.now)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// caseOf returns the one undecided case of a contract.
func (f *fixture) caseOf(t *testing.T, contract string) probity.Case {
	t.Helper()
	list, err := f.db.Cases(f.ctx, probity.CaseFilter{ContractID: contract})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.State != probity.CaseDecided {
			return c
		}
	}
	t.Fatalf("contract %s has no undecided case (%d cases)", contract, len(list))
	return probity.Case{}
}

func (f *fixture) actions(t *testing.T, object string) []string {
	t.Helper()
	list, err := f.db.Audit(f.ctx, probity.AuditFilter{Object: object})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Action)
	}
	return out
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if probity.ErrorCode(err) != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, probity.ErrorCode(err), code)
	}
}
