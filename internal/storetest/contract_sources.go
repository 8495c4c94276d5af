package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/probity/probity"
)

// contractSourceTx is what package register's award merge asks of a
// write transaction beside probity.Tx.
type contractSourceTx interface {
	PutContractSource(ctx context.Context, s probity.ContractSource) error
	ContractSourcesByMatchKey(ctx context.Context, keys []string) ([]probity.ContractSource, error)
	MergeContract(ctx context.Context, from, to, rule, note string) error
	DropContractAlias(ctx context.Context, id string) error
}

// testContractSources: accounts are kept and read back; merging a
// contract moves its decisions to the contract it joins, removes it and
// its pending re-decision, and leaves its id as an alias; dropping the
// alias undoes that.
func testContractSources(t *testing.T, s probity.Store) {
	ctx := context.Background()
	css, ok := s.(probity.ContractSourceStore)
	if !ok {
		t.Fatalf("%T does not implement probity.ContractSourceStore", s)
	}
	const from, to = "usaspending:7012/P1", "CONT_AWD_P1_7012_-NONE-_-NONE-"
	v := &probity.Value{Amount: 1000, Currency: "USD"}
	update(t, s, func(tx probity.Tx) error {
		stx, ok := tx.(contractSourceTx)
		if !ok {
			t.Fatalf("%T does not keep contract sources", tx)
		}
		for _, c := range []probity.Contract{
			{ID: from, Title: "list", Status: probity.StatusUnknown, Suppliers: []probity.OrgRef{}, Value: v, Source: "usaspending"},
			{ID: to, Title: "prime", Status: probity.StatusActive, Suppliers: []probity.OrgRef{}, Source: "usaspending"},
		} {
			if err := tx.PutContract(ctx, c); err != nil {
				return err
			}
		}
		for _, src := range []probity.ContractSource{
			{MatchKey: "7012/P1", AwardKey: "", File: "freezer.csv", Layout: "torn-apart-2018", Contract: probity.Contract{ID: from, Value: v}, ContractID: from, Rule: "no-keyed-award"},
			{MatchKey: "7012/P1", AwardKey: to, File: "prime.csv", Layout: "contract-prime-awards", Contract: probity.Contract{ID: to}, ContractID: to, Rule: "own-key"},
			{MatchKey: "7012/P2", AwardKey: "", File: "freezer.csv", Layout: "torn-apart-2018", ContractID: "usaspending:7012/P2", Rule: "no-keyed-award"},
		} {
			if err := stx.PutContractSource(ctx, src); err != nil {
				return err
			}
		}
		got, err := stx.ContractSourcesByMatchKey(ctx, []string{"7012/P1"})
		if err != nil {
			return err
		}
		if len(got) != 2 || got[0].AwardKey != "" || got[0].Contract.Value == nil || got[0].Contract.Value.Amount != 1000 || got[1].AwardKey != to {
			t.Errorf("ContractSourcesByMatchKey = %+v", got)
		}
		return nil
	})
	if _, err := s.RecordDecisions(ctx, []probity.Decision{{ContractID: from, Outcome: probity.OutcomeDeny, PolicyHash: "h", InputHash: "i"}},
		[]json.RawMessage{json.RawMessage(`{}`)}); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	// Both contracts have an undecided case: they become one, the older.
	var open, other probity.Case
	if err := s.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		var err error
		c := probity.Case{ContractID: from, Origin: probity.OriginRequest, State: probity.CaseOpen,
			Priority: probity.PriorityNormal, OpenedAt: t0, DueAt: t0.Add(time.Hour), UpdatedAt: t0}
		if open, err = tx.CreateCase(ctx, c); err != nil {
			return err
		}
		c.ContractID = to
		if other, err = tx.CreateCase(ctx, c); err != nil {
			return err
		}
		_, err = tx.AddCaseComment(ctx, probity.CaseComment{CaseID: other.ID, Author: "erin", Text: "seen before", At: t0})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	update(t, s, func(tx probity.Tx) error {
		stx := tx.(contractSourceTx)
		if err := stx.MergeContract(ctx, from, to, "same-agency-piid", "the same award"); err != nil {
			return err
		}
		if _, err := tx.Contract(ctx, from); probity.ErrorCode(err) != probity.ENOTFOUND {
			t.Errorf("merged contract still readable in the transaction: %v", err)
		}
		return nil
	})
	if _, err := s.Contract(ctx, from); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("merged contract still stored: %v", err)
	}
	a, err := css.ContractAlias(ctx, from)
	if err != nil || a.ContractID != to || a.Rule != "same-agency-piid" || a.At == "" {
		t.Errorf("ContractAlias = %+v, %v", a, err)
	}
	if as, err := css.ContractAliases(ctx, to); err != nil || len(as) != 1 || as[0].Alias != from {
		t.Errorf("ContractAliases = %+v, %v", as, err)
	}
	if _, err := css.ContractAlias(ctx, to); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("ContractAlias of a contract id: %v", err)
	}
	hist, err := s.Decisions(ctx, probity.DecisionFilter{ContractID: to})
	if err != nil || len(hist) != 1 || hist[0].Outcome != probity.OutcomeDeny {
		t.Errorf("decisions of %s after the merge: %+v, %v", to, hist, err)
	}
	latest, err := s.Decisions(ctx, probity.DecisionFilter{ContractID: to, LatestOnly: true})
	if err != nil || len(latest) != 1 {
		t.Errorf("latest decision of %s after the merge: %+v, %v", to, latest, err)
	}
	if hist, err := s.Audit(ctx, probity.AuditFilter{Object: "contract:" + to}); err != nil || len(hist) != 1 || hist[0].Action != "contract.merge" {
		t.Errorf("audit of the merge: %+v, %v", hist, err)
	}
	if c, err := s.Case(ctx, open.ID); err != nil || c.ContractID != to {
		t.Errorf("the open case after the merge: %+v, %v", c, err)
	}
	if hist, err := s.Audit(ctx, probity.AuditFilter{Object: fmt.Sprintf("case:%d", open.ID), Action: "case.move"}); err != nil || len(hist) != 1 {
		t.Errorf("audit of the moved case: %+v, %v", hist, err)
	}
	if cs, err := s.Cases(ctx, probity.CaseFilter{ContractID: to}); err != nil || len(cs) != 1 || cs[0].ID != open.ID {
		t.Errorf("cases of %s after the merge: %+v, %v", to, cs, err)
	}
	if _, err := s.Case(ctx, other.ID); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("case %d kept beside the one it was merged into: %v", other.ID, err)
	}
	comments, err := s.CaseComments(ctx, open.ID)
	if err != nil || len(comments) != 2 || comments[0].Text != "seen before" || comments[1].Author != "system" {
		t.Errorf("comments of the merged case: %+v, %v", comments, err)
	}
	if hist, err := s.Audit(ctx, probity.AuditFilter{Object: fmt.Sprintf("case:%d", other.ID), Action: "case.merge"}); err != nil || len(hist) != 1 {
		t.Errorf("audit of the merged case: %+v, %v", hist, err)
	}
	srcs, err := css.ContractSources(ctx, to)
	if err != nil || len(srcs) != 2 {
		t.Errorf("ContractSources(%s) = %+v, %v", to, srcs, err)
	}
	// Merging again (a second ingest) changes nothing and keeps the time.
	update(t, s, func(tx probity.Tx) error {
		return tx.(contractSourceTx).MergeContract(ctx, from, to, "same-agency-piid", "the same award")
	})
	if again, err := css.ContractAlias(ctx, from); err != nil || again.At != a.At {
		t.Errorf("alias after a second merge: %+v, %v", again, err)
	}
	update(t, s, func(tx probity.Tx) error {
		return tx.(contractSourceTx).DropContractAlias(ctx, from)
	})
	if _, err := css.ContractAlias(ctx, from); probity.ErrorCode(err) != probity.ENOTFOUND {
		t.Errorf("alias kept after DropContractAlias: %v", err)
	}
	err = s.Update(ctx, func(tx probity.Tx) error {
		return tx.(contractSourceTx).MergeContract(ctx, to, to, "r", "")
	})
	if probity.ErrorCode(err) != probity.EINVALID {
		t.Errorf("a contract merged into itself: %v", err)
	}
}
