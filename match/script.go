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
