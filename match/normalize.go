package match

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxNameLen is the longest name, in bytes, that the matcher reads. Longer
// input is cut (at a rune boundary) before normalisation: no real name is
// this long, and the cut keeps the cost of a query bounded.
const MaxNameLen = 1024

// Normalize returns the normalised form of a name: case-folded, Unicode
// NFKD with combining marks removed, other scripts transliterated to Latin
// where a table exists (see translit.go), apostrophes removed ("O'Brien" →
// "obrien"), every other punctuation or symbol turned into a single space,
// and surrounding space trimmed. It returns "" for a name with no letter or
// digit. It never fails.
func Normalize(name string) string {
	return strings.Join(normTokens(name), " ")
}

var folder = cases.Fold()

// normTokens normalises name and splits it into tokens.
func normTokens(name string) []string {
	if len(name) > MaxNameLen {
		name = truncate(name, MaxNameLen)
	}
	name = scriptLatin(name) // script.go
	if !strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return nil
	}
	s := folder.String(name)
	// Letters NFKD would lose or not decompose, and kana.
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if t, ok := preTranslit[r]; ok {
			b.WriteString(t)
		} else if t, ok := kana[r]; ok {
			b.WriteString(t)
		} else if r >= 0xAC00 && r <= 0xD7A3 {
			writeHangul(&b, r)
		} else if r >= ethiopicFirst && r <= ethiopicLast {
			writeEthiopic(&b, r)
		} else {
			b.WriteRune(r)
		}
	}
	s = norm.NFKD.String(b.String())
	b.Reset()
	wordStart := true
	for i, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’' || r == 'ʼ' || r == '`' || r == '´' || r == 'ʻ' || r == '‘':
			continue // joins: O'Brien, Bank's, 'Ndrangheta
		case r == '&' && !wordStart && i+1 < len(s) && isAlnum(s[i+1]):
			continue // joins letters written around it: AT&T, P&G (not "L & H")
		case r == '%':
			b.WriteString(" percent ") // a word: "3%ers" is "Three Percenters"
			wordStart = true
			continue
		}
		// NFKD may leave capitals folding did not see ("ϔ" → "Υ" and a mark).
		r = unicode.ToLower(r)
		if t, ok := arabicVowelish(r, wordStart); ok {
			b.WriteString(t)
			wordStart = false
			continue
		}
		if t, ok := scriptTranslit[r]; ok {
			b.WriteString(t)
			wordStart = false
			continue
		}
		if t, ok := preTranslit[r]; ok {
			// Left by NFKD: "Ǿ" decomposes to "ø" and a mark.
			b.WriteString(t)
			wordStart = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if unicode.IsDigit(r) && (r < '0' || r > '9') {
				r = rune('0' + digitValue(r)) // Arabic-Indic and other digits
			}
			b.WriteRune(unicode.ToLower(r))
			wordStart = false
			continue
		}
		b.WriteByte(' ')
		wordStart = true
	}
	return strings.Fields(b.String())
}

// digitValue returns the value of a non-ASCII decimal digit. Unicode decimal
// digits come in runs of ten starting at a zero.
func digitValue(r rune) int {
	v := 0
	for z := r - 1; v < 9 && unicode.IsDigit(z); z-- {
		v++
	}
	return v
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}
