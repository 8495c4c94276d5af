package match

import (
	"strconv"
	"strings"
	"unicode"
)

// partKind classifies one name part.
type partKind uint8

const (
	kindName    partKind = iota // an ordinary name word: weighs fully
	kindInitial                 // a single letter ("J." in "Hans J Friedrich")
	kindNumber                  // digits, ordinals, number words, roman numerals, codes with digits: must agree exactly
	kindStop                    // particles and stop words (de, al, bin, of, the, and)
	kindLegal                   // legal form (LLC, AG, Joint Stock Company)
	kindSymbol                  // common organisation word (company, group, trading, international)
	kindDomain                  // domain word of an organisation name (bank, house, energy)
	kindPlace                   // country or continent name in an organisation name (Russia, Europe)
)

var kindNames = [...]string{"name", "initial", "number", "stopword", "legal_form", "common_word", "domain_word", "place"}

func (k partKind) String() string { return kindNames[k] }

// class is the matching logic chosen from the schema.
type class uint8

const (
	classAny    class = iota // LegalEntity, Thing or unknown: person or organisation logic chosen per pair
	classPerson              // Person
	classOrg                 // Organization, Company, PublicBody
	classObject              // Vessel, Airplane
)

func (c class) String() string {
	return [...]string{"entity", "person", "organization", "object"}[c]
}

// part is one analysed name part.
type part struct {
	text   string   // normalised token (or joined tokens of a multi-word legal form)
	kind   partKind //
	key    string   // comparison key: number value, legal form, synonym group; "" if none
	groups []string // synonym groups the part belongs to
	phon   string   // phonetic key (names only)
	fold   string   // spelling key (name words, ASCII; see fold.go); of a legal form, the form's compare key
	merged bool     // made by joining adjacent parts during alignment
	iw     float32  // word weight from the index's word frequencies (idf.go); 0: none
	common bool     // a word in commonDF or more register names the index holds (idf.go)
	rare   bool     // a word in at most one name the index holds (idf.go)
	unseen bool     // a word in no name the index holds, list or register (idf.go)
}

// name is an analysed name, ready to compare.
type name struct {
	raw     string
	norm    string // normalised text (all tokens)
	parts   []part
	dropped []string // titles dropped from a person name
	orgish  bool     // has a legal form or common organisation word
	script  bool     // written (partly) in a non-Latin script, transliterated
}

// stopWords are particles and function words of names, in normalised form.
var stopWords = map[string]bool{
	"and": true, "of": true, "the": true, "for": true, "und": true, "et": true, "y": true, "e": true,
	"de": true, "del": true, "della": true, "di": true, "da": true, "do": true, "dos": true, "das": true,
	"du": true, "des": true, "la": true, "le": true, "les": true, "van": true, "von": true, "der": true,
	"den": true, "al": true, "el": true, "bin": true, "ibn": true, "ben": true, "bint": true, "binti": true,
	"ul": true, "ur": true, "u": false,
}

var numberWords = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "first": "1",
	"second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7",
	"eighth": "8", "ninth": "9", "tenth": "10",
}

// leet maps digits used as letters in person names ("Ig0r Sech1n").
var leet = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t", "9", "g", "8", "b")

// analyse normalises and classifies a name for the given class.
func analyse(c class, raw string) *name { return analyseTokens(c, raw, normTokens(raw)) }

// analyseTokens is analyse of a name already split by normTokens; toks is
// not modified.
func analyseTokens(c class, raw string, toks []string) *name {
	t := loadTables()
	n := &name{raw: raw, script: nonLatin(raw)}
	if c == classPerson || c == classAny {
		// Leading titles: "Mr", "President", "His Excellency".
		for len(toks) > 1 {
			l := matchPhrase(toks, 0, t.prefixMaxLen, func(k string) bool { return t.prefixes[k] })
			if l == 0 || l == len(toks) {
				break
			}
			n.dropped = append(n.dropped, strings.Join(toks[:l], " "))
			toks = toks[l:]
		}
	}
	n.norm = strings.Join(toks, " ")
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		// Legal forms, longest first. In person names only at the end and
		// only forms of three letters or more ("Nicolás Maduro LLC").
		l := matchPhrase(toks, i, t.legalMaxLen, func(k string) bool { return t.legal[k] != nil })
		var lf *legalForm
		if l > 0 {
			lf = t.legal[strings.Join(toks[i:i+l], " ")]
		}
		if c != classPerson {
			// Misspelt, reordered or shortened legal forms (legal.go), when
			// longer than the form written exactly here.
			if fl, flf := t.fuzzyLegal(toks, i); fl > l {
				l, lf = fl, flf
			} else if l >= 2 {
				lf = t.fuzzy.sameWords(toks[i:i+l], lf)
			}
		}
		if l > 0 {
			key := strings.Join(toks[i:i+l], " ")
			if c != classPerson || (i+l == len(toks) && i > 0 && len(key) >= 3) {
				k := legalClass(lf)
				n.parts = append(n.parts, part{text: key, kind: kindLegal, key: k, fold: lf.Compare})
				n.orgish = true
				i += l - 1
				continue
			}
		}
		p := part{text: tok, kind: kindName}
		switch {
		case isDigits(tok):
			p.kind, p.key = kindNumber, strings.TrimLeft(tok, "0")
		case ordinal(tok) != "":
			p.kind, p.key = kindNumber, ordinal(tok)
		case hasDigit(tok) && c == classPerson:
			p.text = leet.Replace(tok)
		case hasDigit(tok):
			p.kind, p.key = kindNumber, tok
		case c != classPerson && numberWords[tok] != "":
			p.kind, p.key = kindNumber, numberWords[tok]
		case c != classPerson && (i > 0 || len(tok) >= 2 && len(toks) > 1) && roman(tok) > 0:
			// Not a first word of one letter: "V Group", "I Silvia".
			p.kind, p.key = kindNumber, strconv.Itoa(roman(tok))
		case stopWords[tok]:
			p.kind = kindStop
		case len([]rune(tok)) == 1:
			p.kind = kindInitial
		case c != classPerson && t.orgSymbol[tok] != nil:
			p.kind, p.groups = kindSymbol, t.orgSymbol[tok]
			n.orgish = true
		case c != classPerson && t.orgDomain[tok] != nil:
			p.kind, p.groups = kindDomain, t.orgDomain[tok]
		case c != classPerson && c != classObject && i > 0 && placeWords()[tok]:
			p.kind = kindPlace
		case c != classOrg && c != classObject:
			p.groups = t.personGroup[tok]
		}
		if p.kind == kindName {
			p.phon = phonetic(p.text)
			p.fold = foldSpelling(p.text)
		}
		n.parts = append(n.parts, p)
	}
	return n
}

// nonLatin reports whether s has a letter of a script other than Latin.
func nonLatin(s string) bool {
	for _, r := range s {
		if r >= 0x250 && unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// matchPhrase returns the length of the longest phrase of at most maxLen
// tokens starting at toks[i] for which ok holds (0 if none).
func matchPhrase(toks []string, i, maxLen int, ok func(string) bool) int {
	for l := min(maxLen, len(toks)-i); l >= 1; l-- {
		if ok(strings.Join(toks[i:i+l], " ")) {
			return l
		}
	}
	return 0
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// ordinal returns the number of "1st", "22nd", "3rd", "4th" ("" otherwise).
func ordinal(s string) string {
	if len(s) < 3 {
		return ""
	}
	num, suf := s[:len(s)-2], s[len(s)-2:]
	if !isDigits(num) || (suf != "st" && suf != "nd" && suf != "rd" && suf != "th") {
		return ""
	}
	return strings.TrimLeft(num, "0")
}

// roman returns the value of a roman numeral made of i, v and x (up to 39),
// 0 if s is not one.
func roman(s string) int {
	if len(s) > 6 || strings.Trim(s, "ivx") != "" {
		return 0
	}
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10}
	total := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if i+1 < len(s) && val[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	// Reject non-canonical forms such as "iiii" or "vx".
	if toRoman(total) != s {
		return 0
	}
	return total
}

func toRoman(n int) string {
	var b strings.Builder
	for _, r := range []struct {
		v int
		s string
	}{{10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for n >= r.v {
			b.WriteString(r.s)
			n -= r.v
		}
	}
	return b.String()
}
