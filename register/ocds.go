package register

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"

	"github.com/probity/probity"
	"github.com/probity/probity/ocds"
)

// OCDS reads one OCDS input and stores its releases verbatim (a release
// already stored with the same ocid, id and date is skipped). Contracting
// processes are compiled in Finish, once every file has been read, so that
// releases of one process spread over several files merge together.
func (in *Ingest) OCDS(ctx context.Context, src Source) error {
	in.st.Files.Add(1)
	return ocds.Read(ctx, src.R, src.Name, func(r probity.Release) error {
		in.st.Records.Add(1)
		added, err := in.tx.PutRelease(ctx, r)
		if err != nil {
			return err
		}
		if !added {
			return nil
		}
		in.st.New.Add(1)
		if _, ok := in.touched[r.OCID]; !ok {
			in.order = append(in.order, r.OCID)
		}
		in.touched[r.OCID] = r.Version
		return nil
	})
}

// Finish compiles every contracting process that received a new release
// and writes its contract.
func (in *Ingest) Finish(ctx context.Context) error {
	for _, ocid := range in.order {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := in.compile(ctx, ocid); err != nil {
			return err
		}
	}
	return nil
}

func (in *Ingest) compile(ctx context.Context, ocid string) error {
	rels, err := in.tx.ReleasesOf(ctx, ocid)
	if err != nil {
		return err
	}
	raws := make([]json.RawMessage, len(rels))
	version := "1.0"
	var files []string
	for i, r := range rels {
		raws[i] = r.Raw
		if r.Version == "1.1" {
			version = "1.1"
		}
		files = appendUnique(files, sourceFile(r.Source))
	}
	compiled, err := ocds.Compile(ocds.RulesFor(version), raws)
	if err != nil {
		return &probity.InputError{File: rels[len(rels)-1].Source, Field: "ocid " + ocid, Reason: "cannot compile: " + err.Error(), Err: err}
	}
	p, err := ocds.Map(compiled)
	if err != nil {
		if ie, ok := asInputError(err); ok {
			if ie.File == "" {
				ie.File = rels[len(rels)-1].Source
			}
			return in.opts.skip(in.st, ie)
		}
		return err
	}
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
	in.st.Contracts.Add(1)
	return in.tx.PutContract(ctx, c)
}
