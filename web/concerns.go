package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

// sameOrigin refuses a form posted from another site (Origin names another
// host): with SameSite cookies and the CSRF field this also stops a
// forged sign-in.
func (s *Site) sameOrigin(w http.ResponseWriter, r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == "null" && r.Host == "" {
		return true
	}
	u, err := url.Parse(o)
	if err != nil || u.Host != r.Host {
		s.fail(w, r, probity.Errorf(probity.EFORBIDDEN, "this form was posted from another site (%s)", o))
		return false
	}
	return true
}

// concernFormData is the raise-a-concern page's data.
type concernFormData struct {
	ContractID string
	Contract   *probity.Contract
	OrgID      int64
	Org        *probity.Organization
	Threshold  int
	Text       string
	Error      string
}

// concernForm is GET /console/concerns/new?contract=ID or ?org=ID.
func (s *Site) concernForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.signedIn(w, r, probity.RoleEmployee); !ok {
		return
	}
	d, err := s.concernSubject(r, r.URL.Query().Get("contract"), r.URL.Query().Get("org"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "concern_new", page{Title: "Raise a concern", Nav: "console", Private: true, Data: d})
}

func (s *Site) concernSubject(r *http.Request, contract, org string) (concernFormData, error) {
	d := concernFormData{ContractID: strings.TrimSpace(contract), Threshold: s.threshold()}
	if d.ContractID != "" {
		c, err := s.store.Contract(r.Context(), d.ContractID)
		if err != nil {
			return d, err
		}
		d.Contract = c
		return d, nil
	}
	id, err := strconv.ParseInt(strings.TrimSpace(org), 10, 64)
	if err != nil || id <= 0 {
		return d, probity.Errorf(probity.EINVALID, "say what the concern is about: ?contract=ID or ?org=ID")
	}
	o, err := s.store.Organization(r.Context(), id)
	if err != nil {
		return d, err
	}
	d.OrgID, d.Org = id, o
	return d, nil
}

func (s *Site) threshold() int {
	if s.opt.Review.Threshold > 0 {
		return s.opt.Review.Threshold
	}
	return review.DefaultThreshold
}

// raiseConcern is POST /console/concerns. The raiser signs first;
// anonymous to the public unless they tick "show my name".
func (s *Site) raiseConcern(w http.ResponseWriter, r *http.Request) {
	c, ok := s.signedIn(w, r, probity.RoleEmployee)
	if !ok || !s.sameOrigin(w, r) {
		return
	}
	_ = r.ParseForm()
	d, err := s.concernSubject(r, r.PostForm.Get("contract"), r.PostForm.Get("org"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Text = strings.TrimSpace(r.PostForm.Get("text"))
	if d.Text == "" {
		d.Error = "Write what concerns you: the text is required."
		s.render(w, r, http.StatusBadRequest, "concern_new", page{Title: "Raise a concern", Nav: "console", Private: true, Data: d})
		return
	}
	named := r.PostForm.Get("named") == "on"
	k, err := s.opt.Review.RaiseConcern(r.Context(), actor(c), probity.Concern{ContractID: d.ContractID, OrgID: d.OrgID, Text: d.Text}, !named)
	if err != nil {
		if code := probity.ErrorCode(err); code == probity.EINVALID || code == probity.ECONFLICT {
			d.Error = err.Error()
			s.render(w, r, http.StatusBadRequest, "concern_new", page{Title: "Raise a concern", Nav: "console", Private: true, Data: d})
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/concerns/"+strconv.FormatInt(k.ID, 10)+"?raised=1", http.StatusSeeOther)
}

// concernData is a concern's page data.
type concernData struct {
	C          probity.Concern
	Signatures []probity.Signature
	Subject    string
	SubjectURL string
	Signed     bool
	Notice     string
}

// concernPage is GET /console/concerns/{id}.
func (s *Site) concernPage(w http.ResponseWriter, r *http.Request) {
	c, ok := s.signedIn(w, r, probity.RoleEmployee)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, probity.Errorf(probity.EINVALID, "%q is not a concern number", r.PathValue("id")))
		return
	}
	k, err := s.store.Concern(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sigs, err := s.store.Signatures(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a := actor(c)
	d := concernData{C: review.VisibleConcern(a, *k), Signatures: review.VisibleSignatures(a, sigs)}
	for _, sg := range sigs {
		if sg.Signer == c.User.Name {
			d.Signed = true
		}
	}
	if k.ContractID != "" {
		d.Subject, d.SubjectURL = "contract "+k.ContractID, "/contracts/"+url.PathEscape(k.ContractID)
		if ct, err := s.store.Contract(r.Context(), k.ContractID); err == nil {
			d.Subject = ct.Title + " (" + ct.ID + ")"
		}
	} else {
		d.Subject, d.SubjectURL = "organization "+strconv.FormatInt(k.OrgID, 10), "/orgs/"+strconv.FormatInt(k.OrgID, 10)
		if o, err := s.store.Organization(r.Context(), k.OrgID); err == nil {
			d.Subject = o.Name
		}
	}
	switch {
	case r.URL.Query().Has("raised"):
		d.Notice = "Your concern is raised and carries your signature."
	case r.URL.Query().Has("signed"):
		d.Notice = "You signed this concern."
	}
	if k.Status == probity.ConcernEscalated && k.CaseID != 0 && r.URL.Query().Has("signed") {
		d.Notice += " It reached its threshold: case " + strconv.FormatInt(k.CaseID, 10) + " is open for the reviewers."
	}
	s.render(w, r, http.StatusOK, "concern", page{Title: "Concern " + strconv.FormatInt(id, 10), Nav: "console", Private: true, Data: d})
}

// signConcern is POST /console/concerns/{id}/sign.
func (s *Site) signConcern(w http.ResponseWriter, r *http.Request) {
	c, ok := s.signedIn(w, r, probity.RoleEmployee)
	if !ok || !s.sameOrigin(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, probity.Errorf(probity.EINVALID, "%q is not a concern number", r.PathValue("id")))
		return
	}
	_ = r.ParseForm()
	if _, err := s.opt.Review.SignConcern(r.Context(), actor(c), id, r.PostForm.Get("named") != "on"); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/concerns/"+strconv.FormatInt(id, 10)+"?signed=1", http.StatusSeeOther)
}
