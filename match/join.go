package match

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// maxJoin is the longest run of parts joined into one.
const maxJoin = 4

// joinRuns returns mine with runs of adjacent parts replaced by one part
// when a part of other is written as one word: "Siemens AG" against
// "SiemensAG", "Van Der Bilt" against "Vanderbilt", "Plat Ono Vich" against
// "Platonovich" (the joined run may be one edit away for long words), or
// when a part of other is the acronym of the run ("PLA" against "People's
// Liberation Army"). mine is not modified; the result may share it.
func joinRuns(other, mine []part) []part {
	if len(mine) < 2 {
		return mine
	}
	var out []part
	for _, o := range other {
		if o.kind != kindName || len(o.text) < 2 || hasPart(mine, o.text) {
			continue
		}
		src := mine
		if out != nil {
			src = out
		}
		if res, ok := joinOne(o, src); ok {
			out = res
		}
	}
	if out == nil {
		return mine
	}
	return out
}

func hasPart(ps []part, text string) bool {
	for i := range ps {
		if ps[i].text == text {
			return true
		}
	}
	return false
}

func joinable(p part) bool {
	return p.kind == kindName || p.kind == kindStop || p.kind == kindInitial || p.kind == kindLegal || p.kind == kindSymbol || p.kind == kindDomain || p.kind == kindPlace
}

// joinOne looks for one run in ps matching o. It compares the run with o
// as it grows, without building strings, so that the common case (no run
// matches) allocates nothing.
func joinOne(o part, ps []part) ([]part, bool) {
	ol := utf8.RuneCountInString(o.text)
	for i := 0; i < len(ps); i++ {
		if ps[i].text == "" || ps[i].text[0] != o.text[0] {
			continue // a run must start with o's first letter
		}
		off, prefix := 0, true // the run so far is o.text[:off]
		acrOff, acr := 0, true // the run's first letters so far are o.text[:acrOff]
		jlen := 0
		for l := 1; l <= maxJoin && i+l <= len(ps); l++ {
			p := ps[i+l-1]
			if !joinable(p) {
				break
			}
			jlen += len(p.text)
			if prefix {
				if strings.HasPrefix(o.text[off:], p.text) {
					off += len(p.text)
				} else {
					prefix = false
				}
			}
			if acr {
				r, _ := utf8.DecodeRuneInString(p.text)
				r2, size := utf8.DecodeRuneInString(o.text[acrOff:])
				if acrOff < len(o.text) && r == r2 {
					acrOff += size
				} else {
					acr = false
				}
			}
			if l < 2 {
				continue
			}
			acronym := ol >= 2 && ol <= 6 && l == ol && acr && acrOff == len(o.text)
			ok := prefix && off == len(o.text) || acronym
			var j string
			if !ok && ol >= 8 && abs(jlen-len(o.text)) <= 1 {
				j = joinTexts(ps[i : i+l])
				ok = strBounded(j, o.text, 1) <= 1
			}
			if !ok {
				if jlen > len(o.text)+1 && l >= ol {
					break // neither a joined word nor an acronym can follow
				}
				continue
			}
			if j == "" {
				j = joinTexts(ps[i : i+l])
			}
			np := part{text: j, kind: kindName, merged: true, phon: phonetic(j)}
			if acronym {
				np.text, np.key, np.phon = o.text, "acronym", ""
			}
			res := make([]part, 0, len(ps)-l+1)
			res = append(res, ps[:i]...)
			res = append(res, np)
			res = append(res, ps[i+l:]...)
			return res, true
		}
	}
	return nil, false
}

func joinTexts(ps []part) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.text)
	}
	return b.String()
}

// joinPhrases returns mine with a run of parts replaced by one part when the
// run is a multi-word variant of a synonym group that a part of other
// belongs to: "People's Liberation Army" against "PLA". Runs are joined only
// when they help an alignment, so that a phrase never swallows words the
// other name has on their own. mine is not modified.
func joinPhrases(other, mine []part) []part {
	t := loadTables()
	if len(mine) < 2 || t.orgPhraseMaxLen < 2 {
		return mine
	}
	var out []part
	for _, o := range other {
		if len(o.groups) == 0 || !anyPhraseGroup(t, o.groups) {
			continue
		}
		src := mine
		if out != nil {
			src = out
		}
		for i := 0; i+1 < len(src); i++ {
			if !t.phraseFirst[firstWord(src[i].text)] {
				continue
			}
			for l := min(t.orgPhraseMaxLen, len(src)-i); l >= 2; l-- {
				var kb [128]byte
				ph, ok := t.orgPhrase[string(appendTexts(kb[:0], src[i:i+l]))]
				if !ok || !shareGroup(ph.groups, o.groups) {
					continue
				}
				res := make([]part, 0, len(src)-l+1)
				res = append(res, src[:i]...)
				res = append(res, part{text: joinTextsSep(src[i:i+l], " "), kind: ph.kind, groups: ph.groups})
				out = append(res, src[i+l:]...)
				i = len(src) // one run per part of other
				break
			}
		}
	}
	if out == nil {
		return mine
	}
	return out
}

func anyPhraseGroup(t *tables, groups []string) bool {
	for _, g := range groups {
		if t.phraseGroup[g] {
			return true
		}
	}
	return false
}

func joinTextsSep(ps []part, sep string) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// phraseGroup is a synonym group with a multi-word variant, found in a
// name over n parts.
type phraseGroup struct {
	group string
	n     int
}

// phraseGroups returns the synonym groups with a multi-word variant that
// parts carry, alone or as a run ("People's Liberation Army" → pla): the
// index posts names under them so that "PLA" finds the army.
func phraseGroups(parts []part) []phraseGroup {
	t := loadTables()
	var out []phraseGroup
	add := func(g string, n int) {
		for i := range out {
			if out[i].group == g {
				out[i].n = max(out[i].n, n)
				return
			}
		}
		out = append(out, phraseGroup{g, n})
	}
	for i := range parts {
		for _, g := range parts[i].groups {
			if t.phraseGroup[g] {
				add(g, 1)
			}
		}
		if !t.phraseFirst[firstWord(parts[i].text)] {
			continue
		}
		for l := min(t.orgPhraseMaxLen, len(parts)-i); l >= 2; l-- {
			var kb [128]byte
			if ph, ok := t.orgPhrase[string(appendTexts(kb[:0], parts[i:i+l]))]; ok {
				for _, g := range ph.groups {
					add(g, l)
				}
				break
			}
		}
	}
	return out
}

// appendTexts appends the texts of ps, separated by spaces, to dst.
func appendTexts(dst []byte, ps []part) []byte {
	for i, p := range ps {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, p.text...)
	}
	return dst
}

// firstWord returns s up to its first space (a part of a multi-word legal
// form has several words).
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// joinLegal returns mine with a run of parts replaced by one legal-form
// part when the run, words joined by spaces, is one edit away from a legal
// form of several words (ten letters or more) in other: a misspelt "Joynt
// Stock Company" against "Joint Stock Company". mine is not modified.
func joinLegal(other, mine []part) []part {
	var out []part
	for _, o := range other {
		if o.kind != kindLegal || len(o.text) < 10 || !strings.Contains(o.text, " ") || hasLegal(mine) {
			continue
		}
		k := strings.Count(o.text, " ") + 1
		src := mine
		if out != nil {
			src = out
		}
		for i := 0; i+k <= len(src); i++ {
			if !runOf(src[i:i+k], kindName, kindSymbol, kindDomain, kindStop) {
				continue
			}
			var kb [128]byte
			run := appendTexts(kb[:0], src[i:i+k])
			if osaBounded(run, []byte(o.text), 1) > 1 {
				continue
			}
			res := make([]part, 0, len(src)-k+1)
			res = append(res, src[:i]...)
			res = append(res, part{text: string(run), kind: kindLegal, key: o.key, merged: true})
			out = append(res, src[i+k:]...)
			break
		}
	}
	if out == nil {
		return mine
	}
	return out
}

func hasLegal(ps []part) bool {
	for i := range ps {
		if ps[i].kind == kindLegal {
			return true
		}
	}
	return false
}

// runOf reports whether every part of ps is of one of the kinds.
func runOf(ps []part, kinds ...partKind) bool {
	for i := range ps {
		if !slices.Contains(kinds, ps[i].kind) {
			return false
		}
	}
	return true
}
