package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/probity/probity"
)

// The Atom feed (RFC 4287) of the latest decisions and decided cases, for
// readers that watch the register. Entry ids are tag URIs that stay the
// same whatever host serves the feed.

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

const feedSize = 100

// feed is GET /feed.atom.
func (s *Site) feed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ds, err := s.store.Decisions(ctx, probity.DecisionFilter{LatestOnly: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	slices.SortFunc(ds, func(a, b probity.Decision) int { return b.DecidedAt.Compare(a.DecidedAt) })
	ds = ds[:min(len(ds), feedSize)]
	cases, err := s.store.Cases(ctx, probity.CaseFilter{State: probity.CaseDecided, Limit: feedSize})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := atomFeed{Title: "probity: decisions and case outcomes", ID: "tag:probity,2026:feed", Author: atomAuthor{Name: "probity reviewers"},
		Link: []atomLink{{Rel: "self", Href: "/feed.atom"}, {Rel: "alternate", Href: "/contracts"}}}
	var updated time.Time
	for _, d := range ds {
		if d.DecidedAt.After(updated) {
			updated = d.DecidedAt
		}
		f.Entries = append(f.Entries, atomEntry{
			Title:   d.Outcome + ": contract " + d.ContractID,
			ID:      "tag:probity,2026:decision/" + strconv.FormatInt(d.ID, 10),
			Updated: d.DecidedAt.UTC().Format(time.RFC3339),
			Link:    atomLink{Href: "/contracts/" + url.PathEscape(d.ContractID)},
			Summary: "The policy's decision is " + d.Outcome + " with " + strconv.Itoa(len(d.Reasons)) + " reason(s).",
		})
	}
	for _, c := range cases {
		if c.ContractID == "" {
			continue
		}
		if c.DecidedAt.After(updated) {
			updated = c.DecidedAt
		}
		f.Entries = append(f.Entries, atomEntry{
			Title:   "case " + strconv.FormatInt(c.ID, 10) + " decided: " + words(c.Outcome),
			ID:      "tag:probity,2026:case/" + strconv.FormatInt(c.ID, 10),
			Updated: c.DecidedAt.UTC().Format(time.RFC3339),
			Link:    atomLink{Href: "/contracts/" + url.PathEscape(c.ContractID)},
			Summary: "Reviewers decided the case on contract " + c.ContractID + ": " + words(c.Outcome) + ".",
		})
	}
	if updated.IsZero() {
		updated = time.Unix(0, 0)
	}
	f.Updated = updated.UTC().Format(time.RFC3339)
	h := w.Header()
	securityHeaders(h)
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	_, _ = w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	_ = enc.Encode(f)
}
