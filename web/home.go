package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/probity/probity"
)

// homeData is the home page's data: the figures and the charts.
type homeData struct {
	T          Totals
	Outcomes   []Sum
	BuyerSVG   template.HTML
	CountrySVG template.HTML
	YearSVG    template.HTML
	Policy     *probity.PolicyVersion
}

// home is GET /: what the register holds, by decision, agency, country
// and year.
func (s *Site) home(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cur := r.URL.Query().Get("currency")
	if len(cur) > 8 {
		s.fail(w, r, probity.Errorf(probity.EINVALID, "currency %q: want a three-letter code such as USD", cur[:8]+"…"))
		return
	}
	t, err := s.search.Totals(ctx, strings.ToUpper(cur))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := homeData{T: t}
	for _, o := range probity.Outcomes() {
		d.Outcomes = append(d.Outcomes, Sum{Key: o, Count: t.Decisions[o], Link: "/contracts?decision=" + o})
	}
	var bars []bar
	for _, b := range t.ByBuyer {
		bars = append(bars, bar{Label: b.Key, Value: b.Amount})
	}
	d.BuyerSVG = barChart("Contract value by buying agency, "+t.Currency, bars)
	bars = nil
	for _, b := range t.ByCountry {
		bars = append(bars, bar{Label: b.Key, Value: b.Amount})
	}
	d.CountrySVG = barChart("Contract value by the buyer's country, "+t.Currency, bars)
	d.YearSVG = stackedYears("Contract value by year and decision, "+t.Currency, t.ByYear)
	if p, err := s.store.CurrentPolicy(ctx); err == nil {
		d.Policy = p
	}
	s.render(w, r, http.StatusOK, "home", page{Title: "probity — contracts, the policy and its decisions", Nav: "home", Data: d})
}
