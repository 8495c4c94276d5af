package register

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/usaspending"
)

// USAspending ingests one USAspending file: each award becomes a
// contract whose buyer is the awarding sub-agency (or agency) placed in its
// hierarchy (office ⊂ sub-agency ⊂ agency ⊂ the United States federal
// government); recipients link to their parent companies (subsidiary_of);
// subawardees become subcontractors of the prime contract
// (subcontractor_on), which is created from the subaward's prime-award
// columns when the prime file has not been ingested. The file is parsed
// on its own goroutine, ahead of the one writing to the store.
func (in *Ingest) USAspending(ctx context.Context, src Source) error {
	u := &usIngest{Ingest: in, file: filepath.Base(src.Name), buyerOf: map[string]*probity.OrgRef{}}
	st, opts := in.st, in.opts
	st.Files.Add(1)
	return pipe(ctx, func(ctx context.Context, emit func(usaspending.Record) error) error {
		_, err := usaspending.Read(ctx, src.R, src.Name, emit)
		return err
	}, func(rec usaspending.Record) error {
		st.Records.Add(1)
		var err error
		switch {
		case rec.Err != nil:
			err = opts.skip(st, rec.Err)
		case rec.Award != nil:
			err = u.award(ctx, rec.Award)
		case rec.Subaward != nil:
			err = u.subaward(ctx, rec.Subaward)
		}
		if err != nil {
			return err
		}
		return in.commitPoint(ctx)
	})
}

type usIngest struct {
	*Ingest
	file    string
	buyerOf map[string]*probity.OrgRef // agency path → its buyer, once resolved in this file
}

func (u *usIngest) source(line int) string { return u.file + ":" + itoa(line) }

// agencies resolves an agency path (root first) and links each body to the
// one above it; it returns the most specific body that is not an office
// (the buyer), or the office when that is all there is.
func (u *usIngest) agencies(ctx context.Context, path []usaspending.Agency, line int) (*probity.OrgRef, error) {
	var key strings.Builder
	for _, a := range path {
		fmt.Fprintf(&key, "%d\x00%s\x00%s\x00%s\x00", a.Level, a.Code, a.Name, a.RawName)
	}
	if b, ok := u.buyerOf[key.String()]; ok {
		return b, nil
	}
	b, err := u.resolveAgencies(ctx, path, line)
	if err == nil {
		u.buyerOf[key.String()] = b
	}
	return b, err
}

func (u *usIngest) resolveAgencies(ctx context.Context, path []usaspending.Agency, line int) (*probity.OrgRef, error) {
	var parent, buyer *probity.OrgRef
	for _, a := range path {
		in := probity.OrgInput{Name: a.Name, Kind: probity.KindGovernment, Country: "US", Source: u.source(line), Roles: []string{"buyer"}}
		if a.Level == usaspending.LevelGovernment {
			in.Roles = nil
		}
		if id, ok := a.Identifier(); ok {
			in.Identifiers = []probity.Identifier{id}
		}
		ref, err := u.res.Resolve(ctx, in)
		if err != nil {
			return nil, err
		}
		if a.RawName != "" && a.RawName != a.Name {
			if err := u.addOrgName(ctx, ref.ID, a.RawName, u.file); err != nil {
				return nil, err
			}
		}
		if parent != nil && parent.ID != ref.ID {
			if err := u.putRelationship(ctx, probity.Relationship{From: ref.ID, To: parent.ID, Kind: probity.RelPartOf, Source: u.file}); err != nil {
				return nil, err
			}
		}
		r := ref
		parent = &r
		if a.Level != usaspending.LevelOffice || buyer == nil {
			buyer = &r
		}
	}
	return buyer, nil
}

// company resolves a recipient and, if given, its parent company.
func (u *usIngest) company(ctx context.Context, p, parent usaspending.Party, role string, line int) (probity.OrgRef, error) {
	ref, err := u.res.Resolve(ctx, probity.OrgInput{Name: p.Name, Kind: probity.KindCompany, Country: p.Country,
		Identifiers: p.Identifiers(), Roles: []string{role}, Source: u.source(line)})
	if err != nil {
		return ref, err
	}
	if p.DBA != "" && !strings.EqualFold(p.DBA, p.Name) {
		if err := u.addOrgName(ctx, ref.ID, p.DBA, u.file+" (doing business as)"); err != nil {
			return ref, err
		}
	}
	if parent.IsZero() {
		return ref, nil
	}
	pref, err := u.res.Resolve(ctx, probity.OrgInput{Name: parent.Name, Kind: probity.KindCompany, Country: parent.Country,
		Identifiers: parent.Identifiers(), Roles: []string{"parent company"}, Source: u.source(line)})
	if err != nil {
		return ref, err
	}
	if pref.ID != ref.ID {
		err = u.putRelationship(ctx, probity.Relationship{From: ref.ID, To: pref.ID, Kind: probity.RelSubsidiaryOf, Source: u.file})
	}
	return ref, err
}

func contractID(key, matchKey string) string {
	if key != "" {
		return key
	}
	return "usaspending:" + matchKey
}

func (u *usIngest) award(ctx context.Context, a *usaspending.Award) error {
	mk := a.MatchKey()
	if a.Key == "" && mk == "" {
		return u.opts.skip(u.st, &probity.InputError{File: u.file, Line: a.Line, Record: a.Record, Field: "award_id_piid", Reason: "award has neither a unique key nor a PIID"})
	}
	buyer, err := u.agencies(ctx, a.AgencyPath(), a.Line)
	if err != nil {
		return err
	}
	c := probity.Contract{ID: contractID(a.Key, mk), Title: a.Title, Description: a.Description, Status: a.Status, Buyer: buyer,
		Suppliers: []probity.OrgRef{}, Value: a.Value, Obligated: a.Obligated, Potential: a.Potential, Period: a.Period,
		Source: "usaspending", SourceReference: a.PIID, SourceFiles: []string{u.file}}
	if c.SourceReference == "" {
		c.SourceReference = a.FAIN
	}
	if c.Title == "" {
		c.Title = a.Description
	}
	if c.Status == "" {
		c.Status = probity.StatusUnknown
	}
	if !a.Recipient.IsZero() {
		ref, err := u.company(ctx, a.Recipient, a.Parent, "supplier", a.Line)
		if err != nil {
			return err
		}
		c.Suppliers = append(c.Suppliers, ref)
	}
	gk := groupKey(mk, a.Key)
	// The contract is composed from every file's account in Finish
	// (award_merge.go).
	u.addAccount(&probity.ContractSource{MatchKey: gk, AwardKey: a.Key, File: u.file, Layout: string(a.Layout), Contract: c})
	return nil
}

func (u *usIngest) subaward(ctx context.Context, s *usaspending.Subaward) error {
	mk := s.PrimeMatchKey()
	if s.PrimeKey == "" && mk == "" {
		return u.opts.skip(u.st, &probity.InputError{File: u.file, Line: s.Line, Record: s.Record, Field: "prime_award_unique_key", Reason: "subaward names no prime award"})
	}
	id := contractID(s.PrimeKey, mk)
	gk := groupKey(mk, s.PrimeKey)
	acc := u.account(gk, s.PrimeKey, u.file)
	if acc == nil {
		stored, err := u.storedAccount(ctx, gk, s.PrimeKey, u.file)
		if err != nil {
			return err
		}
		if stored != nil {
			acc = stored
		} else {
			// What the subaward file says of the prime award (its
			// prime-award columns): the last resort of composition, when
			// no prime-award file names the award.
			buyer, err := u.agencies(ctx, s.AgencyPath(), s.Line)
			if err != nil {
				return err
			}
			c := probity.Contract{ID: id, Title: "Prime award " + firstNonEmpty(s.PrimePIID, s.PrimeFAIN), Status: probity.StatusUnknown,
				Buyer: buyer, Suppliers: []probity.OrgRef{}, Value: s.PrimeAmount, Source: "usaspending",
				SourceReference: firstNonEmpty(s.PrimePIID, s.PrimeFAIN), SourceFiles: []string{u.file}}
			if !s.Prime.IsZero() {
				ref, err := u.company(ctx, s.Prime, s.PrimeParent, "supplier", s.Line)
				if err != nil {
					return err
				}
				c.Suppliers = append(c.Suppliers, ref)
			}
			acc = &probity.ContractSource{MatchKey: gk, AwardKey: s.PrimeKey, File: u.file, Layout: string(usaspending.LayoutSubawards), Contract: c}
		}
		u.addAccount(acc)
	}
	if !s.Sub.IsZero() {
		ref, err := u.company(ctx, s.Sub, s.SubParent, "subcontractor", s.Line)
		if err != nil {
			return err
		}
		acc.Contract.Subcontractors = appendRef(acc.Contract.Subcontractors, ref)
		if err := u.putRelationship(ctx, probity.Relationship{From: ref.ID, ContractID: id, Kind: probity.RelSubcontractorOn, Source: u.file, Start: s.Date}); err != nil {
			return err
		}
	}
	return nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func itoa(n int) string {
	if n <= 0 {
		return "?"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
