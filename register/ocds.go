package register

import (
	"context"
	"encoding/json"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/probity/probity"
	"github.com/probity/probity/ocds"
)

// OCDS reads one OCDS input and stores its releases verbatim (a release
// already stored with the same ocid, id and date is skipped). Contracting
// processes are compiled in Finish, once every file has been read, so that
// releases of one process spread over several files merge together.
// Parsing runs on its own goroutine, ahead of the one storing releases.
func (in *Ingest) OCDS(ctx context.Context, src Source) error {
	in.st.Files.Add(1)
	rd := ocds.Reader{Skip: func(ie *probity.InputError) bool {
		return in.opts.SkipInvalid && in.opts.skip(in.st, ie) == nil
	}}
	return pipe(ctx, func(ctx context.Context, emit func(probity.Release) error) error {
		return rd.Read(ctx, src.R, src.Name, emit)
	}, func(r probity.Release) error {
		if err := in.putRelease(ctx, r); err != nil {
			return err
		}
		return in.commitPoint(ctx)
	})
}

// putRelease stores one release and notes its process for Finish.
func (in *Ingest) putRelease(ctx context.Context, r probity.Release) error {
	in.st.Records.Add(1)
	added, err := in.tx.PutRelease(ctx, r)
	if err != nil || !added {
		return err
	}
	in.st.New.Add(1)
	if _, ok := in.touched[r.OCID]; !ok {
		in.order = append(in.order, r.OCID)
	}
	in.touched[r.OCID] = r.Version
	return nil
}

// Finish composes the USAspending awards read since the last Finish (see
// award_merge.go), then compiles every contracting process that received a
// new release and writes its contract. Compiling and mapping run on every core while
// this goroutine, the only one using the transaction, reads releases ahead
// and writes results in order (so organization ids do not depend on
// scheduling).
func (in *Ingest) Finish(ctx context.Context) error {
	if err := in.finishAwards(ctx); err != nil { // USAspending accounts (award_merge.go)
		return err
	}
	workers := runtime.GOMAXPROCS(0)
	window := 8 * workers
	work := make(chan *compileJob, window)
	defer close(work)
	for w := 0; w < workers; w++ {
		go func() {
			for j := range work {
				j.run()
			}
		}()
	}
	var queue []*compileJob
	next := 0
	for next < len(in.order) || len(queue) > 0 {
		for len(queue) < window && next < len(in.order) {
			if err := ctx.Err(); err != nil {
				return err
			}
			rels, err := in.tx.ReleasesOf(ctx, in.order[next])
			if err != nil {
				return err
			}
			j := &compileJob{ocid: in.order[next], rels: rels, done: make(chan struct{})}
			work <- j
			queue = append(queue, j)
			next++
		}
		j := queue[0]
		queue = queue[1:]
		<-j.done
		if err := in.write(ctx, j); err != nil {
			return err
		}
	}
	return nil
}

// compileJob is one contracting process to compile and map.
type compileJob struct {
	ocid  string
	rels  []probity.Release
	files []string
	p     *ocds.Process
	err   error
	done  chan struct{}
}

func (j *compileJob) run() {
	defer close(j.done)
	rels := j.rels
	raws := make([]json.RawMessage, len(rels))
	version := "1.0"
	for i, r := range rels {
		raws[i] = r.Raw
		if r.Version == "1.1" {
			version = "1.1"
		}
		j.files = appendUnique(j.files, sourceFile(r.Source))
	}
	compiled, err := ocds.Compile(ocds.RulesFor(version), raws)
	if err != nil {
		j.err = &probity.InputError{File: rels[len(rels)-1].Source, Field: "ocid " + j.ocid, Reason: "cannot compile: " + err.Error(), Err: err}
		return
	}
	j.p, j.err = ocds.Map(compiled)
	if ie, ok := asInputError(j.err); ok && ie.File == "" {
		ie.File = rels[len(rels)-1].Source
	}
}

// write resolves the parties of a compiled process and writes its
// contract.
func (in *Ingest) write(ctx context.Context, j *compileJob) error {
	if j.err != nil {
		if ie, ok := asInputError(j.err); ok {
			return in.opts.skip(in.st, ie)
		}
		return j.err
	}
	ocid, p, files := j.ocid, j.p, j.files
	source := "ocds:" + filepath.Base(files[0])
	c := probity.Contract{ID: ocid, Title: p.Title, Description: p.Description, Status: p.Status,
		Suppliers: []probity.OrgRef{}, Value: p.Value, Period: p.Period, Source: "ocds", SourceFiles: files, SourceReference: ocid}
	if c.Status == "" {
		c.Status = probity.StatusUnknown
	}
	resolve := func(party ocds.Party) (*probity.OrgRef, error) {
		if party.Name == "" && len(party.Identifiers) == 0 {
			return nil, nil
		}
		kind := probity.KindUnknown
		switch {
		case slices.Contains(party.Roles, "buyer") || slices.Contains(party.Roles, "procuringEntity"):
			kind = probity.KindGovernment
		case slices.Contains(party.Roles, "supplier") || slices.Contains(party.Roles, "tenderer"):
			kind = probity.KindCompany
		}
		ref, err := in.res.Resolve(ctx, probity.OrgInput{Name: party.Name, Kind: kind, Country: party.Country,
			Identifiers: party.Identifiers, Roles: party.Roles, Source: source})
		return &ref, err
	}
	for _, party := range p.Parties {
		if _, err := resolve(party); err != nil {
			return err
		}
	}
	// Resolution is cached, so resolving the buyer and suppliers again
	// returns the organizations just written for the same parties.
	if p.Buyer != nil {
		b := *p.Buyer
		if !slices.Contains(b.Roles, "buyer") && !slices.Contains(b.Roles, "procuringEntity") {
			b.Roles = append(slices.Clip(b.Roles), "buyer")
		}
		ref, err := resolve(b)
		if err != nil {
			return err
		}
		c.Buyer = ref
	}
	for _, s := range p.Suppliers {
		if !slices.Contains(s.Roles, "supplier") {
			s.Roles = append(slices.Clip(s.Roles), "supplier")
		}
		ref, err := resolve(s)
		if err != nil {
			return err
		}
		if ref != nil {
			c.Suppliers = appendRef(c.Suppliers, *ref)
		}
	}
	old, err := in.tx.Contract(ctx, ocid)
	if err != nil && probity.ErrorCode(err) != probity.ENOTFOUND {
		return err
	}
	return in.putContract(ctx, old, c)
}
