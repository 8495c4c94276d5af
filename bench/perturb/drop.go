package main

import (
	"math/rand/v2"
	"strings"

	"github.com/probity/probity/match"
)

// A dropped word must leave a name a person would still call the same
// name: "Babbar International" for "Babbar Khalsa International", not
// "Cuban Trade" for "Cuban Cigars Trade" (the one rare word gone) nor
// "Korea Trading Corporation" for "Korea Kwangsong Trading Corporation"
// (the words left are all words of another listed name). drop therefore
// leaves out one middle content word of a name of three content words or
// more (words that are no legal form, stop word or single letter), and only
// when the words left keep a rare word and are not all words of another
// entry's name. Words are counted over every list name and alias and the
// non-match names (the register): the names the screening system holds.

// rareShare: a word in at most this share of the names counted is rare.
const rareShare = 0.001

// nameStats counts the words of the names the system holds.
type nameStats struct {
	docs    int
	df      map[string]int      // normalised word → names containing it
	entries map[string][]string // normalised word → SourceIDs of entries with a name containing it
	src     string              // SourceID of the entry being perturbed ("" for a non-match name)
}

// stats is set by makeQueries before any query is made.
var stats *nameStats

func newNameStats() *nameStats {
	return &nameStats{df: map[string]int{}, entries: map[string][]string{}}
}

// add counts the words of one name, of entry id ("" for a register name).
func (s *nameStats) add(name, id string) {
	s.docs++
	seen := map[string]bool{}
	for _, t := range strings.Fields(match.Normalize(name)) {
		if seen[t] {
			continue
		}
		seen[t] = true
		s.df[t]++
		if id != "" {
			if es := s.entries[t]; len(es) == 0 || es[len(es)-1] != id {
				s.entries[t] = append(es, id)
			}
		}
	}
}

func (s *nameStats) rare(tok string) bool {
	return float64(s.df[tok]) <= rareShare*float64(s.docs)
}

// stopTokens are function words and particles of names.
var stopTokens = map[string]bool{
	"and": true, "of": true, "the": true, "for": true, "de": true, "del": true, "la": true, "el": true,
	"al": true, "y": true, "et": true, "und": true, "da": true, "do": true, "dos": true, "das": true,
	"des": true, "du": true, "le": true, "les": true, "van": true, "von": true, "der": true, "den": true,
	"di": true, "in": true, "en": true, "bin": true, "ibn": true, "i": true, "e": true,
}

// extraLegal are tokens of legal forms not in legalGroups (Latin American,
// European, Asian and Gulf forms as the SDN list writes them).
var extraLegal = []string{
	"LTDA", "S.L", "SL", "S.R.L", "SRL", "S.A.S", "SAS", "C.V", "CV", "R.L", "CIA", "AG", "KG",
	"BV", "B.V", "NV", "N.V", "LLP", "LP", "L.P", "SPA", "S.P.A", "SARL", "S.A.R.L", "SAC", "S.A.C",
	"EIRL", "E.I.R.L", "PTE", "SDN", "BHD", "FZC", "FZ-LLC", "DMCC", "BVBA", "SRO", "S.R.O", "KFT",
	"SP", "Z", "O.O", "OY", "AB", "AS", "A.S", "C.A", "CA", "S.C", "P.J.S", "P.J.S.C", "PJS", "JV",
	"ESTABLISHMENT", "EST",
}

var legalTokens = func() map[string]bool {
	m := map[string]bool{}
	for _, g := range legalGroups {
		for _, sp := range g {
			for _, w := range strings.Fields(sp) {
				m[legalKey(w)] = true
			}
		}
	}
	for _, w := range extraLegal {
		m[legalKey(w)] = true
	}
	return m
}()

// content reports whether a written word carries a name: not a legal-form
// word, stop word, single letter or number.
func content(w string) bool {
	if legalTokens[legalKey(w)] {
		return false
	}
	toks := strings.Fields(match.Normalize(w))
	for _, t := range toks {
		if len([]rune(t)) >= 2 && !stopTokens[t] && strings.Trim(t, "0123456789") != "" {
			return true
		}
	}
	return false
}

// drop leaves out one middle content word; see the comment above.
func drop(r *rand.Rand, words []string, _ bool) ([]string, bool) {
	var cont []int
	for i, w := range words {
		if content(w) {
			cont = append(cont, i)
		}
	}
	if len(cont) < 3 {
		return nil, false
	}
	var middle []int
	for _, i := range cont {
		if i > 0 && i < len(words)-1 {
			middle = append(middle, i)
		}
	}
	if len(middle) == 0 {
		return nil, false
	}
	i := middle[r.IntN(len(middle))]
	out := append(append([]string(nil), words[:i]...), words[i+1:]...)
	if !stats.identifiable(out) {
		return nil, false
	}
	return out, true
}

// identifiable reports whether the content words of words keep a rare word
// and are not all words of a name of an entry other than stats.src.
func (s *nameStats) identifiable(words []string) bool {
	var toks []string
	rare := false
	for _, w := range words {
		if !content(w) {
			continue
		}
		for _, t := range strings.Fields(match.Normalize(w)) {
			if stopTokens[t] {
				continue
			}
			toks = append(toks, t)
			rare = rare || s.rare(t)
		}
	}
	if !rare || len(toks) == 0 {
		return false
	}
	// Entries holding every token: intersect the entry lists, rarest first.
	cand := map[string]bool{}
	first := toks[0]
	for _, t := range toks {
		if len(s.entries[t]) < len(s.entries[first]) {
			first = t
		}
	}
	for _, id := range s.entries[first] {
		cand[id] = true
	}
	for _, t := range toks {
		in := map[string]bool{}
		for _, id := range s.entries[t] {
			if cand[id] {
				in[id] = true
			}
		}
		cand = in
	}
	for id := range cand {
		if id != s.src {
			return false
		}
	}
	return true
}
