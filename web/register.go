package web

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/ocds"
)

// maxExport bounds the contracts of one export.
const maxExport = 100_000

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
	s.render(w, r, http.StatusOK, "register", page{Title: title, Nav: "register", Data: d})
}

// export writes every contract of the view (up to maxExport), ignoring
// the page: CSV with one row per contract, or an OCDS record package of
// their stored releases.
func (s *Site) export(w http.ResponseWriter, r *http.Request, q Query, format string) {
	q.Page, q.PerPage = 1, maxExport
	res, err := s.search.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Total-Count", strconv.Itoa(res.Total))
	if format == "csv" {
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="probity-contracts.csv"`)
		bw := bufio.NewWriterSize(w, 64<<10)
		cw := csv.NewWriter(bw)
		_ = cw.Write([]string{"id", "title", "status", "buyer_id", "buyer", "supplier_ids", "suppliers", "value", "currency", "period_start", "period_end", "decision", "source", "source_reference", "url"})
		for _, row := range res.Rows {
			c := row.Contract
			var bid, bname, amount, currency string
			if c.Buyer != nil {
				bid, bname = strconv.FormatInt(c.Buyer.ID, 10), c.Buyer.Name
			}
			if c.Value != nil { // unknown stays empty, never 0
				amount, currency = strconv.FormatFloat(c.Value.Amount, 'f', -1, 64), c.Value.Currency
			}
			var sids, snames []string
			for _, sp := range c.Suppliers {
				sids = append(sids, strconv.FormatInt(sp.ID, 10))
				snames = append(snames, sp.Name)
			}
			_ = cw.Write([]string{c.ID, csvSafe(c.Title), c.Status, bid, csvSafe(bname), strings.Join(sids, ";"), csvSafe(strings.Join(snames, "; ")),
				amount, currency, c.Period.Start, c.Period.End, row.Decision, c.Source, csvSafe(c.SourceReference), "/contracts/" + c.ID})
		}
		cw.Flush()
		_ = bw.Flush()
		return
	}
	h.Set("Content-Type", "application/json")
	h.Set("Content-Disposition", `attachment; filename="probity-contracts.ocds.json"`)
	i := 0
	next := func() (string, []json.RawMessage, string, bool, error) {
		for i < len(res.Rows) {
			id := res.Rows[i].Contract.ID
			i++
			var raws []json.RawMessage
			version := "1.0"
			err := s.store.Releases(r.Context(), id, func(_ string, rs []probity.Release) error {
				for _, x := range rs {
					raws = append(raws, x.Raw)
					if x.Version == "1.1" {
						version = "1.1"
					}
				}
				return nil
			})
			if err != nil {
				return "", nil, "", false, err
			}
			if len(raws) > 0 {
				return id, raws, version, true, nil
			}
		}
		return "", nil, "", false, nil
	}
	if err := ocds.WriteRecordPackage(w, ocds.PackageMeta{URI: "urn:probity:contracts?" + q.Values().Encode()}, next, ocds.ExportOptions{Compiled: true}); err != nil {
		s.log.ErrorContext(r.Context(), "web: ocds export", "error", err.Error())
	}
}

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
