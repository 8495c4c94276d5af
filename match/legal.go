package match

import (
	"slices"
	"strings"
)

// Legal forms as written in practice: misspelt ("Limitd", "Joint Stock
// Compny"), their words in another order ("Liability Limited Company") or
// with one word left out of a form of three words or more ("Joint Stock
// Admiralty Shipyards"). analyseTokens recognises them in organisation
// names besides the exact spellings of rigour's table, so that they weigh
// as legal forms (qualifiers) rather than as distinctive words.

// legalFuzzy holds the lookups for legal forms not written exactly.
type legalFuzzy struct {
	words   map[string]bool       // every word of a legal form spelt in words
	near    map[string][]string   // words of minFuzzyLegal letters or more, by themselves and with one letter deleted
	longest int                   // letters of the longest of them
	sorted  map[string]*legalForm // words of a multi-word form, sorted, joined by " "
	partial map[string]*legalForm // the same with one word left out (forms of three words or more)
}

// minFuzzyLegal is the fewest letters of a word that may be a misspelt
// legal-form word; a single misspelt word is a legal form only from
// minFuzzyLegalAlone letters.
const (
	minFuzzyLegal      = 5
	minFuzzyLegalAlone = 6
)

// buildLegalFuzzy indexes the forms of legal (normalised alias → form).
func buildLegalFuzzy(legal map[string]*legalForm) legalFuzzy {
	f := legalFuzzy{words: map[string]bool{}, near: map[string][]string{}, sorted: map[string]*legalForm{}, partial: map[string]*legalForm{}}
	keys := make([]string, 0, len(legal))
	for k := range legal {
		keys = append(keys, k)
	}
	slices.Sort(keys) // first alias wins, in a fixed order
	for _, k := range keys {
		ws := strings.Fields(k)
		for _, w := range ws {
			if f.words[w] {
				continue
			}
			f.words[w] = true
			if len(w) >= minFuzzyLegal && isASCIIWord(w) {
				f.longest = max(f.longest, len(w))
				f.near[w] = append(f.near[w], w)
				for i := range len(w) {
					d := w[:i] + w[i+1:]
					if !slices.Contains(f.near[d], w) {
						f.near[d] = append(f.near[d], w)
					}
				}
			}
		}
		if len(ws) < 2 {
			continue
		}
		s := slices.Clone(ws)
		slices.Sort(s)
		if sk := strings.Join(s, " "); f.sorted[sk] == nil {
			f.sorted[sk] = legal[k]
		}
		if len(ws) < 3 || slices.ContainsFunc(ws, func(w string) bool { return len(w) < 3 }) {
			continue
		}
		for i := range s {
			sub := append(slices.Clone(s[:i]), s[i+1:]...)
			if sk := strings.Join(sub, " "); f.partial[sk] == nil {
				f.partial[sk] = legal[k]
			}
		}
	}
	// A form written in full never counts as a part of a longer one.
	for k := range f.partial {
		if f.sorted[k] != nil || legal[k] != nil {
			delete(f.partial, k)
		}
	}
	return f
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// correct returns w if it is a word of a legal form, the legal-form word
// one edit away from it (minFuzzyLegal letters or more), or "".
func (f *legalFuzzy) correct(w string) string {
	if f.words[w] {
		return w
	}
	if len(w) < minFuzzyLegal || len(w) > f.longest+1 || !isASCIIWord(w) {
		return ""
	}
	try := func(cands []string) string {
		for _, c := range cands {
			if strBounded(w, c, 1) <= 1 {
				return c
			}
		}
		return ""
	}
	if c := try(f.near[w]); c != "" { // a letter missing
		return c
	}
	var buf [64]byte
	for i := range len(w) {
		d := append(append(buf[:0], w[:i]...), w[i+1:]...)
		// A letter too many, changed, or two letters swapped.
		if c := try(f.near[string(d)]); c != "" {
			return c
		}
	}
	return ""
}

// sameWords returns the form that words of a multi-word legal form in any
// order stand for: one form for one set of words ("Co., Ltd." and "Ltd.
// Co." are one legal form, though rigour's table lists them under two).
func (f *legalFuzzy) sameWords(words []string, lf *legalForm) *legalForm {
	var wb [8]string
	if len(words) > len(wb) {
		return lf
	}
	ws := append(wb[:0], words...)
	slices.Sort(ws)
	if s := f.sorted[strings.Join(ws, " ")]; s != nil {
		return s
	}
	return lf
}

// fuzzyLegal returns the length of the legal form not written exactly that
// starts at toks[i] (0 if none) and the form. Longest first: the words of a
// form in any order, then with one word left out, then one misspelt word
// alone.
func (t *tables) fuzzyLegal(toks []string, i int) (int, *legalForm) {
	f := &t.fuzzy
	first := f.correct(toks[i])
	if first == "" {
		return 0, nil
	}
	var wb [8]string
	for l := min(t.legalMaxLen, len(toks)-i, len(wb)); l >= 2; l-- {
		ws := wb[:0]
		for _, tok := range toks[i : i+l] {
			c := f.correct(tok)
			if c == "" {
				break
			}
			ws = append(ws, c)
		}
		if len(ws) < l {
			continue
		}
		slices.Sort(ws)
		k := strings.Join(ws, " ")
		if lf := f.sorted[k]; lf != nil {
			return l, lf
		}
		if lf := f.partial[k]; lf != nil {
			return l, lf
		}
	}
	if first != toks[i] && len(toks[i]) >= minFuzzyLegalAlone {
		if lf := t.legal[first]; lf != nil {
			return 1, lf
		}
	}
	return 0, nil
}

// legalAbbrev maps the English words of legal forms to the abbreviations
// they are written as.
var legalAbbrev = map[string]string{
	"company": "co", "limited": "ltd", "corporation": "corp", "incorporated": "inc",
	"private": "pvt", "public": "pub", "partnership": "lp",
}

// legalWordsWithin reports whether every word of legal form a, written as
// its abbreviation, is a word of legal form b.
func legalWordsWithin(a, b string) bool {
	if a == "" {
		return false
	}
	for w := range strings.FieldsSeq(a) {
		if x, ok := legalAbbrev[w]; ok {
			w = x
		}
		found := false
		for v := range strings.FieldsSeq(b) {
			if x, ok := legalAbbrev[v]; ok {
				v = x
			}
			if v == w {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// legalClass is the comparison key of a legal form: its generic class, or
// its own compare form when it has none. A limited liability partnership
// is compared as a limited liability company: lists write the Kazakh and
// Russian partnership (TOO) as an LLC.
func legalClass(lf *legalForm) string {
	switch lf.Generic {
	case "":
		return lf.Compare
	case "LLP":
		return "LLC"
	}
	return lf.Generic
}
