package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/probity/probity"
)

// registerData is the register page's data.
type registerData struct {
	Q        Query
	Result   Result
	Pages    int
	First    int // number of the first row shown
	Last     int
	Prev     string
	Next     string
	CSV      string
	OCDS     string
	Sorts    []option
	Statuses []option
	Outcomes []option
}

type option struct {
	Value, Label string
	Selected     bool
}

// register is GET /contracts for a browser, and its exports
// (?format=csv|ocds) for anyone.
func (s *Site) register(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch f := r.URL.Query().Get("format"); f {
	case "", "html":
	case "csv", "ocds":
		s.export(w, r, q, f)
		return
	default:
		s.fail(w, r, probity.Errorf(probity.EINVALID, "format: %q is not csv or ocds (or leave it out for the page)", f))
		return
	}
	res, err := s.search.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pages := max(1, (res.Total+q.PerPage-1)/q.PerPage)
	if q.Page > pages && res.Total > 0 {
		s.fail(w, r, probity.Errorf(probity.EINVALID, "page: %d is past the last page (%d)", q.Page, pages))
		return
	}
	d := registerData{Q: q, Result: res, Pages: pages}
	if len(res.Rows) > 0 {
		d.First = (q.Page-1)*q.PerPage + 1
		d.Last = d.First + len(res.Rows) - 1
	}
	if q.Page > 1 {
		d.Prev = q.URL("page", strconv.Itoa(q.Page-1))
	}
	if q.Page < pages {
		d.Next = q.URL("page", strconv.Itoa(q.Page+1))
	}
	d.CSV = q.URL("format", "csv")
	d.OCDS = q.URL("format", "ocds")
	labels := map[string]string{"newest": "Newest first", "oldest": "Oldest first", "value": "Largest value", "value_asc": "Smallest value", "title": "Title A–Z"}
	for _, k := range sortKeys {
		d.Sorts = append(d.Sorts, option{k, labels[k], k == q.Sort})
	}
	for _, st := range []string{probity.StatusPlanned, probity.StatusActive, probity.StatusCompleted, probity.StatusTerminated, probity.StatusCancelled, probity.StatusUnknown} {
		d.Statuses = append(d.Statuses, option{st, st, st == q.Status})
	}
	for _, o := range probity.Outcomes() {
		d.Outcomes = append(d.Outcomes, option{o, o, o == q.Decision})
	}
	title := "The register"
	if q.Page > 1 {
		title += " — page " + strconv.Itoa(q.Page)
	}
	p := page{Title: title, Nav: "register", Data: d}
	if htmxWants(r, "results") {
		// The filters or the pages, through htmx: the results only (the
		// form, with its list of every buyer, stays as it is), and the
		// view's own address for the browser's history — without the
		// form's empty fields, and replacing rather than adding an entry
		// when the view is the one shown already.
		canon := q.URL("page", "")
		if q.Page > 1 {
			canon = q.URL("page", strconv.Itoa(q.Page))
		}
		if cur, err := url.Parse(r.Header.Get("HX-Current-URL")); err == nil && cur.RequestURI() == canon {
			w.Header().Set("HX-Replace-Url", canon)
		} else {
			w.Header().Set("HX-Push-Url", canon)
		}
		s.renderBlock(w, r, http.StatusOK, "register", "results-part", p)
		return
	}
	s.render(w, r, http.StatusOK, "register", p)
}
