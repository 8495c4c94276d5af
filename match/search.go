package match

import (
	"slices"
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
	Address     string               `json:"address,omitempty"` // qualifier: street, city… as written
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
	toks := normTokens(q.Name)
	if len(toks) == 0 {
		return nil, ErrEmptyQuery
	}
	if limit <= 0 {
		limit = 10
	}
	qs := canonicalSchema(q.Schema)
	var qn [4]*name // the query analysed per matching class, on demand
	analysed := func(c class) *name {
		if qn[c] == nil {
			qn[c] = analyseTokens(c, q.Name, toks)
			ix.weigh(qn[c].parts)
		}
		return qn[c]
	}
	// A country or identifier may lift a pair that needs a qualifier.
	hasQualifier := strings.TrimSpace(q.Country) != "" || len(q.Identifiers) > 0
	// Score first (no explanation), keep the best name of each entry.
	type scored struct {
		nid   uint32
		c     class
		score float64
	}
	var bestBuf [maxCandidates]scored
	best := bestBuf[:0]
	ln := new(name) // the list name being scored
	var pbuf [16]part
	bestOf := map[uint32]int{} // entry → index in best
	consider := func(nid uint32) {
		in := &ix.names[nid]
		es := ix.schemas[in.entry]
		if !isA(qs, es) && !isA(es, qs) {
			return
		}
		c := classOf(qs, es)
		ix.load(in, ln, pbuf[:0])
		sc := ix.nameScore(c, qs, analysed, in, ln, hasQualifier)
		if k, ok := bestOf[in.entry]; ok {
			if best[k].score < sc {
				best[k] = scored{nid, c, sc}
			}
			return
		}
		bestOf[in.entry] = len(best)
		best = append(best, scored{nid, c, sc})
	}
	for _, nid := range ix.candidates(analysed(classOf(qs, qs)).parts) {
		consider(nid)
	}
	// A name written exactly as the query is a candidate whatever its
	// words ("T.E.G. Limited": initials and a legal form, none indexed).
	for _, nid := range ix.byNorm[strings.Join(toks, " ")] {
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
		if _, ok := bestOf[ei]; ok {
			continue
		}
		for nid := ix.first[ei]; nid < ix.first[ei+1]; nid++ {
			consider(nid)
		}
	}
	// Explain only what can reach the threshold: qualifiers add at most
	// birthYearBonus + countryBonus, an identifier lifts to
	// identifierMinimum.
	hits := make([]Hit, 0, 4)
	for _, b := range best {
		in := &ix.names[b.nid]
		if b.score+birthYearBonus+countryBonus < threshold && !idEntries[in.entry] {
			continue
		}
		ix.load(in, ln, pbuf[:0])
		ex := ix.explainName(b.c, qs, analysed, in, ln)
		e := ix.entries[in.entry]
		h := Hit{Entry: e, MatchedName: ln.raw, NameType: ex.NameType, Explanation: ex}
		sc := qualify(&h.Explanation, q, &e, idEntries[in.entry])
		h.Score, h.Match = sc, sc >= threshold
		if sc >= threshold {
			hits = append(hits, h)
		}
	}
	hits = ix.alternativeHits(q, threshold, limit, hits) // script.go
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

// nameScore scores the query against one indexed name without explaining,
// with the same rules as explainName. With qualifier set, a pair that needs
// a qualifier scores what its words gave (the qualifier may agree).
func (ix *Index) nameScore(c class, qs string, analysed func(class) *name, in *indexedName, ln *name, qualifier bool) float64 {
	ex := ix.scoreName(c, qs, analysed, in, ln, false)
	if qualifier && ex.NeedsQualifier {
		return max(ex.NameScore, ex.uncapped)
	}
	return ex.NameScore
}

// explainName scores and explains the query against one indexed name.
func (ix *Index) explainName(c class, qs string, analysed func(class) *name, in *indexedName, ln *name) Explanation {
	return ix.scoreName(c, qs, analysed, in, ln, true)
}

func (ix *Index) scoreName(c class, qs string, analysed func(class) *name, in *indexedName, ln *name, explain bool) Explanation {
	ex := scoreNames(c, analysed(c), ln, explain)
	ex.NameType = nameTypes[in.typ]
	if c == classPerson && qs != "Person" && analysed(classAny).orgish {
		// A query of no definite schema that reads as an organisation
		// ("Simon Wiesenthal Center") against a person.
		ex.NameScore = round3(ex.adjust("query reads as an organisation, entry is a person", ex.NameScore, ex.NameScore*orgPersonFactor))
		ex.Score = ex.NameScore
	}
	if in.typ == 2 && ex.QueryNorm != ex.CandidateNorm {
		// Weak aliases are, by the lists' own account, broad or generic
		// ("BNC", "ADVANCED TECHNOLOGIES"): only an exact match of one is
		// evidence.
		ex.NameScore = round3(ex.adjust("weak alias not matched exactly", ex.NameScore, min(ex.NameScore, weakAliasCap)))
		ex.Score = ex.NameScore
	}
	ex.quiet = false
	return ex
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
	if ex.NeedsQualifier {
		var which string
		switch {
		case idMatch:
			which = "identifier"
		case countryAgrees(q, e):
			which = "country"
		case addressAgrees(q.Address, e.Addresses):
			which = "address"
		}
		if which != "" {
			s = ex.adjust("a qualifier agrees ("+which+"): the common word counts", s, max(s, min(capAt, ex.uncapped)))
		}
	}
	ex.Score = round3(s)
	return ex.Score
}

// countryAgrees reports whether the query's country is one of the entry's.
func countryAgrees(q Query, e *probity.WatchlistEntry) bool {
	c := strings.TrimSpace(q.Country)
	for _, ec := range e.Countries {
		if c != "" && strings.EqualFold(strings.TrimSpace(ec), c) {
			return true
		}
	}
	return false
}

// addressWords are words of addresses that say nothing of which place
// one is: kinds of street and building, and the like.
var addressWords = map[string]bool{
	"street": true, "str": true, "st": true, "road": true, "rd": true, "avenue": true, "ave": true,
	"building": true, "bldg": true, "floor": true, "office": true, "suite": true, "room": true,
	"box": true, "district": true, "city": true, "province": true, "region": true, "ulitsa": true,
	"the": true, "and": true, "house": true, "block": true, "lane": true, "square": true,
	"calle": true, "avenida": true, "rue": true, "strasse": true, "no": true,
}

// addressTokens are the words of an address that place it: three letters
// or digits or more, not a word of addressWords, not a country's name
// (the country is a qualifier of its own).
func addressTokens(a string) []string {
	var out []string
	for _, t := range normTokens(a) {
		if len(t) < 3 || addressWords[t] || placeWords()[t] || slices.Contains(out, t) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// addressAgrees reports whether the query's address q places it where one
// of the entry's addresses does: at least two of its placing words (one
// when it has only one, a city) are words of that address.
func addressAgrees(q string, entry []string) bool {
	qt := addressTokens(q)
	if len(qt) == 0 {
		return false
	}
	need := min(2, len(qt))
	for _, a := range entry {
		et := addressTokens(a)
		n := 0
		for _, t := range qt {
			if slices.Contains(et, t) {
				n++
			}
		}
		if n >= need {
			return true
		}
	}
	return false
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
