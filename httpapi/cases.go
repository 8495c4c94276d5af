package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

// ReviewRoutes returns the routes of review cases and employee concerns,
// for New's extra routes. Every change goes through svc, which enforces
// the workflow's rules (roles, separation of duties, the two-reviewer deny
// override, one signature per person) with the caller as the actor; its
// Threshold is the number of signatures that escalates a new concern.
// store is what the routes read beside the service.
func ReviewRoutes(svc *review.Service, store ReviewReader) []Route {
	h := &reviewAPI{svc: svc, store: store}
	pub, emp, rev, adm := probity.RolePublic, probity.RoleEmployee, probity.RoleReviewer, probity.RoleAdmin
	return []Route{
		{"GET", "/cases", emp, "Review cases (?state=open|in_review|decided, contract=, assignee=, overdue=true, limit=)", h.listCases},
		{"GET", "/cases/{id}", emp, "One case with its comments, evidence, decision and concerns", h.getCase},
		{"POST", "/cases", emp, "Open a case on a contract, or get its undecided one: {contract_id, requested_by?}", h.openCase},
		{"POST", "/cases/sync", adm, "Open cases for the contracts whose latest decision is review or deny", h.syncCases},
		{"POST", "/cases/{id}/assign", rev, "Assign a case to a reviewer: {assignee}", h.assignCase},
		{"POST", "/cases/{id}/comments", emp, "Comment on a case: {text}", h.commentCase},
		{"POST", "/cases/{id}/evidence", rev, "Attach evidence to a case: {finding_id} or {url, title}", h.attachEvidence},
		{"POST", "/cases/{id}/decision", rev, "Decide a case: {outcome, conditions?}; overriding a deny takes two reviewers", h.decideCase},

		{"GET", "/concerns", pub, "Employee concerns (?status=, contract=, org=, limit=); anonymous signers hidden below reviewer", h.listConcerns},
		{"GET", "/concerns/{id}", pub, "One concern with its signatures; anonymous signers hidden below reviewer", h.getConcern},
		{"POST", "/concerns", emp, "Raise a concern about a contract or an organization: {contract_id | org_id, text, anonymous?} (anonymous to the public unless anonymous is false)", h.raiseConcern},
		{"POST", "/concerns/{id}/signatures", emp, "Sign a concern, once per person: {anonymous?} (anonymous to the public unless anonymous is false)", h.signConcern},
	}
}

// ReviewReader is what the review routes read: cases and concerns, and
// what a case shows of its contract, decision, evidence, history and
// assignee.
type ReviewReader interface {
	probity.ReviewStore
	Contract(ctx context.Context, id string) (*probity.Contract, error)
	Decision(ctx context.Context, id int64) (*probity.Decision, json.RawMessage, error)
	Finding(ctx context.Context, id int64) (*probity.Finding, error)
	Audit(ctx context.Context, f probity.AuditFilter) ([]probity.AuditEntry, error)
	User(ctx context.Context, name string) (*probity.User, error)
}

// reviewAPI holds what the handlers of ReviewRoutes use: the review
// service for every change, and the store to read.
type reviewAPI struct {
	svc   *review.Service
	store ReviewReader
}

func (h *reviewAPI) now() time.Time {
	if h.svc.Now != nil {
		return h.svc.Now().UTC()
	}
	return time.Now().UTC()
}

// actorOf is the review actor of a request: the caller's user name and
// role; the public has no name.
func actorOf(r *http.Request) review.Actor {
	c := CallerOf(r.Context())
	if c.User == nil {
		return review.Actor{Role: string(probity.RolePublic)}
	}
	return review.Actor{Name: c.User.Name, Role: string(c.Role)}
}

// decodeOptional is DecodeJSON for a body that may be left out: an empty
// body leaves v as it is.
func decodeOptional(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return errorf(probity.EINVALID, "reading the request body: %v", err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	return decodeStrict(body, v, "")
}

// required is the error of a missing or blank field.
func required(field string) error {
	return errorf(probity.EINVALID, "field %q is required", field)
}

// Request bodies. Each check method rejects what the decoder lets through
// but the route cannot use, naming the field.

type openCaseRequest struct {
	ContractID  string `json:"contract_id"`
	RequestedBy string `json:"requested_by,omitempty"`
}

func (q *openCaseRequest) check() error {
	if q.ContractID = strings.TrimSpace(q.ContractID); q.ContractID == "" {
		return required("contract_id")
	}
	return nil
}

type assignRequest struct {
	Assignee string `json:"assignee"`
}

func (q *assignRequest) check() error {
	if q.Assignee = strings.TrimSpace(q.Assignee); q.Assignee == "" {
		return required("assignee")
	}
	return nil
}

type commentRequest struct {
	Text string `json:"text"`
}

func (q *commentRequest) check() error {
	if strings.TrimSpace(q.Text) == "" {
		return required("text")
	}
	return nil
}

type evidenceRequest struct {
	FindingID int64  `json:"finding_id,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
}

func (q *evidenceRequest) check() error {
	switch {
	case q.FindingID < 0:
		return errorf(probity.EINVALID, "field \"finding_id\": %d is not a finding id", q.FindingID)
	case q.FindingID != 0 && (q.URL != "" || q.Title != ""):
		return errorf(probity.EINVALID, "give \"finding_id\", or \"url\" and \"title\", not both")
	case q.FindingID == 0 && strings.TrimSpace(q.URL) == "":
		return errorf(probity.EINVALID, "give \"finding_id\", or \"url\" and \"title\"")
	case q.FindingID == 0 && strings.TrimSpace(q.Title) == "":
		return required("title")
	}
	return nil
}

type decisionRequest struct {
	Outcome    string `json:"outcome"`
	Conditions string `json:"conditions,omitempty"`
}

func (q *decisionRequest) check() error {
	if q.Outcome = strings.TrimSpace(q.Outcome); q.Outcome == "" {
		return errorf(probity.EINVALID, "field \"outcome\" is required: one of %s", strings.Join(probity.CaseOutcomes(), ", "))
	}
	return nil
}

type concernRequest struct {
	ContractID string `json:"contract_id,omitempty"`
	OrgID      int64  `json:"org_id,omitempty"`
	Text       string `json:"text"`
	Anonymous  *bool  `json:"anonymous,omitempty"` // default true: false to be named in public
}

func (q *concernRequest) check() error {
	q.ContractID = strings.TrimSpace(q.ContractID)
	switch {
	case q.OrgID < 0:
		return errorf(probity.EINVALID, "field \"org_id\": %d is not an organization id", q.OrgID)
	case (q.ContractID == "") == (q.OrgID == 0):
		return errorf(probity.EINVALID, "give exactly one of \"contract_id\" and \"org_id\"")
	case strings.TrimSpace(q.Text) == "":
		return required("text")
	}
	return nil
}

type signRequest struct {
	Anonymous *bool `json:"anonymous,omitempty"` // default true: false to be named in public
}

// anonymous reads an "anonymous" field: a signature is anonymous to the
// public unless its signer chooses to be named.
func anonymous(v *bool) bool { return v == nil || *v }

// decodeRequest decodes r's body into q and checks it.
func decodeRequest[T any, P interface {
	*T
	check() error
}](r *http.Request) (*T, error) {
	q := new(T)
	if err := DecodeJSON(r, q); err != nil {
		return nil, err
	}
	if err := P(q).check(); err != nil {
		return nil, err
	}
	return q, nil
}

// caseOut is a case as the API shows it: with whether it is overdue.
type caseOut struct {
	probity.Case
	Overdue bool `json:"overdue"`
}

// listCases is GET /cases.
func (h *reviewAPI) listCases(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := intParam(q, "limit", listDefault, 1, listMax)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	f := probity.CaseFilter{State: q.Get("state"), ContractID: q.Get("contract"), Assignee: q.Get("assignee"), Limit: limit}
	switch f.State {
	case "", probity.CaseOpen, probity.CaseInReview, probity.CaseDecided:
	default:
		WriteError(w, r, errorf(probity.EINVALID, "query parameter \"state\": %q is not open, in_review or decided", f.State))
		return
	}
	now := h.now()
	switch q.Get("overdue") {
	case "", "false":
	case "true":
		f.OverdueAt = now
	default:
		WriteError(w, r, errorf(probity.EINVALID, "query parameter \"overdue\": want true or false"))
		return
	}
	list, err := h.store.Cases(r.Context(), f)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	out := make([]caseOut, len(list))
	for i, c := range list {
		out[i] = caseOut{Case: c, Overdue: c.Overdue(now)}
	}
	WriteJSON(w, http.StatusOK, map[string]any{"cases": out})
}

// evidenceOut is a piece of evidence with the finding it names.
type evidenceOut struct {
	probity.CaseEvidence
	Finding *probity.Finding `json:"finding,omitempty"`
}

// caseDetail is GET /cases/{id}'s answer. History (the case's audit
// entries) is for reviewers and above.
type caseDetail struct {
	Case          caseOut               `json:"case"`
	ContractTitle string                `json:"contract_title,omitempty"`
	Decision      *probity.Decision     `json:"decision"`
	Concerns      []probity.Concern     `json:"concerns"`
	Evidence      []evidenceOut         `json:"evidence"`
	Comments      []probity.CaseComment `json:"comments"`
	History       []probity.AuditEntry  `json:"history,omitempty"`
}

// getCase is GET /cases/{id}. Below reviewer, evidence resting on a
// confidential finding is left out and the decision's reasons citing one
// are redacted, as in the rest of the API.
func (h *reviewAPI) getCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	d, err := h.caseDetail(r, id)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, d)
}

func (h *reviewAPI) caseDetail(r *http.Request, id int64) (*caseDetail, error) {
	ctx, store, a := r.Context(), h.store, actorOf(r)
	see := seesConfidential(r)
	c, err := store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &caseDetail{Case: caseOut{Case: *c, Overdue: c.Overdue(h.now())}}
	if c.ContractID != "" {
		if k, err := store.Contract(ctx, c.ContractID); err == nil {
			d.ContractTitle = k.Title
		} else if probity.ErrorCode(err) != probity.ENOTFOUND {
			return nil, err
		}
	}
	findings := findingCache{store: store, m: map[int64]*probity.Finding{}}
	if c.DecisionID != 0 {
		dec, _, err := store.Decision(ctx, c.DecisionID)
		if err != nil {
			return nil, err
		}
		if !see {
			if *dec, err = findings.redact(ctx, *dec); err != nil {
				return nil, err
			}
		}
		d.Decision = dec
	}
	concerns, err := store.Concerns(ctx, probity.ConcernFilter{CaseID: id})
	if err != nil {
		return nil, err
	}
	d.Concerns = make([]probity.Concern, len(concerns))
	for i, k := range concerns {
		d.Concerns[i] = review.VisibleConcern(a, k)
	}
	ev, err := store.CaseEvidence(ctx, id)
	if err != nil {
		return nil, err
	}
	d.Evidence = make([]evidenceOut, 0, len(ev))
	for _, e := range ev {
		out := evidenceOut{CaseEvidence: e}
		if e.Kind == probity.EvidenceFinding {
			f, err := findings.get(ctx, e.FindingID)
			if err != nil {
				return nil, err
			}
			if f != nil && f.Confidential && !see {
				continue
			}
			out.Finding = f
		}
		d.Evidence = append(d.Evidence, out)
	}
	comments, err := store.CaseComments(ctx, id)
	if err != nil {
		return nil, err
	}
	d.Comments = nonNilSlice(comments)
	if see {
		if d.History, err = store.Audit(ctx, probity.AuditFilter{Object: "case:" + strconv.FormatInt(id, 10)}); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// findingCache looks findings up once per request.
type findingCache struct {
	store interface {
		Finding(ctx context.Context, id int64) (*probity.Finding, error)
	}
	m map[int64]*probity.Finding
}

// get returns the finding, or nil if there is none with this id.
func (c *findingCache) get(ctx context.Context, id int64) (*probity.Finding, error) {
	if f, ok := c.m[id]; ok {
		return f, nil
	}
	f, err := c.store.Finding(ctx, id)
	if probity.ErrorCode(err) == probity.ENOTFOUND {
		f, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	c.m[id] = f
	return f, nil
}

// redact hides the references to confidential findings, and the messages
// of the reasons citing them, as the register's routes do for callers
// below reviewer. The findings are looked up in the store, so a finding
// marked confidential a moment ago is already hidden.
func (c *findingCache) redact(ctx context.Context, d probity.Decision) (probity.Decision, error) {
	reasons := make([]probity.Reason, len(d.Reasons))
	for i, rs := range d.Reasons {
		var refs []probity.Ref
		hidden := false
		for _, ref := range rs.Refs {
			if ref.Kind == probity.RefFinding {
				id, err := strconv.ParseInt(ref.ID, 10, 64)
				if err != nil {
					hidden = true // not ours to interpret: hide rather than leak
					continue
				}
				f, err := c.get(ctx, id)
				if err != nil {
					return d, err
				}
				if f != nil && f.Confidential {
					hidden = true
					continue
				}
			}
			refs = append(refs, ref)
		}
		rs.Refs = refs
		if hidden {
			rs.Message = confidentialNote
		}
		reasons[i] = rs
	}
	d.Reasons = reasons
	return d, nil
}

// openCase is POST /cases.
func (h *reviewAPI) openCase(w http.ResponseWriter, r *http.Request) {
	q, err := decodeRequest[openCaseRequest](r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	c, err := h.svc.OpenCase(r.Context(), actorOf(r), q.ContractID, q.RequestedBy)
	h.answerCase(w, r, c, err)
}

// syncCases is POST /cases/sync; it takes no body.
func (h *reviewAPI) syncCases(w http.ResponseWriter, r *http.Request) {
	var none struct{}
	if err := decodeOptional(r, &none); err != nil {
		WriteError(w, r, err)
		return
	}
	st, err := h.svc.SyncDecisions(r.Context())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, st)
}

// assignCase is POST /cases/{id}/assign. The assignee must be a user who
// may decide cases (a reviewer or an admin, not disabled); the service
// then refuses the deal's requester.
func (h *reviewAPI) assignCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	q, err := decodeRequest[assignRequest](r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	u, err := h.store.User(r.Context(), q.Assignee)
	switch {
	case probity.ErrorCode(err) == probity.ENOTFOUND:
		err = errorf(probity.EINVALID, "field \"assignee\": there is no user %q", q.Assignee)
	case err != nil:
	case u.Disabled:
		err = errorf(probity.EINVALID, "field \"assignee\": user %q is disabled", u.Name)
	case !u.Role.AtLeast(probity.RoleReviewer):
		err = errorf(probity.EINVALID, "field \"assignee\": %s is %s; cases are assigned to reviewers and admins", u.Name, u.Role)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	c, err := h.svc.Assign(r.Context(), actorOf(r), id, q.Assignee)
	h.answerCase(w, r, c, err)
}

// commentCase is POST /cases/{id}/comments.
func (h *reviewAPI) commentCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	q, err := decodeRequest[commentRequest](r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	c, err := h.svc.Comment(r.Context(), actorOf(r), id, q.Text)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, c)
}

// attachEvidence is POST /cases/{id}/evidence.
func (h *reviewAPI) attachEvidence(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	q, err := decodeRequest[evidenceRequest](r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	e, err := h.svc.Attach(r.Context(), actorOf(r), id, probity.CaseEvidence{FindingID: q.FindingID, URL: q.URL, Title: q.Title})
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, e)
}

// decideCase is POST /cases/{id}/decision. The answer is the case: when
// it overrides a deny and is the first approval, the case stays in_review
// with first_approval set, waiting for a second reviewer.
func (h *reviewAPI) decideCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	q, err := decodeRequest[decisionRequest](r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	c, err := h.svc.Decide(r.Context(), actorOf(r), id, q.Outcome, q.Conditions)
	h.answerCase(w, r, c, err)
}

func (h *reviewAPI) answerCase(w http.ResponseWriter, r *http.Request, c probity.Case, err error) {
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, caseOut{Case: c, Overdue: c.Overdue(h.now())})
}
