package match

import "github.com/probity/probity/match/translit"

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
// other usual spellings. It returns nil for a name in Latin script (or in
// a script romanised letter by letter: Cyrillic, Armenian, Georgian,
// Ethiopic).
func ScriptParts(name string) []translit.Part { return translit.Parts(name) }

// Romanisation says how the names of a compared pair written in another
// script were romanised, part by part, with the rule used for each part
// and its other usual spellings.
type Romanisation struct {
	Query     []translit.Part `json:"query,omitempty"`
	Candidate []translit.Part `json:"candidate,omitempty"`
}

// Romanised returns how e's query and candidate were romanised; both
// lists are empty for a pair of names in Latin script. The alignment of e
// compares the Latin keys (Part.Latin) shown here.
func (e Explanation) Romanised() Romanisation {
	return Romanisation{Query: translit.Parts(e.Query), Candidate: translit.Parts(e.Candidate)}
}
