package translit

// Devanagari (Hindi, Marathi, Nepali) and Khmer are abugidas: a consonant
// letter carries the vowel a unless a vowel sign replaces it or a virama
// (Khmer coeng, which stacks the next consonant under it) removes it. The
// romanisation follows the usual practical spellings of names (Hunterian
// for Hindi: श ष sh, च ch, छ chh, व v; the UNGEGN system for Khmer without
// diacritics) and drops the inherent a at the end of a word, as Hindi
// does (राम → ram) and Khmer names are written.

// indicTable is one abugida.
type indicTable struct {
	script     string
	rule       string
	consonants map[rune]string
	vowelSigns map[rune]string
	vowels     map[rune]string // independent vowels
	marks      map[rune]string // anusvara, visarga and the like, written after the syllable
	virama     rune
	nukta      rune
	nuktaForms map[rune]string // consonant + nukta
	// Khmer consonants are of two series with different vowels: the
	// o-series (oSeries) read the inherent vowel o and some signs
	// otherwise (signsO); ៉ moves a consonant to the a-series (and makes ប
	// p), ៊ to the o-series.
	oSeries map[rune]bool
	signsO  map[rune]string
}

var devanagariTable = &indicTable{
	script: "Devanagari",
	rule:   "Devanagari, Hunterian-style spelling; final inherent a dropped",
	consonants: map[rune]string{
		'क': "k", 'ख': "kh", 'ग': "g", 'घ': "gh", 'ङ': "n", 'च': "ch", 'छ': "chh", 'ज': "j", 'झ': "jh",
		'ञ': "n", 'ट': "t", 'ठ': "th", 'ड': "d", 'ढ': "dh", 'ण': "n", 'त': "t", 'थ': "th", 'द': "d",
		'ध': "dh", 'न': "n", 'प': "p", 'फ': "ph", 'ब': "b", 'भ': "bh", 'म': "m", 'य': "y", 'र': "r",
		'ल': "l", 'व': "v", 'श': "sh", 'ष': "sh", 'स': "s", 'ह': "h", 'ळ': "l",
		// Letters with a nukta, precomposed (U+0958–U+095F).
		'\u0958': "q", '\u0959': "kh", '\u095A': "gh", '\u095B': "z", '\u095C': "r", '\u095D': "rh", '\u095E': "f", '\u095F': "y",
	},
	vowelSigns: map[rune]string{
		'ा': "a", 'ि': "i", 'ी': "i", 'ु': "u", 'ू': "u", 'ृ': "ri", 'ॄ': "ri", 'े': "e", 'ै': "ai",
		'ो': "o", 'ौ': "au", 'ॅ': "e", 'ॉ': "o", 'ॆ': "e", 'ॊ': "o",
	},
	vowels: map[rune]string{
		'अ': "a", 'आ': "a", 'इ': "i", 'ई': "i", 'उ': "u", 'ऊ': "u", 'ऋ': "ri", 'ए': "e", 'ऐ': "ai",
		'ओ': "o", 'औ': "au", 'ऍ': "e", 'ऑ': "o",
	},
	marks:      map[rune]string{'ं': "n", 'ँ': "n", 'ः': "h"},
	virama:     '्',
	nukta:      '़',
	nuktaForms: map[rune]string{'क': "q", 'ख': "kh", 'ग': "gh", 'ज': "z", 'ड': "r", 'ढ': "rh", 'फ': "f"},
}

var khmerTable = &indicTable{
	script: "Khmer",
	rule:   "Khmer, UNGEGN-style spelling without diacritics; final inherent vowel dropped",
	consonants: map[rune]string{
		'ក': "k", 'ខ': "kh", 'គ': "k", 'ឃ': "kh", 'ង': "ng", 'ច': "ch", 'ឆ': "chh", 'ជ': "ch", 'ឈ': "chh",
		'ញ': "nh", 'ដ': "d", 'ឋ': "th", 'ឌ': "d", 'ឍ': "th", 'ណ': "n", 'ត': "t", 'ថ': "th", 'ទ': "t",
		'ធ': "th", 'ន': "n", 'ប': "b", 'ផ': "ph", 'ព': "p", 'ភ': "ph", 'ម': "m", 'យ': "y", 'រ': "r",
		'ល': "l", 'វ': "v", 'ឝ': "s", 'ឞ': "s", 'ស': "s", 'ហ': "h", 'ឡ': "l", 'អ': "",
	},
	vowelSigns: map[rune]string{
		'ា': "a", 'ិ': "e", 'ី': "ei", 'ឹ': "oe", 'ឺ': "eu", 'ុ': "o", 'ូ': "ou", 'ួ': "uo", 'ើ': "aeu",
		'ឿ': "oea", 'ៀ': "ie", 'េ': "e", 'ែ': "ae", 'ៃ': "ai", 'ោ': "ao", 'ៅ': "au",
	},
	vowels: map[rune]string{
		'ឥ': "e", 'ឦ': "ei", 'ឧ': "u", 'ឩ': "u", 'ឪ': "ov", 'ឫ': "rue", 'ឬ': "rueu", 'ឭ': "lue",
		'ឮ': "lueu", 'ឯ': "ae", 'ឰ': "ai", 'ឱ': "ao", 'ឲ': "ao", 'ឳ': "au",
	},
	marks:  map[rune]string{'ំ': "m", 'ះ': "h"},
	virama: '្',
	oSeries: map[rune]bool{'គ': true, 'ឃ': true, 'ង': true, 'ជ': true, 'ឈ': true, 'ញ': true, 'ឌ': true, 'ឍ': true,
		'ន': true, 'ទ': true, 'ធ': true, 'ព': true, 'ភ': true, 'ម': true, 'យ': true, 'រ': true, 'ល': true, 'វ': true},
	signsO: map[rune]string{'ា': "ea", 'ិ': "i", 'ី': "i", 'ុ': "u", 'ូ': "u", 'េ': "e", 'ោ': "o", 'ៅ': "ov", 'ៃ': "ey"},
}

// indicParts romanises a run of words of table t's script.
func indicParts(words []string, t *indicTable) []Part {
	out := make([]Part, 0, len(words))
	for _, w := range words {
		if l := t.romanise(w); l != "" {
			out = append(out, Part{Source: w, Script: t.script, Latin: l, Rule: t.rule})
		}
	}
	return out
}

// romanise writes one word.
func (t *indicTable) romanise(w string) string {
	b := make([]byte, 0, len(w))
	pending := false  // a consonant written whose inherent vowel is not yet decided
	conjunct := false // the pending consonant follows a virama (a cluster)
	afterVirama := false
	var last rune // the last consonant, and where it was written
	lastAt := -1
	oSer := false // the last consonant is of the Khmer o-series
	flush := func() {
		if pending {
			if oSer {
				b = append(b, 'o')
			} else {
				b = append(b, 'a')
			}
			pending = false
		}
	}
	for _, r := range w {
		c, isCons := t.consonants[r]
		switch {
		case r == t.nukta && t.nukta != 0:
			// A nukta changes the consonant just written: ज़ z, फ़ f.
			if f, ok := t.nuktaForms[last]; ok && lastAt >= 0 && pending {
				b = append(b[:lastAt], f...)
			}
		case isCons:
			flush()
			conjunct, afterVirama = afterVirama, false
			last, lastAt = r, len(b)
			b = append(b, c...)
			pending = true
			oSer = t.oSeries[r]
		case r == 0x17C9 && t == khmerTable: // ៉ musikatoan: a-series
			oSer = false
			if last == 'ប' && lastAt >= 0 {
				b = append(b[:lastAt], 'p')
			}
		case r == 0x17CA && t == khmerTable: // ៊ triisap: o-series
			oSer = true
		case r == t.virama:
			pending, afterVirama = false, true
		case t.vowelSigns[r] != "":
			pending = false
			if v, ok := t.signsO[r]; ok && oSer {
				b = append(b, v...)
			} else {
				b = append(b, t.vowelSigns[r]...)
			}
		case t.vowels[r] != "":
			flush()
			b = append(b, t.vowels[r]...)
		case t.marks[r] != "":
			flush()
			b = append(b, t.marks[r]...)
		}
	}
	// The inherent vowel of the last consonant is not pronounced, unless
	// it ends a cluster (नरेंद्र Narendra, चंद्र Chandra).
	if pending && conjunct && t == devanagariTable {
		b = append(b, 'a')
	}
	return string(b)
}
