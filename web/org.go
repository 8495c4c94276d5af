package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
)

// orgData is the organization page's data.
type orgData struct {
	O          *probity.Organization
	Names      []probity.Alias  // as each source wrote them
	Up         []probity.OrgRef // the bodies it is part of, nearest first
	Down       []probity.OrgRef // the bodies part of it
	Related    []relation
	Findings   []probity.Finding
	Contracts  Result
	More       string // the register filtered to it, when it has more
	CanRaise   bool
	Log        logState
	FindingLog map[int64]logRef // each shown finding's log entry
}

type relation struct {
	Kind   string
	Other  probity.OrgRef
	Source string
	Out    bool // this organization is the relation's "from"
}

// org is GET /orgs/{id} for a browser.
func (s *Site) org(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, probity.Errorf(probity.EINVALID, "%q is not an organization id", r.PathValue("id")))
		return
	}
	o, err := s.store.Organization(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	caller := httpapi.CallerOf(ctx)
	d := orgData{O: o, Names: o.Aliases, CanRaise: caller.Role.AtLeast(probity.RoleEmployee)}
	ref := func(id int64) probity.OrgRef {
		if x, err := s.store.Organization(ctx, id); err == nil {
			return probity.OrgRef{ID: x.ID, Name: x.Name}
		}
		return probity.OrgRef{ID: id, Name: "organization " + strconv.FormatInt(id, 10)}
	}
	rels, err := s.store.Relationships(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, rel := range rels {
		switch {
		case rel.Kind == probity.RelPartOf && rel.From == id && rel.To != 0:
			// walked below, with the bodies above the parent
		case rel.Kind == probity.RelPartOf && rel.To == id:
			d.Down = append(d.Down, ref(rel.From))
		case rel.To != 0:
			other := rel.To
			if other == id {
				other = rel.From
			}
			d.Related = append(d.Related, relation{Kind: rel.Kind, Other: ref(other), Source: rel.Source, Out: rel.From == id})
		}
	}
	// Up the hierarchy, nearest first, never round a cycle.
	seen := []int64{id}
	for cur := id; len(seen) < 16; {
		rs, err := s.store.Relationships(ctx, cur)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		next := int64(0)
		for _, rel := range rs {
			if rel.Kind == probity.RelPartOf && rel.From == cur && rel.To != 0 && !slices.Contains(seen, rel.To) {
				next = rel.To
				break
			}
		}
		if next == 0 {
			break
		}
		d.Up = append(d.Up, ref(next))
		seen = append(seen, next)
		cur = next
	}
	fs, err := s.store.Findings(ctx, probity.FindingFilter{OrgID: id})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	see := caller.Role.AtLeast(probity.RoleReviewer)
	for i := range fs {
		if f := publicFinding(&fs[i], see); f != nil {
			d.Findings = append(d.Findings, *f)
		}
	}
	d.Log = s.logState(ctx)
	d.FindingLog = s.findingRefs(ctx, d.Log, d.Findings)
	q := Query{Page: 1, PerPage: 20, Sort: "value"}
	isBuyer := slices.Contains(o.Roles, "buyer") || o.Kind == probity.KindGovernment
	if isBuyer {
		q.Buyer = strconv.FormatInt(id, 10)
	} else {
		q.Supplier = strconv.FormatInt(id, 10)
	}
	if d.Contracts, err = s.search.Search(ctx, q); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Contracts.Total == 0 && isBuyer {
		q.Buyer, q.Supplier = "", strconv.FormatInt(id, 10)
		if d.Contracts, err = s.search.Search(ctx, q); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if d.Contracts.Total > len(d.Contracts.Rows) {
		d.More = q.URL("sort", "value")
	}
	s.render(w, r, http.StatusOK, "org", page{Title: o.Name + " — organization", Nav: "register", Data: d})
}
