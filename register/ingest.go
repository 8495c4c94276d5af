package register

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync/atomic"
	"time"

	"github.com/probity/probity"
)

// Options control one ingest.
type Options struct {
	// SkipInvalid commits the good records and reports every bad one,
	// instead of failing the whole ingest on the first.
	SkipInvalid bool
	// Skipped receives each bad record skipped under SkipInvalid.
	Skipped func(*probity.InputError)
	// Commit, if set, commits the batch written so far and begins the
	// next transaction on the same Tx; BatchRecords and BatchTime bound a
	// batch (see batch.go).
	Commit       func(context.Context) error
	BatchRecords int
	BatchTime    time.Duration
}

// Ingest is one ingest: every file it reads is written in the same
// transaction, and organizations are resolved across all of them.
type Ingest struct {
	tx      probity.Tx
	res     *Resolver
	opts    Options
	st      *Stats
	touched map[string]string // ocid → OCDS version of its newest release
	order   []string          // touched ocids in the order first seen
	written map[string]bool   // edges and aliases already written in this ingest
	changed []string          // contracts written (new or changed), in order
	aw      awardState        // USAspending accounts read since the last Finish (award_merge.go)
	batch   batchState
}

// Changed returns the ids of the contracts this ingest wrote (new or
// changed), for the stages after it: screening and decisions.
func (in *Ingest) Changed() []string { return in.changed }

// NewIngest starts an ingest writing through tx and counting into st.
func NewIngest(tx probity.Tx, opts Options, st *Stats) *Ingest {
	return &Ingest{tx: tx, res: NewResolver(tx), opts: opts, st: st, touched: map[string]string{}, written: map[string]bool{}}
}

// Stats counts what one ingest did. Its counters are atomic so that a
// progress reporter may read them while the ingest runs.
type Stats struct {
	Files     atomic.Int64
	Records   atomic.Int64 // records read (releases, rows)
	New       atomic.Int64 // releases or awards not seen before
	Contracts atomic.Int64 // contracts written (new or changed)
	Skipped   atomic.Int64 // bad records skipped (SkipInvalid)
}

// String summarises the stats for the command line.
func (s *Stats) String() string {
	return fmt.Sprintf("%d files, %d records (%d new), %d contracts written (new or changed), %d skipped",
		s.Files.Load(), s.Records.Load(), s.New.Load(), s.Contracts.Load(), s.Skipped.Load())
}

// skip handles a bad record: under SkipInvalid it is counted and reported
// and nil is returned; otherwise the error is returned, failing the ingest.
func (o Options) skip(st *Stats, err *probity.InputError) error {
	if !o.SkipInvalid {
		return err
	}
	st.Skipped.Add(1)
	if o.Skipped != nil {
		o.Skipped(err)
	}
	return nil
}

// asInputError returns the *probity.InputError in err's chain, if any.
func asInputError(err error) (*probity.InputError, bool) {
	var ie *probity.InputError
	ok := errors.As(err, &ie)
	return ie, ok
}

// Source is one input to ingest: a name for messages and a reader.
type Source struct {
	Name string
	R    io.Reader
}

// appendUnique appends s to list unless it is there already.
func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// appendRef appends ref unless an org with its id is there already.
func appendRef(list []probity.OrgRef, ref probity.OrgRef) []probity.OrgRef {
	for _, x := range list {
		if x.ID == ref.ID {
			return list
		}
	}
	return append(list, ref)
}

// putContract writes c unless the stored contract old already says the
// same (parties compared by organization id), counting what it writes.
func (in *Ingest) putContract(ctx context.Context, old *probity.Contract, c probity.Contract) error {
	if old != nil && sameContract(*old, c) {
		return nil
	}
	in.st.Contracts.Add(1)
	in.changed = append(in.changed, c.ID)
	if ins, ok := in.tx.(contractInserter); ok && old == nil {
		return ins.InsertContract(ctx, c)
	}
	return in.tx.PutContract(ctx, c)
}

// contractInserter is implemented by stores that write a contract known to
// be new faster than PutContract does.
type contractInserter interface {
	InsertContract(ctx context.Context, c probity.Contract) error
}

func sameContract(a, b probity.Contract) bool {
	ids := func(refs []probity.OrgRef) []int64 {
		out := make([]int64, len(refs))
		for i, r := range refs {
			out[i] = r.ID
		}
		return out
	}
	ref := func(r *probity.OrgRef) int64 {
		if r == nil {
			return 0
		}
		return r.ID
	}
	val := func(v *probity.Value) probity.Value {
		if v == nil {
			return probity.Value{Amount: math.NaN()}
		}
		return *v
	}
	va, vb := val(a.Value), val(b.Value)
	return a.ID == b.ID && a.Title == b.Title && a.Description == b.Description && a.Status == b.Status &&
		ref(a.Buyer) == ref(b.Buyer) && slices.Equal(ids(a.Suppliers), ids(b.Suppliers)) &&
		slices.Equal(ids(a.Subcontractors), ids(b.Subcontractors)) &&
		(va == vb || (math.IsNaN(va.Amount) && math.IsNaN(vb.Amount))) && a.Period == b.Period &&
		a.Source == b.Source && a.SourceReference == b.SourceReference && slices.Equal(a.SourceFiles, b.SourceFiles)
}

// putRelationship writes an edge once per ingest (a large file names the
// same agency hierarchy on every row).
func (in *Ingest) putRelationship(ctx context.Context, r probity.Relationship) error {
	key := fmt.Sprintf("%d\x00%d\x00%s\x00%s", r.From, r.To, r.ContractID, r.Kind)
	if in.written[key] {
		return nil
	}
	in.written[key] = true
	return in.tx.PutRelationship(ctx, r)
}

// addOrgName adds a name variant once per ingest.
func (in *Ingest) addOrgName(ctx context.Context, orgID int64, name, source string) error {
	key := fmt.Sprintf("%d\x00%s\x00%s", orgID, name, source)
	if in.written[key] {
		return nil
	}
	in.written[key] = true
	return in.tx.AddOrgName(ctx, orgID, name, NormalizeName(name), source)
}
