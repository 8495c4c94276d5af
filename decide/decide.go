// Package decide applies the published policy to the register: for each
// contract it gathers the decision input (the contract, its parties, the
// screening hits and findings on them and on every organization their
// exposure paths reach), asks the policy engine, and records the decision
// when its outcome or reasons changed. It also answers which contracts a
// change affects, so that a new finding, list version or relationship
// re-decides only those.
package decide

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/exposure"
	"github.com/probity/probity/policy"
)

// DefaultMaxDepth is how many relationship steps exposure follows.
const DefaultMaxDepth = 4

// Store is what the decider reads and writes.
type Store interface {
	CurrentPolicy(ctx context.Context) (*probity.PolicyVersion, error)
	ForEachParty(ctx context.Context, fn func(probity.PartyRow) error) error
	ForEachRelationship(ctx context.Context, fn func(probity.Relationship) error) error
	Organizations(ctx context.Context, f probity.OrgFilter) ([]probity.Organization, error)
	Findings(ctx context.Context, f probity.FindingFilter) ([]probity.Finding, error)
	Screenings(ctx context.Context, orgID int64) ([]probity.ScreeningResult, error)
	Contract(ctx context.Context, id string) (*probity.Contract, error)
	Contracts(ctx context.Context, f probity.ContractFilter) ([]probity.Contract, error)
	RecordDecisions(ctx context.Context, ds []probity.Decision, inputs []json.RawMessage) (recorded []bool, err error)
}

// Decider decides contracts under one policy version, over a snapshot of
// the register's graph, findings and screening results taken by Load.
type Decider struct {
	store    Store
	engine   *policy.Engine
	maxDepth int
	now      func() time.Time

	graph    *exposure.Graph
	orgs     map[int64]probity.Organization
	findings map[int64][]probity.Finding
	hits     map[int64][]probity.ScreeningResult
	flagged  map[int64]bool
	// confidential holds the ids of the confidential findings.
	confidential map[int64]bool
}

// Stats counts what one run decided.
type Stats struct {
	Decided  int            `json:"decided"`
	Recorded int            `json:"recorded"` // new decisions: outcome or reasons changed
	Outcomes map[string]int `json:"outcomes"` // current outcome of the decided contracts
	// Failed lists the contracts whose evaluation failed: they keep their
	// previous decision, and the others are decided all the same.
	Failed []Failure `json:"failed,omitempty"`
}

// Failure is a contract the policy could not decide, and why (OPA names
// the rule, file and line).
type Failure struct {
	ContractID string `json:"contract_id"`
	Error      string `json:"error"`
}

func (f Failure) String() string { return "contract " + f.ContractID + ": " + f.Error }

// New loads the current policy and a snapshot of the register. It returns
// ENOTFOUND when no policy has been published.
func New(ctx context.Context, store Store, maxDepth int) (*Decider, error) {
	pv, err := store.CurrentPolicy(ctx)
	if err != nil {
		return nil, err
	}
	b, err := policy.FromFiles(pv.Files)
	if err != nil {
		return nil, fmt.Errorf("published policy %d: %w", pv.ID, err)
	}
	engine, err := b.Prepare(ctx)
	if err != nil {
		return nil, fmt.Errorf("published policy %d: %w", pv.ID, err)
	}
	return NewWithEngine(ctx, store, engine, maxDepth)
}

// NewWithEngine is New with a given policy engine.
func NewWithEngine(ctx context.Context, store Store, engine *policy.Engine, maxDepth int) (*Decider, error) {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	d := &Decider{store: store, engine: engine, maxDepth: maxDepth, now: time.Now}
	return d, d.Load(ctx)
}

// Load (re)reads the graph, organizations, findings and screening results.
func (d *Decider) Load(ctx context.Context) error {
	g := exposure.New()
	err := d.store.ForEachParty(ctx, func(p probity.PartyRow) error {
		return g.AddParty(p.ContractID, p.OrgID, p.Role)
	})
	if err != nil {
		return err
	}
	err = d.store.ForEachRelationship(ctx, func(r probity.Relationship) error {
		if err := g.AddRelationship(r); err != nil {
			return fmt.Errorf("relationship %d: %w", r.ID, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	orgs, err := d.store.Organizations(ctx, probity.OrgFilter{})
	if err != nil {
		return err
	}
	d.orgs = make(map[int64]probity.Organization, len(orgs))
	for _, o := range orgs {
		d.orgs[o.ID] = o
	}
	findings, err := d.store.Findings(ctx, probity.FindingFilter{})
	if err != nil {
		return err
	}
	d.findings = map[int64][]probity.Finding{}
	d.flagged = map[int64]bool{}
	d.confidential = map[int64]bool{}
	for _, f := range findings {
		d.findings[f.OrgID] = append(d.findings[f.OrgID], f)
		d.flagged[f.OrgID] = true
		if f.Confidential {
			d.confidential[f.ID] = true
		}
	}
	hits, err := d.store.Screenings(ctx, 0)
	if err != nil {
		return err
	}
	d.hits = map[int64][]probity.ScreeningResult{}
	for _, h := range hits {
		d.hits[h.OrgID] = append(d.hits[h.OrgID], h)
		if h.Match {
			d.flagged[h.OrgID] = true
		}
	}
	d.graph = g
	return nil
}

// Confidential returns the ids of the confidential findings in the
// snapshot (read-only).
func (d *Decider) Confidential() map[int64]bool { return d.confidential }

// Engine returns the policy engine the decider applies.
func (d *Decider) Engine() *policy.Engine { return d.engine }

// PolicyHash is the hash of the policy the decider applies.
func (d *Decider) PolicyHash() string { return d.engine.PolicyHash() }

// Input builds the decision input of one contract.
func (d *Decider) Input(c *probity.Contract) policy.Input {
	in := policy.Input{Contract: policy.Contract{ID: c.ID, Title: c.Title, Status: c.Status, Value: c.Value}}
	involved := map[int64]bool{}
	for _, p := range d.graph.Parties(c.ID) {
		o := d.orgs[p.OrgID]
		in.Parties = append(in.Parties, policy.Party{OrgID: p.OrgID, Name: o.Name, Roles: p.Roles, Kind: string(o.Kind)})
		involved[p.OrgID] = true
	}
	for _, p := range d.graph.Exposure(c.ID, d.flagged, d.maxDepth) {
		in.Exposure = append(in.Exposure, policy.Path{ID: p.ID, From: p.From, Roles: p.Roles, To: p.To, Kinds: p.Kinds, Nodes: p.Nodes, Depth: p.Depth})
		involved[p.To] = true
	}
	ids := make([]int64, 0, len(involved))
	for id := range involved {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		name := d.orgs[id].Name
		for _, f := range d.findings[id] {
			in.Findings = append(in.Findings, policy.Finding{ID: f.ID, OrgID: id, OrgName: name, Category: f.Category,
				Status: f.Status, Severity: f.Severity, LegalBasis: f.LegalBasis})
		}
		for _, h := range d.hits[id] {
			in.Screening = append(in.Screening, policy.Hit{ID: HitID(h), OrgID: id, OrgName: name, List: h.List,
				SourceID: h.SourceID, Name: h.EntryName, Programs: h.Programs, Score: h.Score, Match: h.Match})
		}
	}
	return in.Normalize()
}

// HitID is how decisions refer to a screening hit: list:source_id@org.
func HitID(h probity.ScreeningResult) string {
	return h.List + ":" + h.SourceID + "@" + strconv.FormatInt(h.OrgID, 10)
}

// decided is one contract's decision with its input.
type decided struct {
	d     probity.Decision
	input json.RawMessage
	err   error
}

// Decide decides the given contracts (every contract when ids is nil) and
// records the decisions that changed. Policy evaluation runs on every core
// (it allocates many short-lived values: the garbage collector's target is
// a process-wide setting, left to cmd/probity).
func (d *Decider) Decide(ctx context.Context, ids []string) (Stats, error) {
	st := Stats{Outcomes: map[string]int{}}
	var contracts []probity.Contract
	if ids == nil {
		all, err := d.store.Contracts(ctx, probity.ContractFilter{})
		if err != nil {
			return st, err
		}
		contracts = all
	} else {
		for _, id := range ids {
			c, err := d.store.Contract(ctx, id)
			if err != nil {
				return st, err
			}
			contracts = append(contracts, *c)
		}
	}
	const chunk = 2048
	now := d.now()
	for start := 0; start < len(contracts); start += chunk {
		part := contracts[start:min(start+chunk, len(contracts))]
		results := d.evaluate(ctx, part, now)
		ds := make([]probity.Decision, 0, len(results))
		inputs := make([]json.RawMessage, 0, len(results))
		for i, r := range results {
			if r.err != nil {
				// One contract the policy cannot decide does not stop the
				// others: it is reported and keeps its previous decision.
				st.Failed = append(st.Failed, Failure{ContractID: part[i].ID, Error: r.err.Error()})
				continue
			}
			ds, inputs = append(ds, r.d), append(inputs, r.input)
			st.Outcomes[r.d.Outcome]++
		}
		recorded, err := d.store.RecordDecisions(ctx, ds, inputs)
		if err != nil {
			return st, err
		}
		for _, ok := range recorded {
			if ok {
				st.Recorded++
			}
		}
		st.Decided += len(ds)
	}
	return st, nil
}

// Check evaluates every contract of the register under the decider's
// policy without recording anything, and returns the contracts whose
// evaluation fails (at most max of them; 0: all) and how many contracts
// were evaluated. A new policy is put in force only when none fails.
func (d *Decider) Check(ctx context.Context, max int) ([]Failure, int, error) {
	contracts, err := d.store.Contracts(ctx, probity.ContractFilter{})
	if err != nil {
		return nil, 0, err
	}
	var failed []Failure
	const chunk = 2048
	for start := 0; start < len(contracts); start += chunk {
		part := contracts[start:min(start+chunk, len(contracts))]
		for i, r := range d.evaluate(ctx, part, d.now()) {
			if r.err != nil && (max <= 0 || len(failed) < max) {
				failed = append(failed, Failure{ContractID: part[i].ID, Error: r.err.Error()})
			}
		}
	}
	return failed, len(contracts), nil
}

func (d *Decider) evaluate(ctx context.Context, contracts []probity.Contract, now time.Time) []decided {
	out := make([]decided, len(contracts))
	next := make(chan int, len(contracts))
	for i := range contracts {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				in := d.Input(&contracts[i])
				dec, err := d.engine.Decision(ctx, in)
				dec.DecidedAt = now
				out[i] = decided{d: dec, input: in.Canonical(), err: err}
			}
		}()
	}
	wg.Wait()
	return out
}

// AffectedByOrgs returns the contracts to re-decide when findings or
// screening results on these organizations change.
func (d *Decider) AffectedByOrgs(orgIDs ...int64) []string {
	return d.graph.AffectedContracts(d.maxDepth, orgIDs...)
}

// AffectedByRelationship returns the contracts to re-decide after r was
// added (call Load first, so the graph has r).
func (d *Decider) AffectedByRelationship(r probity.Relationship) []string {
	return d.graph.AffectedByRelationship(r, d.maxDepth)
}
