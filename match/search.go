package match

import (
	"sort"
	"strings"
	"sync/atomic"

	"github.com/probity/probity"
)

// Query is one name to screen, with optional qualifiers.
type Query struct {
	Name        string               `json:"name"`
	Schema      string               `json:"schema,omitempty"`     // FtM schema; "" means any (Thing)
	Country     string               `json:"country,omitempty"`    // ISO 3166-1 alpha-2, any case
	BirthDate   string               `json:"birth_date,omitempty"` // YYYY, YYYY-MM or YYYY-MM-DD
	Identifiers []probity.Identifier `json:"identifiers,omitempty"`
}

// Hit is one list entry found for a query.
type Hit struct {
	Entry       probity.WatchlistEntry `json:"entry"`
	MatchedName string                 `json:"matched_name"` // the list name or alias that scored best
	NameType    string                 `json:"name_type"`    // name, alias or weak_alias
	Score       float64                `json:"score"`
	Match       bool                   `json:"match"` // Score ≥ the threshold of the search
	Explanation Explanation            `json:"explanation"`
}

// Errors of Search. They are *probity.Error values with code EINVALID;
// compare with errors.Is.
var (
	// ErrEmptyQuery: the query name has no letter or digit (empty, blank or
	// punctuation only).
	ErrEmptyQuery = probity.Errorf(probity.EINVALID, "match: query name has no letter or digit")
	// ErrQueryTooLong: the query name is longer than MaxQueryLen bytes.
	ErrQueryTooLong = probity.Errorf(probity.EINVALID, "match: query name longer than %d bytes", MaxQueryLen)
)

// MaxQueryLen is the longest query name Search accepts, in bytes.
const MaxQueryLen = MaxNameLen

// Qualifier effects.
const (
	birthYearBonus    = 0.05
	birthYearPenalty  = 0.15
	countryBonus      = 0.02
	countryPenalty    = 0.05
	identifierMinimum = 0.95 // an identifier match lifts the score to at least this
	weakAliasCap      = 0.7  // highest score of a weak alias matched other than exactly
	orgPersonFactor   = 0.8  // a query that reads as an organisation, against a person
)

// Search returns the entries whose names best match q, best first: at most
// limit hits (limit ≤ 0 means 10) scoring at least threshold (use
// DefaultThreshold unless you have measured another). Entries of a schema
// incompatible with q.Schema are never returned. Names in any script are
// accepted; a name with no letter or digit returns ErrEmptyQuery and one
// longer than MaxQueryLen returns ErrQueryTooLong.
func (ix *Index) Search(q Query, threshold float64, limit int) ([]Hit, error) {
	if len(q.Name) > MaxQueryLen {
		return nil, ErrQueryTooLong
	}
	if Normalize(q.Name) == "" {
		return nil, ErrEmptyQuery
	}
	if limit <= 0 {
		limit = 10
	}
	qs := canonicalSchema(q.Schema)
	var qn [4]*name // the query analysed per matching class, on demand
	analysed := func(c class) *name {
		if qn[c] == nil {
			qn[c] = analyse(c, q.Name)
		}
		return qn[c]
	}
	best := map[uint32]Hit{}
	consider := func(nid uint32) {
		in := ix.names[nid]
		e := &ix.entries[in.entry]
		es := canonicalSchema(e.Schema)
		if !Compatible(qs, es) {
			return
		}
		c := classOf(qs, es)
		ex := compareNames(c, analysed(c), in.n)
		ex.NameType = nameTypes[in.typ]
		if c == classPerson && qs != "Person" && analysed(classAny).orgish {
			// A query of no definite schema that reads as an organisation
			// ("Simon Wiesenthal Center") against a person.
			ex.NameScore = round3(ex.adjust("query reads as an organisation, entry is a person", ex.NameScore, ex.NameScore*orgPersonFactor))
			ex.Score = ex.NameScore
		}
		if in.typ == 2 && ex.QueryNorm != ex.CandidateNorm {
			// Weak aliases are, by the lists' own account, broad or
			// generic ("BNC", "ADVANCED TECHNOLOGIES"): only an exact
			// match of one is evidence.
			ex.NameScore = round3(ex.adjust("weak alias not matched exactly", ex.NameScore, min(ex.NameScore, weakAliasCap)))
			ex.Score = ex.NameScore
		}
		if h, ok := best[in.entry]; ok && h.Explanation.NameScore >= ex.NameScore {
			return
		}
		best[in.entry] = Hit{MatchedName: in.n.raw, NameType: ex.NameType, Explanation: ex}
	}
	for _, nid := range ix.candidates(analysed(classOf(qs, qs)).parts) {
		consider(nid)
	}
	// Identifier matches are candidates too, whatever their names.
	idEntries := map[uint32]bool{}
	for _, id := range q.Identifiers {
		for _, ei := range ix.ids[normID(id.ID)] {
			idEntries[ei] = true
		}
	}
	for ei := range idEntries {
		if _, ok := best[ei]; ok {
			continue
		}
		for nid := ix.first[ei]; nid < ix.first[ei+1]; nid++ {
			consider(nid)
		}
	}
	hits := make([]Hit, 0, len(best))
	for ei, h := range best {
		e := ix.entries[ei]
		h.Entry = e
		s := qualify(&h.Explanation, q, &e, idEntries[ei])
		h.Score, h.Match = s, s >= threshold
		if s >= threshold {
			hits = append(hits, h)
		}
	}
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].Score != hits[b].Score {
			return hits[a].Score > hits[b].Score
		}
		return hits[a].Entry.SourceID < hits[b].Entry.SourceID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// qualify applies birth date, country and identifier qualifiers to the name
// score and records each in the explanation.
func qualify(ex *Explanation, q Query, e *probity.WatchlistEntry, idMatch bool) float64 {
	s := ex.NameScore
	capAt := 0.99
	if s == 1 {
		capAt = 1
	}
	if y := year(q.BirthDate); y != "" && len(e.BirthDates) > 0 {
		same := false
		for _, d := range e.BirthDates {
			if year(d) == y {
				same = true
			}
		}
		if same {
			s = ex.adjust("birth year "+y+" agrees", s, min(capAt, s+birthYearBonus))
		} else {
			s = ex.adjust("birth year "+y+" differs", s, max(0, s-birthYearPenalty))
		}
	}
	if c := strings.ToLower(strings.TrimSpace(q.Country)); c != "" && len(e.Countries) > 0 {
		same := false
		for _, ec := range e.Countries {
			if strings.EqualFold(strings.TrimSpace(ec), c) {
				same = true
			}
		}
		if same {
			s = ex.adjust("country "+c+" agrees", s, min(capAt, s+countryBonus))
		} else {
			s = ex.adjust("country "+c+" differs", s, max(0, s-countryPenalty))
		}
	}
	if idMatch {
		s = ex.adjust("identifier matches", s, max(s, identifierMinimum))
	}
	ex.Score = round3(s)
	return ex.Score
}

func year(d string) string {
	d = strings.TrimSpace(d)
	if len(d) >= 4 && isDigits(d[:4]) {
		return d[:4]
	}
	return ""
}

// Screener holds the current index snapshot. Queries read it with one
// atomic load and never take a lock; Swap replaces it atomically when a list
// changes, and queries already running finish on the snapshot they started
// with.
type Screener struct {
	cur atomic.Pointer[Index]
}

// NewScreener returns a Screener serving ix (which may be nil: searches
// then return no hits until the first Swap).
func NewScreener(ix *Index) *Screener {
	s := &Screener{}
	s.cur.Store(ix)
	return s
}

// Swap makes ix the current snapshot and returns the previous one.
func (s *Screener) Swap(ix *Index) *Index { return s.cur.Swap(ix) }

// Index returns the current snapshot (nil before the first one).
func (s *Screener) Index() *Index { return s.cur.Load() }

// Search searches the current snapshot; see Index.Search.
func (s *Screener) Search(q Query, threshold float64, limit int) ([]Hit, error) {
	ix := s.cur.Load()
	if ix == nil {
		if len(q.Name) > MaxQueryLen {
			return nil, ErrQueryTooLong
		}
		if Normalize(q.Name) == "" {
			return nil, ErrEmptyQuery
		}
		return nil, nil
	}
	return ix.Search(q, threshold, limit)
}
