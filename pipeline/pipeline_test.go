package pipeline_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/pipeline"
)

func pending(t *testing.T, s pipeline.Store) map[string]int {
	t.Helper()
	n, err := s.CountPendingChanges(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func drain(t *testing.T, p *pipeline.Pipeline) pipeline.Result {
	t.Helper()
	res, err := p.Drain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := pending(t, p.Store()); len(n) != 0 {
		t.Fatalf("after Drain, still pending: %v", n)
	}
	return res
}

func orgID(t *testing.T, s probity.Store, name string) int64 {
	t.Helper()
	orgs, err := s.Organizations(context.Background(), probity.OrgFilter{Name: name})
	if err != nil || len(orgs) == 0 {
		t.Fatalf("no organization %q (%v)", name, err)
	}
	return orgs[0].ID
}

func finding(org int64) probity.Finding {
	return probity.Finding{OrgID: org, Category: "unlawful_surveillance", Status: "credible", Severity: "high",
		Sources: []probity.Source{{Publisher: "Example", Title: "A report", Date: "2020"}}, Summary: "test",
		LegalBasis: []probity.LegalBasis{{Instrument: "ICCPR", Article: "17"}}}
}

// Each change records its pending work in the same transaction, and Drain
// does it: screening after a list or new organizations, every contract
// after a policy, only the affected ones after a finding.
func TestDrainDoesWhatEachChangeCallsFor(t *testing.T) {
	stores(t, testDrainDoesWhatEachChangeCallsFor)
}

func testDrainDoesWhatEachChangeCallsFor(t *testing.T, openStore func(*testing.T) pipeline.Store) {
	ctx := context.Background()
	s := openStore(t)
	p := pipeline.New(s)
	c0, _ := s.ChangeCounter(ctx)

	loadList(t, s, "Acme Surveillance Systems")
	ingest(t, s, [2]string{"A1", "Acme Surveillance Systems"}, [2]string{"A2", "Plain Paper Co"}, [2]string{"A3", "Other Paper Co"})
	got := pending(t, s)
	if got[probity.ChangeList] != 1 || got[probity.ChangeContract] < 3 || got[probity.ChangeOrganization] == 0 {
		t.Fatalf("pending after a list and an ingest: %v", got)
	}
	if c1, _ := s.ChangeCounter(ctx); c1 <= c0 {
		t.Fatalf("change counter %d → %d after changes", c0, c1)
	}
	res := drain(t, p)
	if res.Screened == nil || res.Screened.Hits == 0 || !res.NoPolicy {
		t.Fatalf("no policy yet: want the register screened and nothing decided, got %+v", res)
	}

	publishDefault(t, s)
	res = drain(t, p)
	if !res.All || res.Decided.Decided != 3 || res.Cases.Opened != 1 {
		t.Fatalf("after a policy: want every contract decided and a case opened for the hit, got %+v", res)
	}
	if st := stale(t, s); len(st) != 0 {
		t.Fatalf("stale after the policy: %v", st)
	}

	// A finding on Plain Paper Co re-decides its contract only.
	if _, err := s.AddFinding(ctx, finding(orgID(t, s, "Plain Paper"))); err != nil {
		t.Fatal(err)
	}
	if st := stale(t, s); !slices.Equal(st, []string{"usaspending:7012/A2"}) {
		t.Fatalf("before Drain, the finding's contract should be the stale one: %v", st)
	}
	res = drain(t, p)
	if res.Decided.Decided != 1 || res.Decided.Recorded != 1 || res.Changes[probity.ChangeFinding] == 0 {
		t.Fatalf("after a finding: %+v", res)
	}
	if st := stale(t, s); len(st) != 0 {
		t.Fatalf("stale after the finding: %v", st)
	}

	// Screening again with the same list changes no result: nothing is
	// recorded as changed, nothing decided.
	before, _ := s.ChangeCounter(ctx)
	ingest(t, s, [2]string{"A3", "Other Paper Co"}) // unchanged: no write
	if after, _ := s.ChangeCounter(ctx); after != before {
		t.Errorf("ingesting an unchanged row moved the change counter %d → %d", before, after)
	}
	res = drain(t, p)
	if res.Decided.Decided != 0 {
		t.Fatalf("re-ingesting the same row decided %d contracts", res.Decided.Decided)
	}
}

// failing makes one store method fail after n calls, as a process that
// stops there would.
type failing struct {
	pipeline.Store
	method string
	n      int
}

var errStop = errors.New("stopped")

func (f *failing) hit(m string) error {
	if f.method != m {
		return nil
	}
	if f.n == 0 {
		return errStop
	}
	f.n--
	return nil
}

func (f *failing) ReplaceScreenings(ctx context.Context, ids []int64, rs []probity.ScreeningResult) error {
	if err := f.Store.ReplaceScreenings(ctx, ids, rs); err != nil {
		return err
	}
	return f.hit("ReplaceScreenings") // stops after the write committed
}

func (f *failing) RecordDecisions(ctx context.Context, ds []probity.Decision, in []json.RawMessage) ([]bool, error) {
	if err := f.hit("RecordDecisions"); err != nil {
		return nil, err
	}
	return f.Store.RecordDecisions(ctx, ds, in)
}

func (f *failing) UpdateReview(ctx context.Context, fn func(probity.ReviewTx) error) error {
	if err := f.hit("UpdateReview"); err != nil {
		return err
	}
	return f.Store.UpdateReview(ctx, fn)
}

func (f *failing) CompleteChanges(ctx context.Context, ids []int64) error {
	if err := f.hit("CompleteChanges"); err != nil {
		return err
	}
	return f.Store.CompleteChanges(ctx, ids)
}

// A Drain that stops at any step leaves the work pending, and the next
// Drain finishes it: no contract left undecided, no case left unopened.
func TestDrainStoppedAtAnyStepIsFinishedByTheNext(t *testing.T) {
	stores(t, testDrainStopped)
}

func testDrainStopped(t *testing.T, openStore func(*testing.T) pipeline.Store) {
	for _, method := range []string{"ReplaceScreenings", "RecordDecisions", "UpdateReview", "CompleteChanges"} {
		t.Run(method, func(t *testing.T) {
			ctx := context.Background()
			s := openStore(t)
			publishDefault(t, s)
			ingest(t, s, [2]string{"A1", "Acme Surveillance Systems"}, [2]string{"A2", "Plain Paper Co"})
			drain(t, pipeline.New(s))
			loadList(t, s, "Acme Surveillance Systems")
			stop := &failing{Store: s, method: method}
			if _, err := pipeline.New(stop).Drain(ctx); !errors.Is(err, errStop) {
				t.Fatalf("Drain did not stop at %s: %v", method, err)
			}
			if len(pending(t, s)) == 0 {
				t.Fatalf("stopped at %s, yet nothing is pending", method)
			}
			res := drain(t, pipeline.New(s))
			if st := stale(t, s); len(st) != 0 {
				t.Fatalf("after the second Drain, stale: %v (%+v)", st, res)
			}
			cases, err := s.Cases(ctx, probity.CaseFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(cases) != 1 || cases[0].ContractID != "usaspending:7012/A1" {
				t.Fatalf("want one case, for the listed supplier's contract: %+v", cases)
			}
		})
	}
}

// The snapshot is rebuilt only when the change counter moves, and the
// index only when the lists change.
func TestSnapshotFollowsTheChangeCounter(t *testing.T) {
	stores(t, testSnapshot)
}

func testSnapshot(t *testing.T, openStore func(*testing.T) pipeline.Store) {
	ctx := context.Background()
	s := openStore(t)
	p := pipeline.New(s)
	sn := p.Snapshots()
	rl, err := sn.Reload(ctx, false)
	if err != nil || !rl.Decider || sn.Current().Decider != nil || sn.Current().Index != nil {
		t.Fatalf("first reload on an empty store: %+v %v %+v", rl, err, sn.Current())
	}
	if rl, _ := sn.Reload(ctx, false); rl.Any() {
		t.Fatalf("nothing changed, yet reloaded: %+v", rl)
	}
	publishDefault(t, s)
	loadList(t, s, "Acme Surveillance Systems")
	ingest(t, s, [2]string{"A1", "Acme Surveillance Systems"})
	rl, err = sn.Reload(ctx, false)
	if err != nil || !rl.Index || !rl.Decider || sn.Current().Decider == nil || sn.Current().Index == nil {
		t.Fatalf("after a policy and a list: %+v %v", rl, err)
	}
	first := sn.Current()
	f := finding(orgID(t, s, "Acme"))
	f.Confidential = true
	if f, err = s.AddFinding(ctx, f); err != nil {
		t.Fatal(err)
	}
	rl, err = sn.Reload(ctx, false)
	if err != nil || rl.Index || !rl.Decider {
		t.Fatalf("after a finding: want the decider only, got %+v %v", rl, err)
	}
	cur := sn.Current()
	if cur.Index != first.Index || cur.Engine() != first.Engine() || !cur.Confidential()[f.ID] {
		t.Fatalf("after a finding: the index and the policy engine should be kept, the finding seen")
	}
	// Tick drains and reloads.
	res, rl, err := sn.Tick(ctx)
	if err != nil || res.Handled() == 0 || len(pending(t, s)) != 0 {
		t.Fatalf("Tick: %+v %+v %v", res, rl, err)
	}
	if st := stale(t, s); len(st) != 0 {
		t.Fatalf("after Tick, stale: %v", st)
	}
}
