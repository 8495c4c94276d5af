package httpapi

import (
	"net/http"
	"strconv"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

// The concern routes of ReviewRoutes. Concerns are public: anyone may read
// them, with the names of anonymous signers (and of an anonymous raiser)
// replaced by "anonymous" for callers below reviewer — except their own
// name, which a signer still sees. A concern has no confidential field.

// listConcerns is GET /concerns?status=&contract=&org=&limit=.
func (h *reviewAPI) listConcerns(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := intParam(q, "limit", listDefault, 1, listMax)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	f := probity.ConcernFilter{Status: q.Get("status"), ContractID: q.Get("contract"), Limit: limit}
	switch f.Status {
	case "", probity.ConcernOpen, probity.ConcernEscalated, probity.ConcernClosed:
	default:
		WriteError(w, r, errorf(probity.EINVALID, "query parameter \"status\": %q is not open, escalated or closed", f.Status))
		return
	}
	if o := q.Get("org"); o != "" {
		id, err := strconv.ParseInt(o, 10, 64)
		if err != nil || id <= 0 {
			WriteError(w, r, errorf(probity.EINVALID, "query parameter \"org\": %q is not an organization id", o))
			return
		}
		f.OrgID = id
	}
	list, err := h.store.Concerns(r.Context(), f)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	a := actorOf(r)
	out := make([]probity.Concern, len(list))
	for i, c := range list {
		out[i] = review.VisibleConcern(a, c)
	}
	WriteJSON(w, http.StatusOK, map[string]any{"concerns": out})
}

// concernDetail is GET /concerns/{id}'s answer.
type concernDetail struct {
	Concern    probity.Concern     `json:"concern"`
	Signatures []probity.Signature `json:"signatures"`
}

// getConcern is GET /concerns/{id}.
func (h *reviewAPI) getConcern(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	c, err := h.store.Concern(r.Context(), id)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	sigs, err := h.store.Signatures(r.Context(), id)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	a := actorOf(r)
	WriteJSON(w, http.StatusOK, concernDetail{Concern: review.VisibleConcern(a, *c), Signatures: review.VisibleSignatures(a, sigs)})
}

// raiseConcern is POST /concerns: the raiser signs first; the service's
// threshold applies (callers cannot choose it).
func (h *reviewAPI) raiseConcern(w http.ResponseWriter, r *http.Request) {
	q, err := decodeRequest[concernRequest](r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	a := actorOf(r)
	c, err := h.svc.RaiseConcern(r.Context(), a, probity.Concern{ContractID: q.ContractID, OrgID: q.OrgID, Text: q.Text}, anonymous(q.Anonymous))
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, review.VisibleConcern(a, c))
}

// signConcern is POST /concerns/{id}/signatures; the body may be left out
// (a signature anonymous to the public; {"anonymous": false} to be named). A second signature by the same person
// is 409.
func (h *reviewAPI) signConcern(w http.ResponseWriter, r *http.Request) {
	id, err := pathInt(r, "id")
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var q signRequest
	if err := decodeOptional(r, &q); err != nil {
		WriteError(w, r, err)
		return
	}
	a := actorOf(r)
	c, err := h.svc.SignConcern(r.Context(), a, id, anonymous(q.Anonymous))
	if err != nil {
		WriteError(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, review.VisibleConcern(a, c))
}
