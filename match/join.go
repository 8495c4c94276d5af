package match

import (
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

// joinOne looks for one run in ps matching o.
func joinOne(o part, ps []part) ([]part, bool) {
	ol := utf8.RuneCountInString(o.text)
	var b strings.Builder
	for i := 0; i < len(ps); i++ {
		if ps[i].text == "" || ps[i].text[0] != o.text[0] {
			continue // a run must start with o's first letter
		}
		b.Reset()
		var acr strings.Builder
		for l := 1; l <= maxJoin && i+l <= len(ps); l++ {
			p := ps[i+l-1]
			if !joinable(p) {
				break
			}
			b.WriteString(p.text)
			r, _ := utf8.DecodeRuneInString(p.text)
			acr.WriteRune(r)
			if l < 2 {
				continue
			}
			j := b.String()
			acronym := ol >= 2 && ol <= 6 && l == ol && acr.String() == o.text
			ok := j == o.text || acronym
			if !ok && ol >= 8 && abs(len(j)-len(o.text)) <= 1 {
				ok = osaDistance([]rune(j), []rune(o.text)) <= 1
			}
			if !ok {
				if len(j) > len(o.text)+1 && l >= ol {
					break // neither a joined word nor an acronym can follow
				}
				continue
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
