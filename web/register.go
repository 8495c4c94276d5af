package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
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

// register is GET /contracts for a browser, the same view as JSON for an
// API client (?format=json, which package httpapi sets for a client that
// wants JSON), and its exports (?format=csv|ocds) for anyone.
func (s *Site) register(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	fail := s.fail
	if format == "json" {
		fail = func(w http.ResponseWriter, r *http.Request, err error) { httpapi.WriteError(w, r, err) }
	}
	q, err := parseQuery(r.URL.Query())
	if err != nil {
		fail(w, r, err)
		return
	}
	switch f := format; f {
	case "", "html", "json":
	case "csv", "ocds":
		s.export(w, r, q, f)
		return
	default:
		s.fail(w, r, probity.Errorf(probity.EINVALID, "format: %q is not csv, ocds or json (or leave it out for the page)", f))
		return
	}
	res, err := s.search.Search(r.Context(), q)
	if err != nil {
		fail(w, r, err)
		return
	}
	pages := max(1, (res.Total+q.PerPage-1)/q.PerPage)
	if q.Page > pages && res.Total > 0 {
		fail(w, r, probity.Errorf(probity.EINVALID, "page: %d is past the last page (%d)", q.Page, pages))
		return
	}
	if format == "json" {
		registerJSON(w, q, res, pages)
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

// registerJSON writes one page of a view of the register for an API
// client: the same contracts, order and page as the page shows at that
// address, with each contract's latest decision, and the addresses of the
// pages around it and of the view's exports.
func registerJSON(w http.ResponseWriter, q Query, res Result, pages int) {
	type row struct {
		*probity.Contract
		Decision *string `json:"decision"` // the latest decision's outcome; null: none yet
		URL      string  `json:"url"`
	}
	out := struct {
		Total     int    `json:"total"`
		Page      int    `json:"page"`
		Pages     int    `json:"pages"`
		PerPage   int    `json:"per_page"`
		Contracts []row  `json:"contracts"`
		Prev      string `json:"prev,omitempty"`
		Next      string `json:"next,omitempty"`
		CSV       string `json:"csv"`
		OCDS      string `json:"ocds"`
	}{Total: res.Total, Page: q.Page, Pages: pages, PerPage: q.PerPage, Contracts: make([]row, 0, len(res.Rows)),
		CSV: q.URL("format", "csv"), OCDS: q.URL("format", "ocds")}
	for i := range res.Rows {
		r := row{Contract: &res.Rows[i].Contract, URL: "/contracts/" + url.PathEscape(res.Rows[i].Contract.ID)}
		if d := res.Rows[i].Decision; d != "" {
			r.Decision = &d
		}
		out.Contracts = append(out.Contracts, r)
	}
	if q.Page > 1 {
		out.Prev = q.URL("page", strconv.Itoa(q.Page-1))
	}
	if q.Page < pages {
		out.Next = q.URL("page", strconv.Itoa(q.Page+1))
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
}
