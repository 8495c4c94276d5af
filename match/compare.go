package match

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Result is the outcome of comparing a query name with a list name.
type Result struct {
	Score       float64     `json:"score"` // 0..1; 1 means the normalised names are equal
	Match       bool        `json:"match"` // Score ≥ DefaultThreshold
	Explanation Explanation `json:"explanation"`
}

// Compare scores query name name1 against list name name2, both of the FtM
// schema given ("" means Thing: person or organisation logic is chosen from
// the names). It never fails: a name with no letter or digit scores 0.
func Compare(schema, name1, name2 string) Result {
	s := canonicalSchema(schema)
	c := classOf(s, s)
	q, l := analyse(c, name1), analyse(c, name2)
	e := compareNames(c, q, l)
	if q.script || l.script {
		e = alternativeNames(c, q, l, e) // script.go
	}
	return Result{Score: e.Score, Match: e.Score >= DefaultThreshold, Explanation: e}
}

// Scoring parameters. They were set by measurement on the development
// benchmark (see quality_test.go) and kept round: general rules, not fitted
// to single rows.
const (
	minPartSim       = 0.5  // part pairs below this are not aligned
	initialSim       = 0.8  // an initial against a name starting with it
	orgInitialSim    = 0.5  // the same in an organisation name
	synonymSim       = 0.95 // two spellings of one synonym group
	legalClassSim    = 0.9  // two legal forms of the same generic class (OAO ~ JSC)
	legalShortSim    = 0.85 // a legal form and the same form abbreviated or shortened (Co., Ltd. ~ Ltd.)
	phoneticSim      = 0.7  // same phonetic key, too many edits otherwise
	acronymSim       = 0.85 // "PLA" ~ "People's Liberation Army"
	extraPerson      = 0.35 // weight of a person-name part found on one side only (middle names)
	extraPersonOne   = 0.6  // the same when only one significant part aligned
	conflictFactor   = 0.8  // both person names have significant parts the other lacks
	legalConflict    = 0.8  // both organisation names have a legal form, of different classes
	genericCap       = 0.7  // highest score of organisation names sharing no distinctive word
	shortWord        = 3    // a distinctive word of at most this many letters is short
	patronymConflict = 0.7  // a person's own and father's names swapped around bin/ibn
	abbrevSim        = 0.85 // a cut-short common word of an organisation name ("Air" / "Airlines")
	adjectiveSim     = 0.9  // a word and its Russian adjective ("Murom" / "Muromskiy")
	containFactor    = 0.5  // weight of generic words that only one name has, when the other has no word of its own
	acronymCap       = 0.9  // score of an exact match of a short capitalised word (acronym-only match)
	maxAcronym       = 5    // letters of the longest such word
	numberConflict   = 0.5  // both names have numbers that differ
	orgEditCost      = 1.6  // an edit in an organisation name counts this many
	rareEditCost     = 1.0  // the same for a query word in no other name the index holds
	firstLetterEdit  = 0.1  // an edit that changes the first letter loses this much more
	spellVariant     = 0.05 // cost of comparing person-name parts on their spelling keys
	orgSpellVariant  = 0.1  // the same for other names, whose keys must be equal
	legalPairWeight  = 0.02 // weight of two aligned legal forms: a qualifier of a name, never evidence of identity
	longMisspelt     = 8    // letters of misspelt distinctive words from which they are evidence on their own
	longOrgWord      = 9    // letters of an organisation word beyond which an edit costs less in proportion
	orgExtra         = 0.6  // weight of organisation words only one name has, when the other has no word of its own
	loneMargin       = 1.25 // unmatched distinctive words hold a pair back when they weigh this much more than the agreeing ones
)

func weight(c class, p part) float64 {
	if p.iw > 0 && c != classPerson && p.kind == kindName {
		// Organisation words weigh by how rare they are among the names
		// the index holds (idf.go).
		return float64(p.iw)
	}
	switch p.kind {
	case kindInitial:
		if c == classPerson {
			return 0.5
		}
		return 0.3
	case kindStop:
		if c == classPerson {
			return 0.3
		}
		return 0.1
	case kindLegal:
		return 0.2
	case kindSymbol, kindPlace:
		return 0.3
	case kindDomain:
		return 0.6
	}
	return 1
}

// significant reports whether an unmatched part of this kind is a
// disagreement rather than noise.
func significant(p part) bool {
	return p.kind == kindName || p.kind == kindNumber || p.kind == kindDomain
}

// editBudget is how many edits a part of n letters may have and still
// align: one from three letters, two from five, three only from eleven
// (three edits in ten letters are another name: "Monteiro" /
// "Montenegro", "Ronaldinho" / "Ronaldo").
func editBudget(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 4:
		return 1
	case n <= 10:
		return 2
	case n <= 12:
		return 3
	}
	return 4
}

// partSim scores two parts.
// translit is true when either name was transliterated from another script:
// transliteration loses vowels, so phonetic agreement counts for more.
func partSim(c class, a, b *part, translit bool) (float64, string) {
	if a.kind == kindNumber || b.kind == kindNumber {
		if a.kind == kindNumber && b.kind == kindNumber && a.key == b.key {
			return 1, "exact"
		}
		if c != classPerson && (numberWordTypo(a, b) || numberWordTypo(b, a)) {
			var bufA, bufB [64]rune
			return editPartSim(c, a, b, appendRunes(bufA[:0], a.text), appendRunes(bufB[:0], b.text), translit)
		}
		return 0, ""
	}
	if a.kind == kindLegal || b.kind == kindLegal {
		if a.kind == kindLegal && b.kind == kindLegal {
			switch {
			case a.text == b.text:
				return 1, "exact"
			case a.fold != "" && a.fold == b.fold:
				// One form written another way: misspelt, reordered or
				// abbreviated as rigour's table lists it ("Compayn Ltd" /
				// "Company Ltd").
				return 1, "same legal form, written another way"
			case a.key == b.key:
				return legalClassSim, "same legal form class"
			case legalWordsWithin(a.text, b.text) || legalWordsWithin(b.text, a.text):
				// One form is the other abbreviated or shortened ("Co.,
				// Ltd." / "Company Limited" / "Ltd."), though rigour's
				// table may class them apart.
				return legalShortSim, "same legal form, abbreviated or shortened"
			case legalWordsNear(a.text, b.text):
				// The same words, one misspelt beyond what the table
				// lists ("Company Limitd" / "Company Limited").
				return legalClassSim, "same legal form, misspelt"
			}
		}
		return 0, ""
	}
	if a.text == b.text {
		if a.acronym() || b.acronym() {
			return acronymSim, "acronym"
		}
		return 1, "exact"
	}
	if shareGroup(a.groups, b.groups) {
		return synonymSim, synonymHow
	}
	if c != classPerson && a.kind == kindName && b.kind == kindName && (adjectiveOf(a.text, b.text) || adjectiveOf(b.text, a.text)) {
		return adjectiveSim, "adjective of the word"
	}
	if c != classPerson && (abbreviates(a, b) || abbreviates(b, a)) {
		return abbrevSim, "abbreviation"
	}
	if a.kind == kindInitial || b.kind == kindInitial {
		if a.kind == kindInitial && b.kind == kindInitial {
			return 0, ""
		}
		ra, _ := utf8.DecodeRuneInString(a.text)
		rb, _ := utf8.DecodeRuneInString(b.text)
		if ra == rb {
			if c != classPerson {
				// One letter of an organisation name stands for any of
				// many words ("G and S Diamond": Green? Gulf? Services?
				// Systems?).
				return orgInitialSim, "initial"
			}
			return initialSim, "initial"
		}
		return 0, ""
	}
	if ab, ok := asciiBytes(a.text); ok {
		if bb, ok := asciiBytes(b.text); ok {
			s, how := editPartSim(c, a, b, ab, bb, translit)
			if c != classPerson && a.fold != "" && a.fold == b.fold && len(a.fold) > shortWord && s < 1-orgSpellVariant {
				// In other names only spellings of one key count ("Yaghoob"
				// / "Yaghoub", "Shameem" / "Shamim"), at a larger cost:
				// they are spelt one way more often than person names.
				return 1 - orgSpellVariant, spellHow[0]
			}
			if c == classPerson && a.fold != "" && b.fold != "" && s < 1-spellVariant && abs(len(a.fold)-len(b.fold)) <= 1 {
				// Spelling variants of one sound ("Sergejs" / "Sergey") are
				// compared on the spelling key, at a small cost.
				// Only keys at most one edit apart count, and the edit is
				// measured against the longer spelling, as for plain edits.
				if d := strBounded(a.fold, b.fold, 1); d <= 1 {
					n := max(len(a.text), len(b.text))
					if fs := 1 - float64(d)/float64(n) - spellVariant; fs > s {
						return fs, spellHow[d]
					}
				}
			}
			return s, how
		}
	}
	var bufA, bufB [64]rune
	return editPartSim(c, a, b, appendRunes(bufA[:0], a.text), appendRunes(bufB[:0], b.text), translit)
}

// editPartSim is the edit-distance part of partSim, on the letters ra and
// rb of a and b (bytes for ASCII text, runes otherwise).
func editPartSim[T byte | rune](c class, a, b *part, ra, rb []T, translit bool) (float64, string) {
	if c == classPerson {
		// Shared name-forming affixes are left out (see affix.go); they are
		// ASCII, so their byte length is their length in ra and rb too.
		if pre, suf := sharedAffix(a.text, b.text); pre+suf > 0 {
			ra, rb = ra[pre:len(ra)-suf], rb[pre:len(rb)-suf]
		}
	}
	n := max(len(ra), len(rb))
	budget := editBudget(n)
	if c != classPerson && n <= shortWord {
		// A short word of an organisation name is mostly an acronym:
		// "NCS" is not "MCS".
		budget = 0
	}
	if abs(len(ra)-len(rb)) > budget {
		if (c != classOrg || translit) && a.phon != "" && a.phon == b.phon && min(len(ra), len(rb)) >= 4 {
			return phoneticSim, "phonetic"
		}
		return 0, ""
	}
	d := osaBounded(ra, rb, budget)
	if d <= budget {
		orgCost := orgEditCost
		if a.rare && d == 1 || a.unseen && d == 2 && n >= longMisspelt {
			// A query word no other name the index holds has, one edit
			// from a list word, is more likely that word misspelt than
			// another name (idf.go); so is a word no name holds at all
			// (not even a registered counterparty's) two edits from a
			// long one ("Cubaepiort" / "Cubaexport").
			orgCost = rareEditCost
		}
		s := editSim(c, d, ra, rb, orgCost)
		if translit && a.phon != "" && a.phon == b.phon && s < phoneticSim+0.1 {
			return phoneticSim + 0.1, phonEditHow[d]
		}
		if c == classOrg && orgCost == rareEditCost {
			return s, typoHow[d]
		}
		return s, editHow[d]
	}
	if (c != classOrg || translit) && a.phon != "" && a.phon == b.phon && min(len(ra), len(rb)) >= 4 {
		return phoneticSim, "phonetic"
	}
	return 0, ""
}

// firstClass groups first letters that often stand for one another in
// spelling variants: all vowels, and the consonant classes of phonetic.
func firstClass(r rune) rune {
	if r >= 0x80 {
		return r
	}
	if k := phonetic(string(r)); k != "" {
		return rune(k[0])
	}
	return r
}

// editSim turns the edits between two parts (d plain edits, cost weighted
// ones, see weightedEdits; n letters in the longer part) into a similarity
// 1 - cost/n, so that an edit in a short part weighs more than one in a
// long part ("Serco" / "Sedco" are two words, "Abdurrahman" / "Abdurahman"
// one). Organisation names are brands, spelt one way: their weighted edits
// (vowels and like-sounding letters cheaper than other letters) cost
// orgEditCost times more ("Volicon" / "Voliton"). Person names vary with
// transliteration and keep plain edit counts. Beyond longOrgWord letters an
// organisation word's edits cost less in proportion, so that two typos in
// a word of twelve letters weigh as one in six ("Tansserice" /
// "Transservice"), while two in nine letters still make another word
// ("Fedratech" / "Faratech"). A different first letter
// (not of one class) in parts of equal length is a strong sign of a
// different word ("CSRA" / "ISRA") and costs firstLetterEdit more, unless
// the first two letters are swapped ("iVsta" / "Vista"), a typo, or the
// edit is taken as a typo of a word no other name has (orgCost is
// rareEditCost: "Zanley" / "Hanley" beside a register that has no Zanley).
func editSim[T byte | rune](c class, d int, ra, rb []T, orgCost float64) float64 {
	if d == 0 {
		return 1
	}
	cost := float64(d)
	n := max(len(ra), len(rb))
	if c == classOrg {
		// Beyond longOrgWord letters an edit costs less in proportion: a
		// long word takes typos as a short one takes one.
		cost = orgCost * min(1, float64(longOrgWord)/float64(n)) * weightedEdits(ra, rb)
	}
	s := 1 - cost/float64(n)
	if len(ra) == len(rb) && firstClass(rune(ra[0])) != firstClass(rune(rb[0])) && orgCost != rareEditCost &&
		!(len(ra) > 1 && ra[0] == rb[1] && ra[1] == rb[0]) { // two first letters swapped: a typo ("iVsta")
		s -= firstLetterEdit
	}
	return max(s, 0)
}

const synonymHow = "synonym"

var (
	editHow     = [...]string{"exact", "edit distance 1", "edit distance 2", "edit distance 3", "edit distance 4"}
	spellHow    = [...]string{"spelling variant", "spelling variant, edit distance 1"}
	typoHow     = [...]string{"exact", "edit distance 1, a word no other name has: taken as a typo", "edit distance 2, a word no name has: taken as a typo"}
	phonEditHow = [...]string{"phonetic, exact", "phonetic, edit distance 1", "phonetic, edit distance 2", "phonetic, edit distance 3", "phonetic, edit distance 4"}
)

// pair is one candidate alignment of a query part i with a list part j.
type pair struct {
	i, j int
	s    float64
	how  string
}

// scratch holds the buffers of one comparison, reused through scratchPool.
type scratch struct {
	pairs []pair
	flags []bool
}

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

// used returns two cleared flag slices of lengths m and n.
func (sc *scratch) used(m, n int) ([]bool, []bool) {
	if cap(sc.flags) < m+n {
		sc.flags = make([]bool, m+n)
	}
	f := sc.flags[:m+n]
	clear(f)
	return f[:m:m], f[m:]
}

// abbreviates reports whether a is a cut-short common or domain word b of
// an organisation name: "Air" / "Airlines", "Ind" / "Industries".
func abbreviates(a, b *part) bool {
	return (b.kind == kindSymbol || b.kind == kindDomain) && len(a.text) >= 3 && len(a.text) < len(b.text) &&
		a.kind == kindName && strings.HasPrefix(b.text, a.text)
}

func shareGroup(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func (p *part) acronym() bool { return p.merged && p.key == "acronym" }

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

// compareNames scores two analysed names and explains the score.
func compareNames(c class, q, l *name) Explanation { return scoreNames(c, q, l, true) }

// scoreNames scores two analysed names. With explain false only Score,
// NameScore and Logic are set (no alignment, no adjustments): the fast path
// of Index.Search, which explains only the hits it returns.
func scoreNames(c class, q, l *name, explain bool) Explanation {
	e := Explanation{Query: q.raw, Candidate: l.raw, QueryNorm: q.norm, CandidateNorm: l.norm, quiet: !explain}
	if explain && (q.script || l.script) {
		e.Romanisation = romanisation(q.raw, l.raw) // script.go
	}
	if c == classAny {
		c = classPerson
		if q.orgish || l.orgish {
			c = classOrg
		}
	}
	e.Logic = c.String()
	if q.norm == "" || l.norm == "" {
		e.Alignment = []PartMatch{}
		return e
	}
	if q.norm == l.norm {
		for _, p := range q.parts {
			if !explain {
				break
			}
			e.Alignment = append(e.Alignment, PartMatch{Query: p.text, Candidate: p.text, Kind: p.kind.String(), How: "exact", Similarity: 1, Weight: round3(weight(c, p))})
		}
		e.NameScore, e.Score = 1, 1
		if c != classPerson && len(q.parts) == 1 && acronymLike(q, l) {
			// "SAIC" = "SAIC": right as far as the names go, but a short
			// capitalised word is as likely another body's initials.
			e.NameScore = e.adjust("acronym-only match", 1, acronymCap)
			e.Score = e.NameScore
		}
		return e
	}
	qp, lp0 := q.parts, l.parts
	qAbjad, lAbjad := q.script && abjadName(q.raw), l.script && abjadName(l.raw) // abjad.go
	abjad := qAbjad || lAbjad
	if abjad {
		qp, lp0 = abjadParts(c, qp), abjadParts(c, lp0)
	}
	if c != classPerson {
		qp = joinPhrases(lp0, qp)
		if lj := joinPhrases(qp, lp0); len(lj) != len(lp0) {
			// The list name's phrase may in turn be a synonym of a longer
			// phrase of the query ("People's Liberation Army" joined for
			// "PLA" is a synonym of "PLA China").
			lp0 = lj
			qp = joinPhrases(lp0, qp)
		}
		qp = joinLegal(lp0, qp)
		lp0 = joinLegal(qp, lp0)
	}
	qp = joinRuns(lp0, qp)
	lp := joinRuns(qp, lp0)
	qp = joinRuns(lp, qp)

	// Greedy order-free alignment: best pairs first.
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	pairs := sc.pairs[:0]
	for i := range qp {
		for j := range lp {
			s, how := partSim(c, &qp[i], &lp[j], q.script || l.script)
			if abjad {
				s, how = abjadSim(&qp[i], &lp[j], s, how, qAbjad, lAbjad)
			}
			if s >= minPartSim {
				pairs = append(pairs, pair{i, j, s, how})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		if a.s != b.s {
			if a.s > b.s {
				return -1
			}
			return 1
		}
		return abs(a.i-a.j) - abs(b.i-b.j)
	})
	sc.pairs = pairs
	usedQ, usedL := sc.used(len(qp), len(lp))
	var num, den float64
	matchedSig := 0
	matchedContent := 0       // aligned pairs of content words
	distinct, short := 0, 0   // aligned pairs of distinctive name words; of them, short ones
	weak := 0                 // aligned pairs, legal forms aside, not both distinctive
	exact := 0                // aligned distinctive pairs spelt alike
	loose, looseLegal := 0, 0 // other aligned pairs not spelt alike: words, legal forms
	misspelt := 0             // letters of the aligned distinctive words not spelt alike (the longer of each pair)
	common := false           // an aligned distinctive word is common among the names the index holds
	typos := true             // every word pair not spelt alike is a rare query word one edit away
	var wAgree, wLone float64 // weight of the aligned distinctive words; of the unmatched ones
	weighted := false         // the words carry weights from the names an index holds (idf.go)
	legalSame := 0            // aligned legal forms of one form
	var initBuf [8]initPair
	inits := initBuf[:0] // organisation initials aligned with words
	for _, p := range pairs {
		if usedQ[p.i] || usedL[p.j] {
			continue
		}
		usedQ[p.i], usedL[p.j] = true, true
		a, b := &qp[p.i], &lp[p.j]
		w := (weight(c, *a) + weight(c, *b)) / 2
		if a.kind == kindLegal && p.s >= 1 {
			legalSame++
		}
		if a.kind == kindLegal {
			// Agreeing legal forms say little about identity ("Fortra
			// LLC" / "LLC Forta"); a legal form the other name lacks
			// still weighs as a difference.
			w = legalPairWeight
		}
		num += p.s * 2 * w
		den += 2 * w
		if p.s == orgInitialSim && c != classPerson && (a.kind == kindInitial) != (b.kind == kindInitial) && len(inits) < cap(inits) {
			inits = append(inits, initPair{p.i, p.j, w, len(e.Alignment)})
		}
		if significant(*a) || significant(*b) {
			matchedSig++
		}
		if isContent(*a) && isContent(*b) {
			matchedContent++
		}
		if !(distinctive(a) && distinctive(b)) {
			if a.kind != kindLegal {
				weak++
			}
			switch {
			case p.s >= 1:
			case p.how == synonymHow && (hasWord(a.text, b.text) || hasWord(b.text, a.text)):
				// A phrase and its own head word, of one meaning
				// ("Shipping" / "Shipping Company"), agree as written.
			case a.kind == kindLegal && strBounded(a.text, b.text, 1) <= 1:
				// One legal form misspelt ("Jiont Stock Company").
			case a.kind == kindLegal:
				looseLegal++
			default:
				loose++
				typos = typos && typoLike(a, p, b)
			}
		}
		if distinctive(a) && distinctive(b) {
			distinct++
			wAgree += w
			common = common || a.common || b.common
			if p.s >= 1 {
				exact++
			} else {
				typos = typos && typoLike(a, p, b)
				misspelt += max(utf8.RuneCountInString(a.text), utf8.RuneCountInString(b.text))
			}
			if utf8.RuneCountInString(a.text) <= shortWord {
				short++
			}
		}
		if explain {
			e.Alignment = append(e.Alignment, PartMatch{Query: a.text, Candidate: b.text, Kind: a.kind.String(), How: p.how, Similarity: round3(p.s), Weight: round3(2 * w)})
		}
	}
	if c != classPerson {
		// Words left over next to a legal form of the other name that are
		// words of it, as written or misspelt ("Limtied", "Gbh", "Jint"
		// beside "Stock Coympany"), are that legal form written another
		// way: a qualifier, not a word of the name.
		for _, lw := range legalLeftovers(qp, lp, usedQ, usedL) {
			num += lw.s * 2 * lw.w
			den += 2 * lw.w
			if explain {
				e.Alignment = append(e.Alignment, lw.pm)
			}
		}
		// Legal forms left over on both sides that are both company forms
		// agree in kind: qualifiers, not words of the name (legalkind.go).
		if i, j, ok := companyFormPair(qp, lp, usedQ, usedL, distinct > 0 && exact == distinct); ok {
			// The pair weighs as its parts would unmatched, so that forms
			// of one class, or one word, rank first.
			usedQ[i], usedL[j] = true, true
			w := (weight(c, qp[i]) + weight(c, lp[j])) / 2
			num += legalKindSim * 2 * w
			den += 2 * w
			looseLegal++
			if explain {
				e.Alignment = append(e.Alignment, PartMatch{Query: qp[i].text, Candidate: lp[j].text, Kind: kindLegal.String(), How: companyFormHow(&qp[i], &lp[j]), Similarity: legalKindSim, Weight: round3(2 * w)})
			}
		}
	}
	// Initials that stand for neighbouring words in the same order are an
	// abbreviation of them ("U.S." / "United States"), not a letter that
	// could stand for anything.
	for _, x := range inits {
		for _, y := range inits {
			if y.i == x.i+1 && y.j == x.j+1 || y.i == x.i-1 && y.j == x.j-1 {
				num += (initialSim - orgInitialSim) * 2 * x.w
				if explain {
					e.Alignment[x.at].Similarity, e.Alignment[x.at].How = initialSim, "initials of neighbouring words"
				}
				break
			}
		}
	}
	var sigQ, sigC, numQ, numC, legalQ, legalC int
	var cq, cc int       // unmatched content words (names, domain and common words)
	var restQ, restC int // unmatched parts other than stop words
	lone := 0            // unmatched distinctive words, both names
	for i := range qp {
		if !usedQ[i] {
			if isContent(qp[i]) {
				cq++
			}
			if qp[i].kind != kindStop {
				restQ++
			}
			if distinctive(&qp[i]) {
				lone++
				weighted = weighted || qp[i].iw > 0
				wLone += weight(c, qp[i])
			}
			countUnmatched(qp[i], &sigQ, &numQ, &legalQ)
		}
	}
	for j := range lp {
		if !usedL[j] {
			if isContent(lp[j]) {
				cc++
			}
			if lp[j].kind != kindStop {
				restC++
			}
			if distinctive(&lp[j]) {
				lone++
				weighted = weighted || lp[j].iw > 0
				wLone += weight(c, lp[j])
			}
			countUnmatched(lp[j], &sigC, &numC, &legalC)
		}
	}
	conflict := sigQ > 0 && sigC > 0
	if c == classPerson && !conflict {
		// An initial left over against a name left over: had the name
		// started with the initial they would have aligned ("Hans O
		// Friedrich" / "Hans Joachim Friedrich").
		iq, ic := unmatchedInitials(qp, usedQ), unmatchedInitials(lp, usedL)
		conflict = iq > 0 && sigC > 0 || sigQ > 0 && ic > 0
	}
	if c != classPerson {
		conflict = cq > 0 && cc > 0
	}
	// Words of the list name the query leaves out, when the query has no
	// word of its own and at least two content words agree, or one
	// distinctive word spelt alike that is not common among the register's
	// names and the same legal form ("Vectura DOO" / "Vectura Trans DOO";
	// not "Orion LLC" / "Orion Oil LLC", nor a word alone).
	leftOut := c != classPerson && !conflict && cq == 0 &&
		(matchedContent >= 2 || matchedContent == 1 && exact == 1 && !common && legalSame > 0)
	for i := range qp {
		if !usedQ[i] {
			w := unmatchedWeight(c, qp[i], conflict, false, matchedSig, restC)
			den += w
			if explain {
				e.Alignment = append(e.Alignment, PartMatch{Query: qp[i].text, Kind: qp[i].kind.String(), How: "unmatched", Weight: round3(w)})
			}
		}
	}
	for j := range lp {
		if !usedL[j] {
			w := unmatchedWeight(c, lp[j], conflict, leftOut, matchedSig, restQ)
			den += w
			if explain {
				e.Alignment = append(e.Alignment, PartMatch{Candidate: lp[j].text, Kind: lp[j].kind.String(), How: "unmatched", Weight: round3(w)})
			}
		}
	}
	score := 0.0
	// Some name, number or domain word must agree; in an organisation name
	// made only of common words and legal forms ("OOO Fam Kholding"), all
	// its words agreeing will do.
	if den > 0 && (matchedSig > 0 || c != classPerson && matchedContent > 0 && restQ+restC == 0) {
		score = num / den
	}
	if score > 0 {
		if conflict {
			score = e.adjust("both names have parts the other lacks", score, score*conflictFactor)
		}
		if numQ > 0 && numC > 0 {
			score = e.adjust("numbers differ", score, score*numberConflict)
		}
		if c == classPerson && patronymSwapped(qp, lp, usedQ, pairs) {
			score = e.adjust("own and father's names swapped", score, score*patronymConflict)
		}
		if legalQ > 0 && legalC > 0 {
			score = e.adjust("legal forms differ", score, score*legalConflict)
		}
		// The query is the list name with one word left out, nothing of its
		// own added.
		shortByOne := leftOut && restQ == 0 && restC == 1 && cc == 1
		if c != classPerson && !shortByOne {
			switch {
			case distinct == 0 && restQ+restC > 0:
				// Common words, initials, acronyms and numbers alone do
				// not make two organisations one unless all words agree
				// ("First Bank Int'l" / "First International Bank"):
				// "Dev Technology Group" is not "Technology and
				// Development Group Ltd", nor "Cogent Solutions"
				// "Secondeye Solution".
				score = e.adjust("no distinctive word agrees", score, min(score, genericCap))
			case lone > 0 && weak > 0 && (weighted && wLone > loneMargin*wAgree || !weighted && lone >= distinct):
				// Distinctive words of one name are missing from the
				// other, as many as agree, and part of what agrees is
				// generic: "Mastech Digital Technologies" / "LLC Digital
				// Technologies". More distinctive words agreeing outweigh
				// one left out ("Popular Front for the Liberation of
				// Palestine" written without "Liberation"). With word weights
				// (Index.Search), weight counts rather than number: a
				// left-out word about as rare as the one that agrees (within
				// loneMargin) does not hold the pair back ("Babbar
				// International" / "Babbar Khalsa International"), a rare
				// word against a common one does.
				score = e.adjust("a distinctive word is unmatched", score, min(score, genericCap))
			case distinct > 0 && exact == 0 && misspelt < longMisspelt && !(q.script || l.script) &&
				(loose > 0 && !typos || restQ+restC > 0 || looseLegal > 0 && weak == 0):
				// The distinctive words are all spelt differently: then
				// the other words must agree as written, none left over,
				// and legal forms of one class are not the only other
				// agreement ("Macrosoft Corporation" / "Microsoft
				// Corporation", but not "Tamis Corporation" / "Tamas
				// Company", "Inevent Inc" / "LLC Invent", "Peraton" /
				// "Periton Inzhiniring"). Misspelt words of longMisspelt
				// letters or more together are evidence on their own: two
				// names rarely differ by a typo in so long a word
				// ("Aerocaribean Airliens"). Other words misspelt too are
				// no difference when every misspelling is a typo: a query
				// word no other name the index holds has, one edit away
				// ("Flacon Ssytems" / "Falcon Systems"; Search only).
				score = e.adjust("distinctive words misspelt, other words differ", score, min(score, genericCap))
			case distinct == 1 && common && weak == 0 && restQ+restC > 0 && c == classOrg:
				// One common word is all two organisation names share
				// ("Spectrum Center Inc." / "LLC Spectrum", "Orion Oil LLC"
				// / "Orion LLC"): as likely another body of that name.
				// Only a qualifier that agrees (country, identifier, address) makes
				// it a match (see qualify).
				e.NeedsQualifier, e.uncapped = true, score
				score = e.adjust("only one common word agrees; a qualifier (country, identifier, address) must agree", score, min(score, genericCap))
			case distinct == 1 && !conflict && restQ > 0 && restC > 0:
				// One shared word while each name has words the other
				// lacks: "Spectrum Services" / "LLC Spectrum".
				score = e.adjust("one shared word; both names have other words", score, score*conflictFactor)
			case distinct == 1 && short == 1 && restQ+restC > 0 && !leftOut:
				// A short shared word (often an initialism) next to other
				// words: "BNC Enterprises" / "BNC"; not when the query
				// keeps other words of the list name and only leaves out
				// some ("ARX Engineering Limited" / "ARX Financial
				// Engineering Limited").
				score = e.adjust("only a short word agrees", score, score*conflictFactor)
			}
		}
	}
	if sameLetters(q.norm, l.norm) && score < 0.98 {
		// Same letters, different spacing: "SiemensAG" / "Siemens AG".
		score = e.adjust("same text apart from spaces", score, 0.98)
	}
	// 1.0 is reserved for an exact normalised match.
	score = min(score, 0.99)
	e.NameScore, e.Score = round3(score), round3(score)
	return e
}

// unmatchedWeight is the weight in the score's denominator of part p that
// only one name has; conflict: both names have words the other lacks;
// leftOut: p is a word of the list name that the query leaves out while
// two or more content words agree and the query has no word of its own;
// matchedSig: significant parts aligned; restOther: unmatched parts of the
// other name, stop words aside.
//
// In person names a part only one name has is a middle name or the like and
// weighs extraPerson (extraPersonOne when at most one significant part
// aligned) unless both names have such parts. In organisation names a word
// only one name has costs by its own weight (rare words much, common ones
// little; idf.go); a word of the list name left out by a query that keeps
// two or more of its words and adds none ("Babbar International" / "Babbar
// Khalsa International") costs orgExtra of it: a name written short is a
// smaller difference than a name with words of its own ("Orion Oil LLC" /
// "Orion LLC") or one word alone ("Constellation Inc" / "Constellation
// Advisors Ltd"). When one name is the other plus
// generic words ("Rosneft" / "Rosneft Oil Company") those weigh
// containFactor. A legal form or number only one name has weighs fully
// otherwise: it is a difference, not a word left out.
func unmatchedWeight(c class, p part, conflict, leftOut bool, matchedSig, restOther int) float64 {
	w := weight(c, p)
	if c == classPerson {
		switch {
		case conflict:
			return w
		case matchedSig <= 1:
			return extraPersonOne * w
		}
		return extraPerson * w
	}
	f := 1.0
	if leftOut && p.kind != kindLegal && p.kind != kindNumber {
		f = orgExtra
	}
	if restOther == 0 && generic(p) {
		f = min(f, containFactor)
	}
	return f * w
}

// legalLeft is a part left over by the alignment that is taken as (part
// of) a legal form of the other name: similarity s, pair weight w (0 when
// the legal form already aligned), its explanation pm.
type legalLeft struct {
	s, w float64
	pm   PartMatch
}

// legalLeftovers takes, in an organisation name, the parts left unaligned
// that are words of a legal form of the other name (legalWordNear) and
// marks them used: paired with that legal form when it is unaligned too
// (similarity legalClassSim unless written exactly, weight
// legalPairWeight), absorbed into it at no weight when it aligned with a
// legal form already. Words of a phrase of several words that aligned
// (a synonym group's phrase, "Trading Company" / "Trading") are absorbed
// alike: the phrase took its partner, the left-over word is the rest of
// it, as written, reordered or misspelt ("Trading Compay", "Investment
// Islamic Bank"). Both directions.
func legalLeftovers(qp, lp []part, usedQ, usedL []bool) []legalLeft {
	var out []legalLeft
	take := func(a, b []part, usedA, usedB []bool, query bool) {
		if !slices.Contains(usedA, false) {
			return
		}
		var idxBuf [8]int
		var wordBuf [8]string
		for j := range b {
			legal := b[j].kind == kindLegal
			if !legal && !(usedB[j] && strings.Contains(b[j].text, " ")) {
				// Besides legal forms, phrases of several words that
				// aligned ("Trading Company" / "Trading" leaves "Compay").
				continue
			}
			words := wordBuf[:0]
			for w := range strings.FieldsSeq(b[j].text) {
				if len(words) < cap(words) {
					words = append(words, w)
				}
			}
			var covered uint64 // words of the form the left-over parts stand for
			idx := idxBuf[:0]
			exact := true
			for i := range a {
				if usedA[i] || a[i].kind == kindLegal && !usedB[j] || len(idx) == cap(idx) {
					// Two legal forms partSim did not align are different
					// forms.
					continue
				}
				var cov uint64
				ok, ex := true, true
				for w := range strings.FieldsSeq(a[i].text) {
					k, e := legalWordNear(w, words)
					ok = ok && k >= 0
					ex = ex && e
					if k >= 0 && k < 64 {
						cov |= 1 << k
					}
				}
				if ok && (ex || a[i].kind != kindNumber) {
					// A number only as written ("V" of "S.A. de C.V.").
					idx = append(idx, i)
					covered |= cov
					exact = exact && ex
				}
			}
			// A legal form that aligned with nothing is written another way
			// only if the left-over words stand for half its words or more
			// ("Co" is not "Private Military Company").
			if len(idx) == 0 || !usedB[j] && 2*bits.OnesCount64(covered) < len(words) {
				continue
			}
			for n, i := range idx {
				usedA[i] = true
				pm := PartMatch{Kind: b[j].kind.String()}
				l := legalLeft{s: 1}
				if !exact {
					l.s = legalClassSim
				}
				if usedB[j] && n == 0 || n > 0 {
					pm.How = "word of the legal form it aligned with"
					if !legal {
						pm.How = "word of the phrase it aligned with"
					}
				} else {
					l.w = legalPairWeight
					pm.How = "legal form written another way"
				}
				if !exact {
					pm.How += ", misspelt"
				}
				pm.Similarity, pm.Weight = round3(l.s), round3(2*l.w)
				if query {
					pm.Query, pm.Candidate = a[i].text, b[j].text
				} else {
					pm.Query, pm.Candidate = b[j].text, a[i].text
				}
				l.pm = pm
				out = append(out, l)
			}
			usedB[j] = true
		}
	}
	take(qp, lp, usedQ, usedL, true)
	take(lp, qp, usedL, usedQ, false)
	return out
}

// legalWordsNear reports whether legal forms a and b have as many words
// and every word of a is, or is near, a different word of b
// (legalWordNear).
func legalWordsNear(a, b string) bool {
	var wb [8]string
	words := wb[:0]
	for w := range strings.FieldsSeq(b) {
		if len(words) == cap(words) {
			return false
		}
		words = append(words, w)
	}
	var used uint8
	n := 0
	for w := range strings.FieldsSeq(a) {
		k, _ := legalWordNear(w, words)
		if k < 0 || used&(1<<k) != 0 {
			return false
		}
		used |= 1 << k
		n++
	}
	return n == len(words)
}

// legalWordNear returns the position among words (the words of a legal
// form) of the one word w is, or is near, and whether it is that word as
// written; -1 if none. Near: its abbreviation or the word it abbreviates
// ("co" / "company"), or a misspelling of it within the edits a word of
// its length may have (one when the longer has four letters or more, two
// from eight: "gbh" / "gmbh", "leemited" / "limited"); shorter words only
// as written.
func legalWordNear(w string, words []string) (int, bool) {
	for k, v := range words {
		if v == w {
			return k, true
		}
	}
	n := utf8.RuneCountInString(w)
	for k, v := range words {
		if legalAbbrev[v] == w || legalAbbrev[w] == v {
			return k, false
		}
		m := utf8.RuneCountInString(v)
		if min(n, m) < 3 || max(n, m) <= shortWord {
			// Words of three letters agree only as written ("Eas" is not
			// "EAD").
			continue
		}
		d := 1
		if max(n, m) >= 8 {
			d = 2
		}
		if strBounded(w, v, d) <= d {
			return k, false
		}
	}
	return -1, false
}

// adjectiveSuffixes end the adjectives Russian and Ukrainian make of place
// and other names, as romanised: -skiy/-skaya/-skoye (Муромский, "of
// Murom"), -skyi. The Polish and Czech -ski/-ska/-sky are left out: there
// they end surnames that companies bear ("Kowal" is not "Kowalski").
var adjectiveSuffixes = [...]string{"skiy", "skii", "skij", "skyi", "skyy", "skaya", "skaia", "skoye", "skoe", "skogo", "skikh"}

// adjectiveOf reports whether adj is an adjective made of word by a
// Russian suffix: "muromskiy" of "murom", "permskiy" of "perm". The word must have
// four letters or more, so that short words do not pair by chance.
func adjectiveOf(adj, word string) bool {
	if len(word) < 4 || len(adj) <= len(word) || adj[:len(word)] != word {
		return false
	}
	rest := adj[len(word):]
	for _, s := range adjectiveSuffixes {
		if rest == s {
			return true
		}
	}
	return false
}

// hasWord reports whether phrase holds word w as one of its words.
func hasWord(phrase, w string) bool {
	for f := range strings.FieldsSeq(phrase) {
		if f == w {
			return true
		}
	}
	return false
}

// numberWordTypo reports whether n is a number word of an organisation
// name ("First", "Seven") and w an ordinary word of four letters or more
// one edit from it or spelt alike (fold.go: "Feerst"): the number word
// misspelt ("Firts", "Sevn"), which is still that number rather than
// another.
func numberWordTypo(n, w *part) bool {
	return n.kind == kindNumber && w.kind == kindName && numberWords[n.text] != "" &&
		utf8.RuneCountInString(w.text) >= 4 && (strBounded(n.text, w.text, 1) <= 1 || w.fold != "" && w.fold == foldSpelling(n.text))
}

// typoLike reports whether aligned pair p of query part a and list part b
// looks like a typo, whatever rule aligned them (edit, spelling variant,
// synonym, abbreviation): a rare query word one edit from the list word,
// or a word no name the index holds two edits from a list word of
// longMisspelt letters or more (idf.go). A common or domain word (which
// has no word count) one edit from the list's is a typo too ("Foudation",
// "Grup").
func typoLike(a *part, p pair, b *part) bool {
	if p.s >= 1 || a.kind == kindName && !a.rare {
		return false
	}
	if a.unseen && max(utf8.RuneCountInString(a.text), utf8.RuneCountInString(b.text)) >= longMisspelt {
		return strBounded(a.text, b.text, 2) <= 2
	}
	return strBounded(a.text, b.text, 1) <= 1
}

// initPair is an organisation initial aligned with a word: parts i and j,
// pair weight w, at position at of the explanation's alignment.
type initPair struct {
	i, j int
	w    float64
	at   int
}

// distinctive reports whether an aligned part is evidence of identity on
// its own: an ordinary name word, not a common or domain word, legal form,
// initial, number or acronym.
func distinctive(p *part) bool { return p.kind == kindName && !p.acronym() }

// acronymLike reports whether two equal one-part names are a short word
// (at most maxAcronym letters, no digit) written in capitals or with dots on
// at least one side: "JCT", "S.A.I.C.".
func acronymLike(q, l *name) bool {
	t := q.parts[0].text
	if n := utf8.RuneCountInString(t); n < 2 || n > maxAcronym || hasDigit(t) {
		return false
	}
	return capitalised(q.raw) || capitalised(l.raw)
}

func capitalised(raw string) bool {
	letters := 0
	for _, r := range raw {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0 || strings.Contains(raw, ".")
}

func generic(p part) bool {
	return p.kind == kindSymbol || p.kind == kindDomain || p.kind == kindLegal || p.kind == kindPlace
}

// sameLetters reports whether a and b are equal apart from spaces.
func sameLetters(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && a[i] == ' ' {
			i++
		}
		for j < len(b) && b[j] == ' ' {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

func isContent(p part) bool {
	return p.kind == kindName || p.kind == kindDomain || p.kind == kindSymbol || p.kind == kindPlace
}

func unmatchedInitials(ps []part, used []bool) int {
	n := 0
	for i := range ps {
		if !used[i] && ps[i].kind == kindInitial {
			n++
		}
	}
	return n
}

// patronymParticles join a person's own name to the father's ("Salman bin
// Muhammad" is Salman, son of Muhammad).
var patronymParticles = map[string]bool{"bin": true, "ibn": true, "bint": true, "binti": true, "ould": true}

func particleAt(ps []part) int {
	for i := range ps {
		if patronymParticles[ps[i].text] {
			return i
		}
	}
	return -1
}

// patronymSwapped reports whether both names have a patronymic particle and
// the alignment pairs the father's name (the part after the particle) of
// one with another part of the other: "Salman bin Muhammad" is not
// "Muhammad bin Salman", but is "bin Muhammad Salman".
func patronymSwapped(qp, lp []part, usedQ []bool, pairs []pair) bool {
	pq, pl := particleAt(qp), particleAt(lp)
	if pq < 0 || pl < 0 {
		return false
	}
	// pairs holds every candidate pair; the aligned ones are those taken
	// first for each query part, as in compareNames.
	taken := make(map[int]bool, len(qp))
	takenL := make(map[int]bool, len(lp))
	for _, p := range pairs {
		if taken[p.i] || takenL[p.j] || !usedQ[p.i] {
			continue
		}
		taken[p.i], takenL[p.j] = true, true
		if (p.i == pq+1) != (p.j == pl+1) {
			return true
		}
	}
	return false
}

func countUnmatched(p part, sig, num, legal *int) {
	if significant(p) {
		*sig++
	}
	switch p.kind {
	case kindNumber:
		*num++
	case kindLegal:
		*legal++
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
