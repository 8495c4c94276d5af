package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/probity/probity"
)

// Query is one view of the register: the filters of the URL
// (../shared/DESIGN.md), the sort and the page.
type Query struct {
	Q        string // words in the title, description, identifier, buyer or supplier
	Buyer    string // an organization id (that body and everything under it) or part of a name
	Supplier string // an organization id or part of a name
	Country  string // the buyer's country, ISO 3166-1 alpha-2
	Status   string
	Decision string // allow, review or deny (the latest decision)
	Year     int    // the year the contract's period starts (or ends, if it has no start)
	Min, Max *float64
	Sort     string
	Page     int // from 1
	PerPage  int
}

// Sort keys of the register.
var sortKeys = []string{"newest", "oldest", "value", "value_asc", "title"}

const (
	perPage   = 50
	maxPage   = 1_000_000
	maxFilter = 200 // bytes of a text filter
)

// parseQuery reads and checks a register URL; a bad value is an EINVALID
// error naming the parameter and what it accepts.
func parseQuery(v url.Values) (Query, error) {
	q := Query{PerPage: perPage, Page: 1, Sort: "newest"}
	bad := func(name, format string, args ...any) error {
		return probity.Errorf(probity.EINVALID, "%s: "+format, append([]any{name}, args...)...)
	}
	text := func(name string) (string, error) {
		s := strings.TrimSpace(v.Get(name))
		if len(s) > maxFilter {
			return "", bad(name, "at most %d characters", maxFilter)
		}
		return s, nil
	}
	var err error
	if q.Q, err = text("q"); err != nil {
		return q, err
	}
	if q.Buyer, err = text("buyer"); err != nil {
		return q, err
	}
	if q.Supplier, err = text("supplier"); err != nil {
		return q, err
	}
	if q.Country, err = text("country"); err != nil {
		return q, err
	}
	if q.Country != "" {
		if len(q.Country) != 2 || strings.Trim(strings.ToUpper(q.Country), "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return q, bad("country", "%q is not a two-letter country code (US, GB…)", q.Country)
		}
		q.Country = strings.ToUpper(q.Country)
	}
	statuses := []string{probity.StatusPlanned, probity.StatusActive, probity.StatusCompleted, probity.StatusTerminated, probity.StatusCancelled, probity.StatusUnknown}
	if q.Status = strings.TrimSpace(v.Get("status")); q.Status != "" && !slices.Contains(statuses, q.Status) {
		return q, bad("status", "%q is not one of %s", q.Status, strings.Join(statuses, ", "))
	}
	if q.Decision = strings.TrimSpace(v.Get("decision")); q.Decision != "" && !slices.Contains(probity.Outcomes(), q.Decision) {
		return q, bad("decision", "%q is not allow, review or deny", q.Decision)
	}
	if s := strings.TrimSpace(v.Get("year")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1900 || n > 2200 {
			return q, bad("year", "%q is not a year between 1900 and 2200", s)
		}
		q.Year = n
	}
	for _, p := range []struct {
		name string
		dst  **float64
	}{{"min", &q.Min}, {"max", &q.Max}} {
		s := strings.ReplaceAll(strings.TrimSpace(v.Get(p.name)), ",", "")
		if s == "" {
			continue
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f != f || f > 1e15 || f < -1e15 {
			return q, bad(p.name, "%q is not an amount", v.Get(p.name))
		}
		*p.dst = &f
	}
	if q.Min != nil && q.Max != nil && *q.Max < *q.Min {
		return q, bad("max", "%s is below min %s", formatAmount(*q.Max), formatAmount(*q.Min))
	}
	if s := strings.TrimSpace(v.Get("sort")); s != "" {
		if !slices.Contains(sortKeys, s) {
			return q, bad("sort", "%q is not one of %s", s, strings.Join(sortKeys, ", "))
		}
		q.Sort = s
	}
	if s := strings.TrimSpace(v.Get("page")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPage {
			return q, bad("page", "%q is not a page number (1 or more)", s)
		}
		q.Page = n
	}
	return q, nil
}

// Values is the URL of the view (without the page when it is the first),
// for links that keep the filters.
func (q Query) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", q.Q)
	set("buyer", q.Buyer)
	set("supplier", q.Supplier)
	set("country", q.Country)
	set("status", q.Status)
	set("decision", q.Decision)
	if q.Year != 0 {
		v.Set("year", strconv.Itoa(q.Year))
	}
	if q.Min != nil {
		v.Set("min", strconv.FormatFloat(*q.Min, 'f', -1, 64))
	}
	if q.Max != nil {
		v.Set("max", strconv.FormatFloat(*q.Max, 'f', -1, 64))
	}
	if q.Sort != "newest" {
		set("sort", q.Sort)
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	return v
}

// URL is the register view with one parameter changed ("" removes it).
func (q Query) URL(key, value string) string {
	v := q.Values()
	if key != "page" {
		v.Del("page")
	}
	if value == "" {
		v.Del(key)
	} else {
		v.Set(key, value)
	}
	if len(v) == 0 {
		return "/contracts"
	}
	return "/contracts?" + v.Encode()
}
