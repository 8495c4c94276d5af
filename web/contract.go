package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/review"
)

// contractData is the contract page's data.
type contractData struct {
	C           *probity.Contract
	Attribution string
	Decision    *decisionView
	History     []probity.Decision // earlier decisions, newest first
	Case        *probity.Case
	Concerns    []probity.Concern
	LogIndex    int64 // the contract's entry in the transparency log
	Logged      bool
	DecisionLog int64 // the latest decision's entry
	DecLogged   bool
	CanRaise    bool
}

// attribution names where the data of a source comes from and under what
// terms.
func attribution(source string) string {
	switch source {
	case "usaspending":
		return "USAspending.gov (U.S. Department of the Treasury), federal spending data in the public domain."
	case "ocds":
		return "Published in the Open Contracting Data Standard by the buyer's publisher; see the release's own license and publisher in the OCDS export."
	}
	return "Source: " + source
}

// contract is GET /contracts/{id} for a browser.
func (s *Site) contract(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.store.Contract(ctx, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	caller := httpapi.CallerOf(ctx)
	see := caller.Role.AtLeast(probity.RoleReviewer)
	d := contractData{C: c, Attribution: attribution(c.Source), CanRaise: caller.Role.AtLeast(probity.RoleEmployee)}
	ds, err := s.store.Decisions(ctx, probity.DecisionFilter{ContractID: c.ID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(ds) > 0 {
		latest := ds[len(ds)-1]
		for _, x := range ds {
			if x.DecidedAt.After(latest.DecidedAt) || x.DecidedAt.Equal(latest.DecidedAt) && x.ID > latest.ID {
				latest = x
			}
		}
		v, err := s.viewDecision(ctx, latest, see)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Decision = &v
		for i := len(ds) - 1; i >= 0; i-- {
			if ds[i].ID != latest.ID {
				d.History = append(d.History, ds[i])
			}
		}
	}
	cases, err := s.store.Cases(ctx, probity.CaseFilter{ContractID: c.ID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := range cases {
		k := cases[i]
		if d.Case == nil || k.State == probity.CaseDecided && (d.Case.State != probity.CaseDecided || k.DecidedAt.After(d.Case.DecidedAt)) ||
			d.Case.State != probity.CaseDecided && k.OpenedAt.After(d.Case.OpenedAt) {
			d.Case = &k
		}
	}
	concerns, err := s.store.Concerns(ctx, probity.ConcernFilter{ContractID: c.ID})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := actor(caller)
	for _, k := range concerns {
		d.Concerns = append(d.Concerns, review.VisibleConcern(a, k))
	}
	if s.opt.LogIndex != nil {
		d.LogIndex, d.Logged = s.opt.LogIndex(ctx, "contract", c.ID)
		if d.Decision != nil {
			d.DecisionLog, d.DecLogged = s.opt.LogIndex(ctx, "decision", strconv.FormatInt(d.Decision.ID, 10))
		}
	}
	s.render(w, r, http.StatusOK, "contract", page{Title: clip(strings.TrimSpace(c.Title), 80) + " — contract", Nav: "register", Data: d})
}

// actor is the review actor of a caller.
func actor(c httpapi.Caller) review.Actor {
	if c.User == nil {
		return review.Actor{Role: string(probity.RolePublic)}
	}
	return review.Actor{Name: c.User.Name, Role: string(c.Role)}
}
