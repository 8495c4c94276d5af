package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/translog"
)

// queueRow is a case in the queue.
type queueRow struct {
	probity.Case
	Overdue bool
	Title   string
}

// caseQueue is GET /console/cases: undecided cases, overdue first, then
// by due date; ?state=decided lists the decided ones.
func (s *Site) caseQueue(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.signedIn(w, r, probity.RoleEmployee); !ok {
		return
	}
	rows, err := s.queue(r.Context(), r.URL.Query().Get("state") == probity.CaseDecided, 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "cases", page{Title: "Cases", Nav: "cases", Private: true, Data: struct {
		Rows    []queueRow
		Decided bool
	}{rows, r.URL.Query().Get("state") == probity.CaseDecided}})
}

func (s *Site) queue(ctx context.Context, decided bool, limit int) ([]queueRow, error) {
	var list []probity.Case
	if decided {
		l, err := s.store.Cases(ctx, probity.CaseFilter{State: probity.CaseDecided, Limit: limit})
		if err != nil {
			return nil, err
		}
		list = l
	} else {
		for _, st := range []string{probity.CaseOpen, probity.CaseInReview} {
			l, err := s.store.Cases(ctx, probity.CaseFilter{State: st})
			if err != nil {
				return nil, err
			}
			list = append(list, l...)
		}
	}
	now := s.opt.Now()
	rows := make([]queueRow, len(list))
	for i, c := range list {
		rows[i] = queueRow{Case: c, Overdue: c.Overdue(now)}
	}
	slices.SortFunc(rows, func(a, b queueRow) int {
		if decided {
			return b.DecidedAt.Compare(a.DecidedAt)
		}
		if a.Overdue != b.Overdue {
			if a.Overdue {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(priorityRank(a.Priority), priorityRank(b.Priority)), a.DueAt.Compare(b.DueAt), cmp.Compare(a.ID, b.ID))
	})
	if len(rows) > limit {
		rows = rows[:limit]
	}
	for i := range rows {
		if rows[i].ContractID != "" {
			if c, err := s.store.Contract(ctx, rows[i].ContractID); err == nil {
				rows[i].Title = c.Title
			}
		}
	}
	return rows, nil
}

func priorityRank(p string) int {
	if p == probity.PriorityHigh {
		return 0
	}
	return 1
}

// caseData is a case's page data.
type caseData struct {
	C           queueRow
	Decision    *decisionView
	Concerns    []probity.Concern
	Evidence    []evidenceRow
	Comments    []probity.CaseComment
	Findings    []probity.Finding // what a reviewer may attach
	Outcomes    []option
	CanDecide   bool
	Duty        string // why this reviewer may not decide, when so
	IsReviewer  bool
	Notice      string
	SubjectURL  string
	SubjectName string
	Log         logState
	DecisionLog logRef // the decision under review
	OutcomeLog  logRef // the published outcome, once decided
}

type evidenceRow struct {
	probity.CaseEvidence
	Finding *probity.Finding
}

// casePage is GET /console/cases/{id}.
func (s *Site) casePage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.signedIn(w, r, probity.RoleEmployee)
	if !ok {
		return
	}
	s.showCase(w, r, c, http.StatusOK, "")
}

func (s *Site) showCase(w http.ResponseWriter, r *http.Request, c httpapi.Caller, status int, notice string) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, probity.Errorf(probity.EINVALID, "%q is not a case number", r.PathValue("id")))
		return
	}
	k, err := s.store.Case(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	see := c.Role.AtLeast(probity.RoleReviewer)
	d := caseData{C: queueRow{Case: *k, Overdue: k.Overdue(s.opt.Now())}, IsReviewer: see, Notice: notice}
	if notice == "" && r.URL.Query().Has("done") {
		d.Notice = "Saved."
	}
	if k.ContractID != "" {
		d.SubjectURL, d.SubjectName = "/contracts/"+k.ContractID, k.ContractID
		if ct, err := s.store.Contract(ctx, k.ContractID); err == nil {
			d.SubjectName = ct.Title
			d.C.Title = ct.Title
		}
	} else if k.OrgID != 0 {
		d.SubjectURL, d.SubjectName = "/orgs/"+strconv.FormatInt(k.OrgID, 10), "organization "+strconv.FormatInt(k.OrgID, 10)
		if o, err := s.store.Organization(ctx, k.OrgID); err == nil {
			d.SubjectName = o.Name
		}
	}
	if k.DecisionID != 0 {
		dec, _, err := s.store.Decision(ctx, k.DecisionID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v, err := s.viewDecision(ctx, *dec, see)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		d.Decision = &v
	}
	d.Log = s.logState(ctx)
	if k.DecisionID != 0 {
		d.DecisionLog = s.logRef(ctx, d.Log, translog.TypeDecision, strconv.FormatInt(k.DecisionID, 10))
	}
	if k.State == probity.CaseDecided {
		d.OutcomeLog = s.logRef(ctx, d.Log, translog.TypeCaseOutcome, strconv.FormatInt(k.ID, 10))
	}
	concerns, err := s.store.Concerns(ctx, probity.ConcernFilter{CaseID: id})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Concerns = concerns
	ev, err := s.store.CaseEvidence(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, e := range ev {
		row := evidenceRow{CaseEvidence: e}
		if e.Kind == probity.EvidenceFinding {
			f, err := s.store.Finding(ctx, e.FindingID)
			if err != nil && probity.ErrorCode(err) != probity.ENOTFOUND {
				s.fail(w, r, err)
				return
			}
			if row.Finding = publicFinding(f, see); row.Finding == nil {
				continue
			}
		}
		d.Evidence = append(d.Evidence, row)
	}
	if d.Comments, err = s.store.CaseComments(ctx, id); err != nil {
		s.fail(w, r, err)
		return
	}
	if see {
		if d.Findings, err = s.store.Findings(ctx, probity.FindingFilter{}); err != nil {
			s.fail(w, r, err)
			return
		}
		d.Duty = s.dutyConflict(ctx, c, k, concerns)
		d.CanDecide = k.State != probity.CaseDecided && d.Duty == ""
		for _, o := range probity.CaseOutcomes() {
			d.Outcomes = append(d.Outcomes, option{Value: o, Label: words(o)})
		}
	}
	s.render(w, r, status, "case", page{Title: "Case " + strconv.FormatInt(id, 10), Nav: "cases", Private: true, Data: d})
}

// dutyConflict says why the signed-in reviewer may not decide the case:
// they requested the deal, raised or signed a concern that brought the
// case, or gave the first approval of a deny override. "" if none.
func (s *Site) dutyConflict(ctx context.Context, c httpapi.Caller, k *probity.Case, concerns []probity.Concern) string {
	me := c.User.Name
	if k.RequestedBy == me {
		return "You requested this deal, so someone else must decide its case."
	}
	for _, cn := range concerns {
		if cn.RaisedBy == me {
			return "You raised concern " + strconv.FormatInt(cn.ID, 10) + ", which brought this case: a reviewer who did not raise or sign it must decide."
		}
		sigs, err := s.store.Signatures(ctx, cn.ID)
		if err != nil {
			continue
		}
		for _, sg := range sigs {
			if sg.Signer == me {
				return "You signed concern " + strconv.FormatInt(cn.ID, 10) + ", which brought this case: a reviewer who did not raise or sign it must decide."
			}
		}
	}
	if k.FirstApproval != nil && k.FirstApproval.By == me {
		return "You gave the first approval of this deny override; a second, different reviewer must confirm it."
	}
	return ""
}

func (s *Site) caseAction(w http.ResponseWriter, r *http.Request, role probity.Role) (httpapi.Caller, int64, bool) {
	c, ok := s.signedIn(w, r, role)
	if !ok || !s.sameOrigin(w, r) {
		return c, 0, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, probity.Errorf(probity.EINVALID, "%q is not a case number", r.PathValue("id")))
		return c, 0, false
	}
	_ = r.ParseForm()
	return c, id, true
}

// answer shows the case again with what went wrong, or goes back to it.
func (s *Site) answer(w http.ResponseWriter, r *http.Request, c httpapi.Caller, id int64, err error) {
	if err != nil {
		switch probity.ErrorCode(err) {
		case probity.EINVALID, probity.ECONFLICT, probity.EFORBIDDEN:
			s.showCase(w, r, c, http.StatusBadRequest, "Not done: "+err.Error())
		default:
			s.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/console/cases/"+strconv.FormatInt(id, 10)+"?done=1", http.StatusSeeOther)
}

// commentCase is POST /console/cases/{id}/comments.
func (s *Site) commentCase(w http.ResponseWriter, r *http.Request) {
	c, id, ok := s.caseAction(w, r, probity.RoleEmployee)
	if !ok {
		return
	}
	_, err := s.opt.Review.Comment(r.Context(), actor(c), id, r.PostForm.Get("text"))
	s.answer(w, r, c, id, err)
}

// attachEvidence is POST /console/cases/{id}/evidence: a finding, or a
// link with its title.
func (s *Site) attachEvidence(w http.ResponseWriter, r *http.Request) {
	c, id, ok := s.caseAction(w, r, probity.RoleReviewer)
	if !ok {
		return
	}
	e := probity.CaseEvidence{URL: strings.TrimSpace(r.PostForm.Get("url")), Title: strings.TrimSpace(r.PostForm.Get("title"))}
	if f := r.PostForm.Get("finding"); f != "" {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n <= 0 {
			s.answer(w, r, c, id, probity.Errorf(probity.EINVALID, "finding: %q is not a finding number", f))
			return
		}
		e = probity.CaseEvidence{FindingID: n}
	} else if e.URL == "" || e.Title == "" {
		s.answer(w, r, c, id, probity.Errorf(probity.EINVALID, "choose a finding, or give a link and its title"))
		return
	}
	_, err := s.opt.Review.Attach(r.Context(), actor(c), id, e)
	s.answer(w, r, c, id, err)
}

// decideCase is POST /console/cases/{id}/decision. The web refuses what
// the workflow refuses, and also a reviewer who raised or signed a
// concern that brought the case.
func (s *Site) decideCase(w http.ResponseWriter, r *http.Request) {
	c, id, ok := s.caseAction(w, r, probity.RoleReviewer)
	if !ok {
		return
	}
	k, err := s.store.Case(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	concerns, err := s.store.Concerns(r.Context(), probity.ConcernFilter{CaseID: id})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if why := s.dutyConflict(r.Context(), c, k, concerns); why != "" {
		s.answer(w, r, c, id, probity.Errorf(probity.EFORBIDDEN, "separation of duties: %s", why))
		return
	}
	_, err = s.opt.Review.Decide(r.Context(), actor(c), id, r.PostForm.Get("outcome"), r.PostForm.Get("conditions"))
	s.answer(w, r, c, id, err)
}
