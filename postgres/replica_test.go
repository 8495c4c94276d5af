package postgres_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/postgres"
)

// mustReplicas opens n stores on one new database, as n `probity serve`
// replicas would.
func mustReplicas(t *testing.T, n int) []*postgres.DB {
	t.Helper()
	dsn := MustCreateDatabase(t)
	out := make([]*postgres.DB, n)
	for i := range out {
		db, err := postgres.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		out[i] = db
	}
	return out
}

func mustContract(t *testing.T, db *postgres.DB, id string) {
	t.Helper()
	err := db.Update(context.Background(), func(tx probity.Tx) error {
		org, err := tx.CreateOrg(context.Background(), "Agency", probity.KindGovernment, "US")
		if err != nil {
			return err
		}
		return tx.PutContract(context.Background(), probity.Contract{ID: id, Title: id, Status: probity.StatusActive,
			Buyer: &probity.OrgRef{ID: org}, Suppliers: []probity.OrgRef{}, Source: "t"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The same decision recorded at once by every replica is recorded once:
// writers take turns, so "unless it repeats the latest" holds across
// replicas.
func TestReplicasRecordADecisionOnce(t *testing.T) {
	dbs := mustReplicas(t, 3)
	mustContract(t, dbs[0], "C1")
	ctx := context.Background()
	d := probity.Decision{ContractID: "C1", Outcome: probity.OutcomeDeny, PolicyHash: "p", InputHash: "i",
		Reasons: []probity.Reason{{RuleID: "r", Effect: probity.OutcomeDeny}}}
	const n = 12
	var wg sync.WaitGroup
	recorded := make([]bool, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, recorded[i], errs[i] = dbs[i%len(dbs)].RecordDecision(ctx, d, json.RawMessage(`{}`))
		}()
	}
	wg.Wait()
	count := 0
	for i := range recorded {
		if errs[i] != nil {
			t.Fatalf("RecordDecision %d: %v", i, errs[i])
		}
		if recorded[i] {
			count++
		}
	}
	got, err := dbs[1].Decisions(ctx, probity.DecisionFilter{ContractID: "C1"})
	if count != 1 || err != nil || len(got) != 1 {
		t.Errorf("%d replicas recorded the decision, %d stored (%v); want 1", count, len(got), err)
	}
}

// Replicas opening a case on the same contract at once: one wins, the
// others get ECONFLICT.
func TestReplicasOneUndecidedCase(t *testing.T) {
	dbs := mustReplicas(t, 2)
	mustContract(t, dbs[0], "C1")
	ctx := context.Background()
	t0 := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	c := probity.Case{ContractID: "C1", Origin: probity.OriginRequest, State: probity.CaseOpen, Priority: probity.PriorityNormal,
		OpenedAt: t0, DueAt: t0, UpdatedAt: t0}
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = dbs[i%len(dbs)].UpdateReview(ctx, func(tx probity.ReviewTx) error {
				_, err := tx.CreateCase(ctx, c)
				return err
			})
		}()
	}
	wg.Wait()
	created := 0
	for i, err := range errs {
		switch probity.ErrorCode(err) {
		case "":
			created++
		case probity.ECONFLICT:
		default:
			t.Errorf("CreateCase %d: %v", i, err)
		}
	}
	cases, err := dbs[1].Cases(ctx, probity.CaseFilter{ContractID: "C1"})
	if created != 1 || err != nil || len(cases) != 1 {
		t.Errorf("%d cases created, %d stored (%v); want 1", created, len(cases), err)
	}
}

// PostgreSQL text cannot hold a NUL byte (SQLite's can): such input is
// refused as invalid, and nothing of the transaction is kept.
func TestRefusesNULInText(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	err := db.Update(ctx, func(tx probity.Tx) error {
		_, err := tx.CreateOrg(ctx, "Bad\x00Name Ltd", probity.KindCompany, "")
		return err
	})
	if probity.ErrorCode(err) != probity.EINVALID {
		t.Fatalf("CreateOrg with a NUL byte: %v, want EINVALID", err)
	}
	if list, err := db.Organizations(ctx, probity.OrgFilter{}); err != nil || len(list) != 0 {
		t.Errorf("organizations after the refused write: %+v %v", list, err)
	}
}

// A list with a source id given twice keeps its last entry, as the SQLite
// store does.
func TestSaveListDuplicateSourceIDKeepsLast(t *testing.T) {
	db := MustOpen(t)
	ctx := context.Background()
	first := probity.WatchlistEntry{List: "l", SourceID: "1", Name: "First"}
	last := probity.WatchlistEntry{List: "l", SourceID: "1", Name: "Last"}
	other := probity.WatchlistEntry{List: "l", SourceID: "0", Name: "Other"}
	if _, err := db.SaveList(ctx, probity.ListVersion{List: "l", Hash: "h"}, []probity.WatchlistEntry{first, other, last}); err != nil {
		t.Fatal(err)
	}
	_, entries, err := db.CurrentList(ctx, "l")
	if err != nil || len(entries) != 2 || entries[0].Name != "Other" || entries[1].Name != "Last" {
		t.Errorf("CurrentList = %+v %v", entries, err)
	}
}
