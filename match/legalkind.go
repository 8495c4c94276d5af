package match

import "slices"

// Legal forms of one kind. rigour's table classes legal forms (generic
// LLC, JSC, LP, NGO, SOE, FIN…); partSim aligns two forms of one class
// ("Ltd" / "GmbH"). Forms of two company classes ("Co., Ltd." classed JSC
// and "Inc" classed LLC; 株式会社, romanised "Co., Ltd.", and "Corp.") are
// still both a company: a qualifier of the name that agrees in kind, not
// words of the name that differ. companyFormPair pairs them after the
// alignment, so that neither counts as an extra word of its name; forms of
// another kind (a foundation, fund, bank, state body, partnership) stay a
// difference ("legal forms differ").

// legalKindSim is the similarity of two company forms of different classes,
// or of a company form and a common word standing for a company. The pair
// weighs as its two parts would unmatched (not legalPairWeight, the weight
// of forms that agree): it is a small difference, so that a name with the
// same form, one of its class or the same word for a company ranks first
// ("RIF Corp." / "RIF Corporation" before "JSC RIF").
const legalKindSim = 0.8

// companyClasses are the generic classes of rigour's table whose forms are
// companies owned by members or shareholders (LLP is compared as LLC, see
// legalClass).
var companyClasses = map[string]bool{"LLC": true, "JSC": true}

// companyGroup is the synonym group of the common words that stand for a
// company ("Company", "Corp.", "Corporation", "Compagnie", "Kompaniya").
const companyGroup = "org:co"

// companyForm reports whether part i of ps is a company form: a legal form
// of a company class, or a word of companyGroup first or last in the name,
// where legal forms stand ("SoftBank Corp.", "Company Alpha"; not "Alpha
// Company Services").
func companyForm(ps []part, i int) bool {
	p := &ps[i]
	switch p.kind {
	case kindLegal:
		return companyClasses[p.key]
	case kindSymbol:
		return (i == 0 || i == len(ps)-1) && slices.Contains(p.groups, companyGroup)
	}
	return false
}

// companyFormPair returns the unaligned company form of each name when at
// least one of them is a legal form (two common words align as synonyms
// already) and they are all that differs: every other part aligned (stop
// words aside) and the distinctive words all spelt alike (same, true). i
// in qp, j in lp; ok false otherwise. Next to other differences (a
// misspelt word, a word only one name has) forms of two classes stay a
// difference: with them they are more evidence of two bodies ("TETRA
// TECH, INC." / "JOINT STOCK COMPANY TERRA TECH", "LEVERAGE ENTERPRISES
// INC" / "LEVERAGE, S.A.").
func companyFormPair(qp, lp []part, usedQ, usedL []bool, same bool) (i, j int, ok bool) {
	if !same {
		return 0, 0, false
	}
	first := func(ps []part, used []bool) int {
		for k := range ps {
			if !used[k] && companyForm(ps, k) {
				return k
			}
		}
		return -1
	}
	// only reports whether k is the one part of ps left unaligned, stop
	// words aside.
	only := func(ps []part, used []bool, k int) bool {
		for x := range ps {
			if !used[x] && x != k && ps[x].kind != kindStop {
				return false
			}
		}
		return true
	}
	i, j = first(qp, usedQ), first(lp, usedL)
	if i < 0 || j < 0 || qp[i].kind != kindLegal && lp[j].kind != kindLegal ||
		!only(qp, usedQ, i) || !only(lp, usedL, j) {
		return 0, 0, false
	}
	return i, j, true
}

// companyFormHow explains a pair of companyFormPair.
func companyFormHow(a, b *part) string {
	if a.kind == kindLegal && b.kind == kindLegal {
		return "legal forms of one kind (company), different classes"
	}
	return "legal form and a word for a company"
}
