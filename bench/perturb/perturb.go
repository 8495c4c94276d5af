package main

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of perturbation, in report order. Each makes a query from one list
// name or returns ok=false when the name does not lend itself to it.
var kinds = []struct {
	name string
	fn   func(r *rand.Rand, words []string, person bool) ([]string, bool)
}{
	{"exact", func(_ *rand.Rand, w []string, _ bool) ([]string, bool) { return w, true }},
	{"typo1", typo1},
	{"typo2", typo2},
	{"swap", swap},
	{"drop", drop},
	{"legal_variant", legalVariant},
	{"legal_order", legalOrder},
	{"legal_drop", legalDrop},
	{"translit", translit},
	{"initials", initials},
}

// typoable returns the indices of words of at least four letters: a typo
// in a shorter word ("OOO", "AL") makes another word rather than a misspelt
// one.
func typoable(words []string) []int {
	var out []int
	for i, w := range words {
		if utf8.RuneCountInString(w) >= 4 && isWord(w) {
			out = append(out, i)
		}
	}
	return out
}

func isWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// typo applies one random edit to w: insert, delete, substitute or
// transpose a letter, at any position.
func typo(r *rand.Rand, w string) string {
	rs := []rune(w)
	letter := rune('a' + r.IntN(26))
	if unicode.IsUpper(rs[0]) && len(rs) > 1 && unicode.IsUpper(rs[1]) {
		letter = unicode.ToUpper(letter)
	}
	for {
		i := r.IntN(len(rs))
		switch r.IntN(4) {
		case 0: // insert
			return string(append(rs[:i:i], append([]rune{letter}, rs[i:]...)...))
		case 1: // delete
			return string(append(rs[:i:i], rs[i+1:]...))
		case 2: // substitute
			if unicode.ToLower(rs[i]) == unicode.ToLower(letter) {
				continue
			}
			out := append([]rune(nil), rs...)
			out[i] = letter
			return string(out)
		default: // transpose
			if i+1 >= len(rs) || rs[i] == rs[i+1] {
				continue
			}
			out := append([]rune(nil), rs...)
			out[i], out[i+1] = out[i+1], out[i]
			return string(out)
		}
	}
}

func typo1(r *rand.Rand, words []string, _ bool) ([]string, bool) {
	idx := typoable(words)
	if len(idx) == 0 {
		return nil, false
	}
	out := append([]string(nil), words...)
	i := idx[r.IntN(len(idx))]
	out[i] = typo(r, out[i])
	return out, true
}

// typo2 makes one typo in each of two words, or two in one word of at
// least eight letters when the name has one such word.
func typo2(r *rand.Rand, words []string, _ bool) ([]string, bool) {
	idx := typoable(words)
	out := append([]string(nil), words...)
	switch {
	case len(idx) >= 2:
		r.Shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		out[idx[0]] = typo(r, out[idx[0]])
		out[idx[1]] = typo(r, out[idx[1]])
	case len(idx) == 1 && utf8.RuneCountInString(words[idx[0]]) >= 8:
		out[idx[0]] = typo(r, typo(r, out[idx[0]]))
	default:
		return nil, false
	}
	return out, true
}

// swap exchanges two neighbouring words.
func swap(r *rand.Rand, words []string, _ bool) ([]string, bool) {
	if len(words) < 2 {
		return nil, false
	}
	out := append([]string(nil), words...)
	i := r.IntN(len(out) - 1)
	if strings.EqualFold(out[i], out[i+1]) {
		return nil, false
	}
	out[i], out[i+1] = out[i+1], out[i]
	return out, true
}

// initials writes one given name of a person with at least two given names
// as its initial ("John Andrew Smith" → "John A. Smith").
func initials(r *rand.Rand, words []string, person bool) ([]string, bool) {
	if !person || len(words) < 3 {
		return nil, false
	}
	i := r.IntN(len(words) - 1) // never the family name, written last
	rs := []rune(words[i])
	if len(rs) < 2 || !unicode.IsLetter(rs[0]) {
		return nil, false
	}
	out := append([]string(nil), words...)
	out[i] = string(unicode.ToUpper(rs[0])) + "."
	return out, true
}

// translitRules are spellings that transliteration systems use for one
// sound, in both directions where both occur.
var translitRules = [][2]string{
	{"kh", "h"}, {"zh", "j"}, {"ya", "ia"}, {"yu", "iu"}, {"iy", "y"}, {"ou", "u"},
	{"sh", "ch"}, {"dzh", "j"}, {"j", "dj"}, {"ei", "ey"}, {"v", "w"}, {"ck", "k"},
	{"x", "ks"}, {"ph", "f"}, {"ee", "i"}, {"q", "k"}, {"aa", "a"}, {"oo", "u"},
	{"y", "i"}, {"ts", "tz"}, {"ai", "ay"}, {"u", "oo"}, {"ch", "tch"}, {"e", "ye"},
}

// translit rewrites one spelling of one word by a rule of translitRules
// (either direction), keeping the word's case style.
func translit(r *rand.Rand, words []string, _ bool) ([]string, bool) {
	type cand struct {
		word     int
		from, to string
	}
	var cands []cand
	for i, w := range words {
		lw := strings.ToLower(w)
		if len(lw) < 4 || !isWord(w) {
			continue
		}
		for _, rule := range translitRules {
			for _, d := range [][2]string{rule, {rule[1], rule[0]}} {
				// Not at the start of a word for one-letter rules: a changed first
				// letter is another name more often than another spelling.
				if k := strings.Index(lw[1:], d[0]); k >= 0 {
					cands = append(cands, cand{i, d[0], d[1]})
				}
			}
		}
	}
	if len(cands) == 0 {
		return nil, false
	}
	c := cands[r.IntN(len(cands))]
	out := append([]string(nil), words...)
	lw := strings.ToLower(out[c.word])
	k := 1 + strings.Index(lw[1:], c.from)
	nw := lw[:k] + c.to + lw[k+len(c.from):]
	out[c.word] = caseLike(out[c.word], nw)
	return out, true
}

// caseLike writes lower-case word w in the case style of like (all upper or
// capitalised).
func caseLike(like, w string) string {
	if strings.ToUpper(like) == like {
		return strings.ToUpper(w)
	}
	rs := []rune(w)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}
