package main

import (
	"math/rand/v2"
	"strings"
)

// legalGroups are spellings of one legal form (common English, Russian,
// Kazakh, German, Spanish and Gulf free-zone forms; TOO is the Kazakh
// limited liability partnership, written as an LLC in English lists).
var legalGroups = [][]string{
	{"LIMITED LIABILITY COMPANY", "LLC", "L.L.C.", "OOO", "TOO", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU"},
	{"JOINT STOCK COMPANY", "JSC", "AO", "AKTSIONERNOE OBSHCHESTVO"},
	{"PUBLIC JOINT STOCK COMPANY", "PJSC", "PAO"},
	{"CLOSED JOINT STOCK COMPANY", "CJSC", "ZAO"},
	{"OPEN JOINT STOCK COMPANY", "OJSC", "OAO"},
	{"COMPANY LIMITED", "CO LTD", "CO., LTD."},
	{"LIMITED", "LTD", "LTD."},
	{"COMPANY", "CO", "CO."},
	{"CORPORATION", "CORP", "CORP."},
	{"INCORPORATED", "INC", "INC."},
	{"GMBH", "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG"},
	{"SA", "S.A.", "SOCIEDAD ANONIMA"},
	{"FZE", "FREE ZONE ESTABLISHMENT"},
	{"FZCO", "FREE ZONE COMPANY"},
	{"PLC", "PUBLIC LIMITED COMPANY"},
	{"PRIVATE LIMITED", "PVT LTD", "PVT. LTD."},
}

// legalPhrase is a legal form found in a name: words [i, i+n) spell
// member m of group g.
type legalPhrase struct{ i, n, g, m int }

func legalKey(w string) string {
	return strings.ToUpper(strings.Trim(w, ".,"))
}

// findLegal returns the legal forms in words, longest spelling first at
// each position.
func findLegal(words []string) []legalPhrase {
	var out []legalPhrase
	for i := 0; i < len(words); i++ {
		best := legalPhrase{n: 0}
		for g, grp := range legalGroups {
			for m, sp := range grp {
				toks := strings.Fields(sp)
				if len(toks) <= best.n || i+len(toks) > len(words) {
					continue
				}
				ok := true
				for k, t := range toks {
					if legalKey(words[i+k]) != legalKey(t) {
						ok = false
						break
					}
				}
				if ok {
					best = legalPhrase{i, len(toks), g, m}
				}
			}
		}
		if best.n > 0 {
			out = append(out, best)
			i += best.n - 1
		}
	}
	return out
}

func replaceWords(words []string, i, n int, with []string) []string {
	out := append([]string(nil), words[:i]...)
	out = append(out, with...)
	return append(out, words[i+n:]...)
}

// legalVariant writes a legal form of the name another way: "LLC" for
// "Limited Liability Company", "OOO", "TOO".
func legalVariant(r *rand.Rand, words []string, person bool) ([]string, bool) {
	ls := findLegal(words)
	if person || len(ls) == 0 || len(ls) == len(words) {
		return nil, false
	}
	l := ls[r.IntN(len(ls))]
	grp := legalGroups[l.g]
	m := r.IntN(len(grp) - 1)
	if m >= l.m {
		m++
	}
	return replaceWords(words, l.i, l.n, strings.Fields(grp[m])), true
}

// multiWordLegal returns the legal forms of several words in words.
func multiWordLegal(words []string) []legalPhrase {
	var out []legalPhrase
	for _, l := range findLegal(words) {
		if l.n >= 2 {
			out = append(out, l)
		}
	}
	return out
}

// legalOrder writes the words of a legal form of several words in another
// order ("Liability Limited Company").
func legalOrder(r *rand.Rand, words []string, person bool) ([]string, bool) {
	ls := multiWordLegal(words)
	if person || len(ls) == 0 || len(ls) == len(words) {
		return nil, false
	}
	l := ls[r.IntN(len(ls))]
	seg := append([]string(nil), words[l.i:l.i+l.n]...)
	for range 10 {
		r.Shuffle(len(seg), func(a, b int) { seg[a], seg[b] = seg[b], seg[a] })
		if strings.Join(seg, " ") != strings.Join(words[l.i:l.i+l.n], " ") {
			return replaceWords(words, l.i, l.n, seg), true
		}
	}
	return nil, false
}

// legalDrop leaves out one word of a legal form of several words ("Joint
// Stock Admiralty Shipyards").
func legalDrop(r *rand.Rand, words []string, person bool) ([]string, bool) {
	ls := multiWordLegal(words)
	if person || len(ls) == 0 || len(ls) == len(words) {
		return nil, false
	}
	l := ls[r.IntN(len(ls))]
	k := l.i + r.IntN(l.n)
	return replaceWords(words, k, 1, nil), true
}
