package httpapi

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/probity/probity"
)

// contractOut is a contract as `probity contracts list --json` writes it:
// buyer always an object, suppliers always an array, and value, obligated
// and potential null where the source gives none (never 0).
type contractOut struct {
	*probity.Contract
	Buyer     probity.OrgRef   `json:"buyer"`
	Suppliers []probity.OrgRef `json:"suppliers"`
}

func contractJSON(c *probity.Contract) contractOut {
	out := contractOut{Contract: c, Suppliers: c.Suppliers}
	if c.Buyer != nil {
		out.Buyer = *c.Buyer
	}
	if out.Suppliers == nil {
		out.Suppliers = []probity.OrgRef{}
	}
	return out
}

const (
	listDefault = 100
	listMax     = 1000
)

// handleContracts is GET /contracts?buyer=&status=&after=&limit=.
//
// Without after or limit, and with the portal wired (serve), an API client
// gets the register's view at that address as JSON — the filters, sort and
// page of ../shared/DESIGN.md, the same contracts in the same order as the
// page a browser gets there — so that a link in a news story and a script
// read the same address. after and limit walk the whole register by id.
func (s *Server) handleContracts(w http.ResponseWriter, r *http.Request) {
	if s.page(w, r, "/contracts") {
		return
	}
	q := r.URL.Query()
	if h := s.cfg.Pages["/contracts"]; h != nil && !q.Has("after") && !q.Has("limit") {
		r2 := r.Clone(r.Context())
		q.Set("format", "json") // q is this request's own copy of the query
		r2.URL.RawQuery = q.Encode()
		h(w, r2)
		return
	}
	limit, err := intParam(q, "limit", listDefault, 1, listMax)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	f := probity.ContractFilter{Buyer: q.Get("buyer"), Status: q.Get("status"), After: q.Get("after"), Limit: limit + 1}
	list, err := s.store.Contracts(r.Context(), f)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	out := struct {
		Contracts []contractOut `json:"contracts"`
		Next      string        `json:"next,omitempty"` // pass as ?after= for the next page
	}{Contracts: make([]contractOut, 0, min(len(list), limit))}
	for i := range list {
		if i == limit {
			out.Next = list[i-1].ID
			break
		}
		out.Contracts = append(out.Contracts, contractJSON(&list[i]))
	}
	WriteJSON(w, http.StatusOK, out)
}

// handleContract is GET /contracts/{id}: the contract and its latest
// decision.
func (s *Server) handleContract(w http.ResponseWriter, r *http.Request) {
	if s.page(w, r, "/contracts/{id}") {
		return
	}
	c, err := s.store.Contract(r.Context(), r.PathValue("id"))
	if probity.ErrorCode(err) == probity.ENOTFOUND && FollowAlias(w, r, s.store) {
		return
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	ds, err := s.store.Decisions(r.Context(), probity.DecisionFilter{ContractID: c.ID, LatestOnly: true})
	if err != nil {
		WriteError(w, r, err)
		return
	}
	out := struct {
		contractOut
		Decision *probity.Decision `json:"decision"`
	}{contractOut: contractJSON(c)}
	if len(ds) > 0 {
		d := s.redactDecision(r, ds[len(ds)-1])
		out.Decision = &d
	}
	WriteJSON(w, http.StatusOK, out)
}

// FollowAlias answers a request for a contract id that is not a
// contract: when the id is the former id of an award since merged into
// another contract (first known without its unique key), it redirects,
// for pages and API clients alike, to the contract it now is, so that a
// link published before the merge keeps working, and reports true. The
// redirect is temporary (302): a merge that later proves ambiguous is
// undone and the old id is a contract again. Callers ask only after the
// contract was not found, so that a contract's page pays nothing for it.
func FollowAlias(w http.ResponseWriter, r *http.Request, store any) bool {
	id := r.PathValue("id")
	cur := probity.CurrentContractID(r.Context(), store, id)
	if cur == id {
		return false // no alias (or the alias table unreadable): the not-found stands
	}
	to := "/contracts/" + url.PathEscape(cur)
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", to)
	w.WriteHeader(http.StatusFound)
	return true
}

func pathInt(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, errorf(probity.EINVALID, "%s %q is not a positive integer", name, s)
	}
	return n, nil
}

// handleOrg is GET /orgs/{id}: the organization, its screening hits and
// the findings on it the caller may see.
func (s *Server) handleOrg(w http.ResponseWriter, r *http.Request) {
	if s.page(w, r, "/orgs/{id}") {
		return
	}
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	o, err := s.store.Organization(r.Context(), id)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	hits, err := s.store.Screenings(r.Context(), id)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	findings, err := s.store.Findings(r.Context(), probity.FindingFilter{OrgID: id})
	if err != nil {
		WriteError(w, r, err)
		return
	}
	out := struct {
		*probity.Organization
		Screening []probity.ScreeningResult `json:"screening"`
		Findings  []probity.Finding         `json:"findings"`
	}{Organization: o, Screening: nonNilSlice(hits), Findings: s.visibleFindings(r, findings)}
	WriteJSON(w, http.StatusOK, out)
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// seesConfidential reports whether the caller may see confidential
// evidence: reviewers and admins.
func seesConfidential(r *http.Request) bool {
	return CallerOf(r.Context()).Role.AtLeast(probity.RoleReviewer)
}

func (s *Server) visibleFindings(r *http.Request, fs []probity.Finding) []probity.Finding {
	out := make([]probity.Finding, 0, len(fs))
	see := seesConfidential(r)
	for _, f := range fs {
		if f.Confidential && !see {
			continue
		}
		if !see {
			f.Author = "" // the public reads findings as the reviewers', never a person's
		}
		out = append(out, f)
	}
	return out
}

// confidentialNote replaces the message of a reason that rests on
// confidential evidence, for callers who may not see it.
const confidentialNote = "rests on confidential evidence (a reviewer can see it)"

// redactDecision hides, from callers below reviewer, the references to
// confidential findings and the messages of the reasons that cite them.
func (s *Server) redactDecision(r *http.Request, d probity.Decision) probity.Decision {
	if seesConfidential(r) {
		return d
	}
	var conf map[int64]bool
	if snap := s.snap.decider.Load(); snap != nil {
		conf = snap.confidential
	}
	if len(conf) == 0 {
		return d
	}
	reasons := make([]probity.Reason, len(d.Reasons))
	for i, rs := range d.Reasons {
		var refs []probity.Ref
		hidden := false
		for _, ref := range rs.Refs {
			if ref.Kind == probity.RefFinding {
				if id, err := strconv.ParseInt(ref.ID, 10, 64); err == nil && conf[id] {
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
	return d
}

func sinceParam(q url.Values) (time.Time, error) {
	s := q.Get("since")
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errorf(probity.EINVALID, "query parameter \"since\": %q is not an RFC 3339 time or a date", s)
}

// handleDecisions is GET /decisions?contract=&outcome=&since=&history=&limit=.
func (s *Server) handleDecisions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := intParam(q, "limit", listDefault, 1, listMax)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	since, err := sinceParam(q)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	f := probity.DecisionFilter{ContractID: q.Get("contract"), Outcome: q.Get("outcome"), Since: since, Limit: limit}
	if o := f.Outcome; o != "" && o != probity.OutcomeAllow && o != probity.OutcomeReview && o != probity.OutcomeDeny {
		WriteError(w, r, errorf(probity.EINVALID, "query parameter \"outcome\": %q is not allow, review or deny", o))
		return
	}
	history := q.Get("history")
	if history != "" && history != "true" && history != "false" {
		WriteError(w, r, errorf(probity.EINVALID, "query parameter \"history\": want true or false"))
		return
	}
	f.LatestOnly = history != "true" && f.ContractID == "" && since.IsZero()
	list, err := s.store.Decisions(r.Context(), f)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	out := make([]probity.Decision, len(list))
	for i, d := range list {
		out[i] = s.redactDecision(r, d)
	}
	WriteJSON(w, http.StatusOK, map[string]any{"decisions": out})
}

// handleDecision is GET /decisions/{id}; reviewers also get the input the
// decision was computed from.
func (s *Server) handleDecision(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	d, input, err := s.store.Decision(r.Context(), id)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	out := struct {
		probity.Decision
		Input any `json:"input,omitempty"`
	}{Decision: s.redactDecision(r, *d)}
	if seesConfidential(r) && len(input) > 0 {
		out.Input = input
	}
	WriteJSON(w, http.StatusOK, out)
}

// handleFindings is GET /findings?org=&status=.
func (s *Server) handleFindings(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f probity.FindingFilter
	if o := q.Get("org"); o != "" {
		id, err := strconv.ParseInt(o, 10, 64)
		if err != nil || id <= 0 {
			WriteError(w, r, errorf(probity.EINVALID, "query parameter \"org\": %q is not an organization id", o))
			return
		}
		f.OrgID = id
	}
	f.Status = q.Get("status")
	list, err := s.store.Findings(r.Context(), f)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, map[string]any{"findings": s.visibleFindings(r, list)})
}

// handleAudit is GET /audit?actor=&object=&action=&since=&limit= (admins).
func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := intParam(q, "limit", listMax, 1, 10*listMax)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	since, err := sinceParam(q)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	list, err := s.store.Audit(r.Context(), probity.AuditFilter{Actor: q.Get("actor"), Object: q.Get("object"), Action: q.Get("action"), Since: since, Limit: limit})
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, map[string]any{"entries": nonNilSlice(list)})
}

// handleMe is GET /me: who the caller is.
func (s *Server) handleMe(w http.ResponseWriter, r *http.Request) {
	c := CallerOf(r.Context())
	if c.User == nil {
		WriteError(w, r, errors.New("no user on an authenticated route"))
		return
	}
	WriteJSON(w, http.StatusOK, map[string]any{"user": c.User, "role": c.Role, "token_id": c.TokenID, "session": c.Session != nil})
}

// handleHealth is GET /healthz: the store answers and an index is loaded
// (or no list exists yet).
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	if _, err := s.store.CurrentLists(r.Context()); err != nil {
		WriteError(w, r, err)
		return
	}
	entries := 0
	if ix := s.screener.Index(); ix != nil {
		entries, _ = ix.Len()
	}
	WriteJSON(w, http.StatusOK, map[string]any{"status": "ok", "index_entries": entries, "lists": s.snap.listVersions()})
}
