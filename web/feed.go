package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/translog"
)

// The Atom feed (RFC 4287) of the latest decisions and decided cases, for
// readers that watch the register. Entry ids are tag URIs that stay the
// same whatever host serves the feed. Each entry cites its transparency
// log entry (a logEntry element in the log namespace, a related link to
// its inclusion proof and a sentence of its summary) and the feed the
// checkpoint it was made at (a checkpoint element), so that a reader can
// check that what the feed says is what the log holds.

// logNS is the namespace of the feed's log elements.
const logNS = "tag:probity,2026:log"

type atomFeed struct {
	XMLName    xml.Name        `xml:"http://www.w3.org/2005/Atom feed"`
	Title      string          `xml:"title"`
	ID         string          `xml:"id"`
	Updated    string          `xml:"updated"`
	Link       []atomLink      `xml:"link"`
	Author     atomAuthor      `xml:"author"`
	Checkpoint *atomCheckpoint `xml:"checkpoint"`
	Entries    []atomEntry     `xml:"entry"`
}

type atomLink struct {
	Rel   string `xml:"rel,attr,omitempty"`
	Type  string `xml:"type,attr,omitempty"`
	Title string `xml:"title,attr,omitempty"`
	Href  string `xml:"href,attr"`
}

// atomCheckpoint is the checkpoint the feed was made at: its size and
// root hash (base64, as the checkpoint writes it); signed false when none
// is signed yet.
type atomCheckpoint struct {
	XMLName  xml.Name // {logNS, "checkpoint"}
	Signed   bool     `xml:"signed,attr"`
	Origin   string   `xml:"origin,attr,omitempty"`
	Size     string   `xml:"size,attr,omitempty"`
	RootHash string   `xml:"rootHash,attr,omitempty"`
	Href     string   `xml:"href,attr"`
}

// atomLogEntry is where an entry's item sits in the log.
type atomLogEntry struct {
	XMLName xml.Name // {logNS, "logEntry"}
	Type    string   `xml:"type,attr"`
	Index   int64    `xml:"index,attr"`
	Proof   string   `xml:"proof,attr,omitempty"` // "" until a checkpoint covers it
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string        `xml:"title"`
	ID      string        `xml:"id"`
	Updated string        `xml:"updated"`
	Link    []atomLink    `xml:"link"`
	Summary string        `xml:"summary"`
	Log     *atomLogEntry `xml:"logEntry"`
}

// cite adds the entry's log entry to it: the element, the proof link and
// a sentence of the summary.
func (e *atomEntry) cite(typ string, r logRef, on bool) {
	if !on {
		return
	}
	if !r.Logged {
		e.Summary += " Not in the transparency log."
		return
	}
	e.Log = &atomLogEntry{XMLName: xml.Name{Space: logNS, Local: "logEntry"}, Type: typ, Index: r.Index, Proof: proofURL(r)}
	if r.Covered() {
		e.Summary += " Transparency log entry " + r.IndexText() + ", included in checkpoint " + strconv.FormatInt(r.Size, 10) + "."
		e.Link = append(e.Link, atomLink{Rel: "related", Type: "application/json", Title: "inclusion proof of log entry " + r.IndexText(), Href: r.ProofURL()})
	} else {
		e.Summary += " Transparency log entry " + r.IndexText() + " (not yet in a signed checkpoint)."
	}
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
	st := s.logState(ctx)
	dids := make([]string, len(ds))
	for i, d := range ds {
		dids[i] = strconv.FormatInt(d.ID, 10)
	}
	var cids []string
	for _, c := range cases {
		cids = append(cids, strconv.FormatInt(c.ID, 10))
	}
	dlog := s.logRefs(ctx, st, translog.TypeDecision, dids)
	clog := s.logRefs(ctx, st, translog.TypeCaseOutcome, cids)
	f := atomFeed{Title: "probity: decisions and case outcomes", ID: "tag:probity,2026:feed", Author: atomAuthor{Name: "probity reviewers"},
		Link: []atomLink{{Rel: "self", Href: "/feed.atom"}, {Rel: "alternate", Href: "/contracts"}}}
	if st.On {
		f.Checkpoint = &atomCheckpoint{XMLName: xml.Name{Space: logNS, Local: "checkpoint"}, Signed: st.Signed, Href: "/log/checkpoint"}
		if st.Signed {
			f.Checkpoint.Origin, f.Checkpoint.Size, f.Checkpoint.RootHash = st.Origin, st.SizeText(), st.RootText()
		}
	}
	var updated time.Time
	for _, d := range ds {
		if d.DecidedAt.After(updated) {
			updated = d.DecidedAt
		}
		e := atomEntry{
			Title:   d.Outcome + ": contract " + d.ContractID,
			ID:      "tag:probity,2026:decision/" + strconv.FormatInt(d.ID, 10),
			Updated: d.DecidedAt.UTC().Format(time.RFC3339),
			Link:    []atomLink{{Href: "/contracts/" + url.PathEscape(d.ContractID)}},
			Summary: "The policy's decision is " + d.Outcome + " with " + strconv.Itoa(len(d.Reasons)) + " reason(s).",
		}
		e.cite(translog.TypeDecision, dlog[strconv.FormatInt(d.ID, 10)], st.On)
		f.Entries = append(f.Entries, e)
	}
	for _, c := range cases {
		if c.ContractID == "" {
			continue
		}
		if c.DecidedAt.After(updated) {
			updated = c.DecidedAt
		}
		e := atomEntry{
			Title:   "case " + strconv.FormatInt(c.ID, 10) + " decided: " + words(c.Outcome),
			ID:      "tag:probity,2026:case/" + strconv.FormatInt(c.ID, 10),
			Updated: c.DecidedAt.UTC().Format(time.RFC3339),
			Link:    []atomLink{{Href: "/contracts/" + url.PathEscape(c.ContractID)}},
			Summary: "Reviewers decided the case on contract " + c.ContractID + ": " + words(c.Outcome) + ".",
		}
		e.cite(translog.TypeCaseOutcome, clog[strconv.FormatInt(c.ID, 10)], st.On)
		f.Entries = append(f.Entries, e)
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
