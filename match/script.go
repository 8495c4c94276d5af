package match

import (
	"strings"
	"unicode"

	"github.com/probity/probity/match/translit"
)

// The hook of package translit into normalisation: names written in
// Arabic, Han, kana, Hangul, Thai, Devanagari, Khmer, Hebrew or Greek
// script are romanised part by part by translit (its own conventions and
// name tables, see its package doc) before the letter tables of translit.go
// see them; Cyrillic, Armenian, Georgian and Ethiopic still go through
// those tables. A name in Latin script is returned as it was, at the cost
// of one pass over its bytes.

// scriptLatin returns name with the runs of the scripts translit handles
// romanised.
func scriptLatin(name string) string { return translit.Latin(name) }

// ScriptParts explains how a name written in another script was
// romanised: each part as written, its Latin key, the rule used and the
// other usual spellings. Words in a script romanised letter by letter
// (Cyrillic, Armenian, Georgian, Ethiopic) are parts of their own, after
// the parts translit made. It returns nil for a name in Latin script.
func ScriptParts(name string) []translit.Part {
	if len(name) > MaxNameLen {
		name = truncate(name, MaxNameLen)
	}
	parts := translit.Parts(name)
	if !nonLatin(name) {
		return parts
	}
	for _, w := range strings.Fields(name) {
		if sc, rule := letterScript(w); sc != "" {
			parts = append(parts, translit.Part{Source: w, Script: sc, Latin: Normalize(w), Rule: rule})
		}
	}
	return parts
}

// letterScripts are the scripts romanised letter by letter by the tables
// of translit.go and ethiopic.go, with the rule each follows.
var letterScripts = [...]struct {
	name, rule string
	table      *unicode.RangeTable
}{
	{"Cyrillic", "letter by letter, close to BGN/PCGN (ж zh, х kh, ц ts, щ shch, й y)", unicode.Cyrillic},
	{"Armenian", "letter by letter, one Latin letter group per letter", unicode.Armenian},
	{"Georgian", "letter by letter, one Latin letter group per letter", unicode.Georgian},
	{"Ethiopic", "syllable by syllable: the consonant of its row, the vowel of its order", unicode.Ethiopic},
}

// letterScript returns the script and rule of a word with a letter of a
// script romanised letter by letter, and no letter translit romanises.
func letterScript(w string) (string, string) {
	if translit.Needs(w) {
		return "", ""
	}
	for _, r := range w {
		if r < 0x370 || !unicode.IsLetter(r) {
			continue
		}
		for _, s := range letterScripts {
			if unicode.Is(s.table, r) {
				return s.name, s.rule
			}
		}
	}
	return "", ""
}

// Romanisation says how the names of a compared pair written in another
// script were romanised, part by part, with the rule used for each part
// and its other usual spellings.
type Romanisation struct {
	Query     []translit.Part `json:"query,omitempty"`
	Candidate []translit.Part `json:"candidate,omitempty"`
	// System and Compared: the pair scored best with a name romanised by
	// another system (translit.Alternatives), System, spelt Compared.
	System   string `json:"system,omitempty"`
	Compared string `json:"compared,omitempty"`
}

// romanisation returns how the pair's names q and c were romanised, or nil
// when both are in Latin script.
func romanisation(q, c string) *Romanisation {
	r := Romanisation{Query: ScriptParts(q), Candidate: ScriptParts(c)}
	if len(r.Query) == 0 && len(r.Candidate) == 0 {
		return nil
	}
	return &r
}

// Romanised returns how e's query and candidate were romanised; both
// lists are empty for a pair of names in Latin script. The alignment of e
// compares the Latin keys (Part.Latin) shown here.
func (e Explanation) Romanised() Romanisation {
	if e.Romanisation != nil {
		return *e.Romanisation
	}
	if r := romanisation(e.Query, e.Candidate); r != nil {
		return *r
	}
	return Romanisation{}
}

// summary writes r on one line: each part as written and its Latin key,
// and the other romanisation compared, if one was.
func (r *Romanisation) summary(b *strings.Builder) {
	b.WriteString("; romanised:")
	for i, p := range append(r.Query[:len(r.Query):len(r.Query)], r.Candidate...) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(" ")
		b.WriteString(p.Source)
		b.WriteString("→")
		b.WriteString(p.Latin)
	}
	if r.System != "" {
		b.WriteString("; compared as romanised by ")
		b.WriteString(r.System)
		b.WriteString(": ")
		b.WriteString(r.Compared)
	}
}

// alternativeNames returns e, the explanation of the pair q, l, or the
// pair compared with another romanisation of a name in another script
// (translit.Alternatives: Wade–Giles, Revised Romanization, another
// spelling of a Korean family name, the English form of a Greek given
// name) when that scores higher; the explanation then says which.
func alternativeNames(c class, q, l *name, e Explanation) Explanation {
	try := func(raw string, query bool) {
		for _, a := range translit.Alternatives(raw) {
			var ea Explanation
			if query {
				ea = compareNames(c, analyse(c, a.Latin), l)
			} else {
				ea = compareNames(c, q, analyse(c, a.Latin))
			}
			if ea.Score <= e.Score {
				continue
			}
			ea.Query, ea.Candidate = q.raw, l.raw
			ea.Romanisation = romanisation(q.raw, l.raw)
			if ea.Romanisation == nil {
				ea.Romanisation = &Romanisation{}
			}
			ea.Romanisation.System, ea.Romanisation.Compared = a.Rule, strings.TrimSpace(a.Latin)
			e = ea
		}
	}
	if q.script {
		try(q.raw, true)
	}
	if l.script {
		try(l.raw, false)
	}
	return e
}

// alternativeHits adds to hits what the other romanisations of the query
// name find (see alternativeNames), or raises an entry's hit when one of
// them scores it higher; each such hit's explanation says which.
func (ix *Index) alternativeHits(q Query, threshold float64, limit int, hits []Hit) []Hit {
	alts := translit.Alternatives(q.Name)
	if len(alts) == 0 {
		return hits
	}
	at := map[[2]string]int{}
	for i, h := range hits {
		at[[2]string{h.Entry.List, h.Entry.SourceID}] = i
	}
	for _, a := range alts {
		aq := q
		aq.Name = a.Latin // Latin: its search finds no alternatives of its own
		found, err := ix.Search(aq, threshold, limit)
		if err != nil {
			continue
		}
		for _, h := range found {
			h.Explanation.Query = q.Name
			rom := romanisation(q.Name, h.Explanation.Candidate)
			if rom == nil {
				rom = &Romanisation{}
			}
			rom.System, rom.Compared = a.Rule, strings.TrimSpace(a.Latin)
			h.Explanation.Romanisation = rom
			k := [2]string{h.Entry.List, h.Entry.SourceID}
			if i, ok := at[k]; ok {
				if h.Score > hits[i].Score {
					hits[i] = h
				}
				continue
			}
			at[k] = len(hits)
			hits = append(hits, h)
		}
	}
	return hits
}
