package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/review"
	"github.com/probity/probity/translog"
)

// contractData is the contract page's data.
type contractData struct {
	C           *probity.Contract
	Attribution string
	Decision    *decisionView
	History     []probity.Decision // earlier decisions, newest first
	Case        *probity.Case
	Concerns    []probity.Concern
	// The transparency log at the page's checkpoint: the contract's
	// entry, the latest decision's, each earlier decision's (by id) and
	// the decided case's outcome.
	Log         logState
	ContractLog logRef
	DecisionLog logRef
	HistoryLog  map[int64]logRef
	CaseLog     logRef
	FindingLog  map[int64]logRef // each finding shown in the reasons
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
	if probity.ErrorCode(err) == probity.ENOTFOUND && httpapi.FollowAlias(w, r, s.store) {
		return
	}
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
	d.Log = s.logState(ctx)
	d.ContractLog = s.logRef(ctx, d.Log, translog.TypeContract, c.ID)
	if len(ds) > 0 {
		ids := make([]string, len(ds))
		for i, x := range ds {
			ids[i] = strconv.FormatInt(x.ID, 10)
		}
		refs := s.logRefs(ctx, d.Log, translog.TypeDecision, ids)
		d.DecisionLog = refs[strconv.FormatInt(d.Decision.ID, 10)]
		d.HistoryLog = map[int64]logRef{}
		for _, x := range d.History {
			d.HistoryLog[x.ID] = refs[strconv.FormatInt(x.ID, 10)]
		}
	}
	if d.Decision != nil {
		var fs []probity.Finding
		for _, r := range d.Decision.Shown {
			fs = append(fs, r.Findings...)
		}
		d.FindingLog = s.findingRefs(ctx, d.Log, fs)
	}
	if d.Case != nil && d.Case.State == probity.CaseDecided {
		d.CaseLog = s.logRef(ctx, d.Log, translog.TypeCaseOutcome, strconv.FormatInt(d.Case.ID, 10))
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
