package web

import (
	"net/http"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

// consoleData is the console's home: the caller's concerns, the open
// concerns they may sign, and (for reviewers) the head of the queue.
type consoleData struct {
	Concerns  []probity.Concern
	Queue     []queueRow
	Reviewer  bool
	Admin     bool
	Threshold int
}

// console is GET /console.
func (s *Site) console(w http.ResponseWriter, r *http.Request) {
	c, ok := s.signedIn(w, r, probity.RoleEmployee)
	if !ok {
		return
	}
	ctx := r.Context()
	cs, err := s.store.Concerns(ctx, probity.ConcernFilter{Status: probity.ConcernOpen, Limit: 100})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := consoleData{Reviewer: c.Role.AtLeast(probity.RoleReviewer), Admin: c.Role.AtLeast(probity.RoleAdmin), Threshold: s.threshold()}
	a := actor(c)
	for _, k := range cs {
		d.Concerns = append(d.Concerns, review.VisibleConcern(a, k))
	}
	if d.Reviewer {
		if d.Queue, err = s.queue(ctx, false, 10); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "console", page{Title: "Console", Nav: "console", Private: true, Data: d})
}

// adminData is the admin page's data.
type adminData struct {
	Lists    []probity.ListVersion
	Policy   *probity.PolicyVersion
	Versions []probity.PolicyVersion
	Users    []probity.User
	Tokens   []probity.Token
}

// admin is GET /console/admin: what is in force and who can act. Token
// secrets are never stored, so never shown.
func (s *Site) admin(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.signedIn(w, r, probity.RoleAdmin); !ok {
		return
	}
	ctx := r.Context()
	var d adminData
	var err error
	if d.Lists, err = s.store.CurrentLists(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if p, err := s.store.CurrentPolicy(ctx); err == nil {
		d.Policy = p
	}
	if d.Versions, err = s.store.PolicyVersions(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Users, err = s.store.Users(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Tokens, err = s.store.Tokens(ctx, 0); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin", page{Title: "Admin", Nav: "admin", Private: true, Data: d})
}
