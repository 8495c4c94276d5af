package translit

import "strings"

// Kana (Japanese hiragana and katakana) in modified Hepburn: し shi, ち chi,
// つ tsu, ふ fu, じ ji, を o; small ゃゅょ make one syllable with the kana
// before them (きょ kyo, しゃ sha, ちゅ chu); small っ doubles the next
// consonant (っち tch); ん is n; a long vowel (ー, or おう/うう) is written
// once ("tōkyō" → "tokyo", as passports and lists write it).
//
// Katakana words are mostly loanwords, whose Latin original lacks the
// vowels Japanese puts after a consonant: after f s k b p m z g r and a
// t/d written ト/ド, a u or o is dropped before another consonant and at the
// end of the word (ソフトバンク "sofutobanku" → "softbank"), except after
// the first consonant of a word when the next cannot follow it at the
// start of an English word (ドナルド "donard", not "dnard"; スミス "smis");
// ン before p, b, m is m (トランプ "tramp"). The strict Hepburn form is kept
// as a variant.

// kanaSyll are the syllables of the katakana block from ァ (U+30A1);
// hiragana is at the same place 0x60 below.
var kanaSyll = [...]string{
	"a", "a", "i", "i", "u", "u", "e", "e", "o", "o",
	"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
	"sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",
	"ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do",
	"na", "ni", "nu", "ne", "no",
	"ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po",
	"ma", "mi", "mu", "me", "mo", "ya", "ya", "yu", "yu", "yo", "yo",
	"ra", "ri", "ru", "re", "ro", "wa", "wa", "i", "e", "o", "n", "vu", "ka", "ke",
}

const (
	smallTsuK = 'ッ'
	smallTsuH = 'っ'
	longMark  = 'ー'
)

// kanaIndex returns r's index in kanaSyll and whether it is katakana.
func kanaIndex(r rune) (int, bool, bool) {
	switch {
	case r >= 0x30A1 && r < 0x30A1+rune(len(kanaSyll)):
		return int(r - 0x30A1), true, true
	case r >= 0x3041 && r < 0x3041+rune(len(kanaSyll)):
		return int(r - 0x3041), false, true
	}
	return 0, false, false
}

func isSmallY(r rune) bool {
	switch r {
	case 'ャ', 'ュ', 'ョ', 'ゃ', 'ゅ', 'ょ':
		return true
	}
	return false
}

func isSmallVowel(r rune) bool {
	switch r {
	case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ':
		return true
	}
	return false
}

// kanaParts romanises a run of kana words.
func kanaParts(words []string) []Part {
	out := make([]Part, 0, len(words))
	for _, w := range words {
		// The katakana middle dot separates the words of a foreign name.
		for _, piece := range strings.FieldsFunc(w, func(r rune) bool { return r == '・' || r == '゠' }) {
			strict, kata := hepburnSyllables(piece)
			p := Part{Source: piece, Script: "Kana", Rule: "modified Hepburn, long vowels written once"}
			p.Latin = joinSyllables(strict, false)
			if kata {
				if loan := joinSyllables(strict, true); loan != p.Latin {
					p.Variants = []Variant{{Latin: p.Latin, Rule: "strict Hepburn"}}
					p.Latin = loan
					p.Rule = "katakana loanword: Hepburn without the vowels Japanese adds after a consonant"
				}
			}
			if p.Latin != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// syl is one romanised kana syllable.
type syl struct {
	s      string
	double bool // preceded by small tsu
	long   bool // a long-vowel mark follows
}

// hepburnSyllables splits w into syllables; kata reports whether most of
// it is katakana.
func hepburnSyllables(w string) ([]syl, bool) {
	rs := []rune(w)
	var out []syl
	nk, nh := 0, 0
	double := false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == smallTsuK || r == smallTsuH:
			double = true
			continue
		case r == longMark:
			if len(out) > 0 {
				out[len(out)-1].long = true
			}
			continue
		}
		idx, kata, ok := kanaIndex(r)
		if !ok {
			continue
		}
		if kata {
			nk++
		} else {
			nh++
		}
		s := kanaSyll[idx]
		if i+1 < len(rs) && isSmallY(rs[i+1]) && len(s) >= 2 && strings.HasSuffix(s, "i") {
			// きょ kyo, しゃ sha, ちゅ chu, じょ jo.
			y := map[rune]string{'ャ': "ya", 'ュ': "yu", 'ョ': "yo", 'ゃ': "ya", 'ゅ': "yu", 'ょ': "yo"}[rs[i+1]]
			base := strings.TrimSuffix(s, "i")
			if base == "sh" || base == "ch" || base == "j" {
				y = y[1:]
			}
			s = base + y
			i++
		} else if i+1 < len(rs) && isSmallVowel(rs[i+1]) && len(s) >= 2 {
			// Loanword combinations: ファ fa, ティ ti, ウィ wi, ヴァ va.
			v := kanaSyll[mustIndex(rs[i+1])]
			base := strings.TrimRight(s, "aiueo")
			switch base {
			case "ts", "ch", "sh", "j", "f", "v", "t", "d":
			case "":
				base = "w"
			}
			if s == "te" || s == "de" {
				base = s[:1]
			}
			s = base + v
			i++
		}
		out = append(out, syl{s: s, double: double})
		double = false
	}
	return out, nk > nh
}

func mustIndex(r rune) int {
	i, _, _ := kanaIndex(r)
	return i
}

// joinSyllables writes the syllables; loan drops a loanword's epenthetic
// vowels.
func joinSyllables(ss []syl, loan bool) string {
	var b strings.Builder
	for i, s := range ss {
		text := s.s
		if s.double && text != "" {
			if strings.HasPrefix(text, "ch") {
				b.WriteByte('t')
			} else {
				b.WriteByte(text[0])
			}
		}
		// Long vowels written once: おう, うう, えい stay as one vowel.
		if i > 0 && !loan && (text == "u" && strings.HasSuffix(ss[i-1].s, "o") || text == "u" && strings.HasSuffix(ss[i-1].s, "u")) {
			continue
		}
		if loan {
			nextCons := i+1 == len(ss) || !startsVowel(ss[i+1].s)
			if i == 0 && i+1 < len(ss) && !onsetCluster(text, ss[i+1].s) {
				// The first consonant of a word keeps its vowel unless
				// the next one can follow it at the start of an English
				// word (ドナルド Donald, not "dnard"; トランプ tramp).
				nextCons = false
			}
			if text == "n" && i+1 < len(ss) && ss[i+1].s != "" && strings.IndexByte("pbm", ss[i+1].s[0]) >= 0 {
				text = "m" // ン before p, b, m: トランプ tramp
			}
			if nextCons && !s.long {
				switch {
				case len(text) == 2 && text[1] == 'u' && strings.IndexByte("fskbpmzgr", text[0]) >= 0:
					text = text[:1]
				case text == "to" || text == "do":
					text = text[:1]
				case text == "tsu":
					text = "ts"
				}
			}
		}
		b.WriteString(text)
	}
	return b.String()
}

// onsetCluster reports whether the consonant of the syllable first and the
// one starting next can begin an English word together (br, fl, kr, pr,
// gr: Japanese writes l as r; tr, dr; sk, sm, sn, sp, st, sw, sl).
func onsetCluster(first, next string) bool {
	if first == "" || next == "" {
		return false
	}
	c, n := first[0], next[0]
	switch c {
	case 'b', 'f', 'g', 'k', 'p':
		return n == 'r'
	case 't', 'd':
		return n == 'r' || n == 'w'
	case 's':
		return strings.IndexByte("kmnprtw", n) >= 0
	}
	return false
}

func startsVowel(s string) bool {
	return s != "" && strings.IndexByte("aiueo", s[0]) >= 0
}
