package translit

import "strings"

// Hangul (Korean).
//
// A Korean name is written family name first, usually as one word
// ("김여정"). A word of two to four syllables that starts with a family
// name is read as a name: the family name takes the spelling people use
// (김 Kim, 이 Lee, 박 Park, 최 Choi, 정 Jung; 리 Ri, 림 Rim, 로 Ro as the
// DPRK writes them), and each syllable of the given name is a part of its
// own ("Kim Yo Jong"; package match joins "Yo-jong" or "Yojong" to them).
// Syllables are romanised in McCune–Reischauer without breves or
// apostrophes (ㅓ o, ㅡ u, ㄱ k, ㄷ t, ㅂ p at the start of a syllable, ㅈ j),
// the system of the DPRK and of most lists; Revised Romanization (ㅓ eo,
// ㅡ eu, ㄱ g, ㄷ d, ㅂ b) is given as a variant. Other words (loanwords,
// company names) are romanised syllable by syllable into one word, in
// Revised Romanization, with the ㅡ that Korean writes only to carry a
// foreign consonant dropped (블라디미르 → "bladimir"). 주식회사 and its
// kin are legal forms, written as the English words lists use.

// Jamo in McCune–Reischauer (initial, medial, final) and Revised
// Romanization.
var (
	mrInitial = [...]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"}
	rrInitial = [...]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	mrVowel   = [...]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
	rrVowel   = [...]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hFinal    = [...]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// koreanSurnames are the spellings of family names people use; the
// second is a common other spelling.
var koreanSurnames = map[string][2]string{
	"김": {"kim", "gim"}, "이": {"lee", "yi, rhee, i"}, "리": {"ri", "lee"}, "박": {"park", "pak, bak"},
	"최": {"choi", "choe"}, "정": {"jung", "chong, jeong"}, "강": {"kang", "gang"}, "조": {"cho", "jo"},
	"윤": {"yoon", "yun"}, "장": {"jang", "chang"}, "임": {"lim", "im"}, "림": {"rim", "lim"},
	"한": {"han", ""}, "오": {"oh", "o"}, "서": {"seo", "so, suh"}, "신": {"shin", "sin"},
	"권": {"kwon", "gwon"}, "황": {"hwang", ""}, "안": {"ahn", "an"}, "송": {"song", ""},
	"류": {"ryu", "yu, yoo"}, "유": {"yoo", "yu"}, "전": {"jeon", "chon, jun"}, "홍": {"hong", ""},
	"고": {"ko", "go"}, "문": {"moon", "mun"}, "양": {"yang", ""}, "량": {"ryang", "yang"},
	"손": {"son", "sohn"}, "배": {"bae", "pae"}, "백": {"baek", "paek"}, "허": {"heo", "hur, ho"},
	"남": {"nam", ""}, "심": {"shim", "sim"}, "노": {"noh", "roh, no"}, "로": {"ro", "roh"},
	"하": {"ha", ""}, "곽": {"kwak", "gwak"}, "성": {"sung", "song"}, "차": {"cha", ""},
	"주": {"joo", "ju, chu"}, "우": {"woo", "u"}, "구": {"koo", "ku, gu"}, "민": {"min", ""},
	"진": {"jin", "chin"}, "지": {"ji", "chi"}, "엄": {"um", "eom"}, "채": {"chae", ""},
	"원": {"won", ""}, "천": {"chun", "cheon"}, "방": {"bang", "pang"}, "공": {"kong", "gong"},
	"현": {"hyun", "hyon"}, "함": {"ham", ""}, "변": {"byun", "pyon"}, "염": {"yeom", "yom"},
	"여": {"yeo", "yo"}, "추": {"choo", "chu"}, "도": {"do", "to"}, "소": {"so", ""},
	"석": {"seok", "sok"}, "선": {"sun", "son"}, "설": {"seol", "sol"}, "마": {"ma", ""},
	"길": {"gil", "kil"}, "연": {"yeon", "yon"}, "위": {"wi", ""}, "표": {"pyo", ""},
	"명": {"myung", "myong"}, "기": {"ki", "gi"}, "반": {"ban", "pan"}, "왕": {"wang", ""},
	"금": {"keum", "kum"}, "옥": {"ok", ""}, "육": {"yook", "yuk"}, "인": {"in", ""},
	"맹": {"maeng", ""}, "제": {"je", "che"}, "모": {"mo", ""}, "탁": {"tak", ""},
	"국": {"kook", "kuk"}, "어": {"eo", "o"}, "은": {"eun", "un"}, "편": {"pyun", "phyon"},
	"용": {"yong", ""}, "예": {"ye", ""}, "경": {"kyung", "kyong"}, "봉": {"bong", "pong"},
	"사": {"sa", ""}, "부": {"boo", "pu"}, "황보": {"hwangbo", ""}, "남궁": {"namgung", ""},
	"선우": {"sunwoo", "sonu"}, "제갈": {"jegal", ""}, "독고": {"dokgo", ""},
}

// hangulGeneric are legal forms and common organisation words.
var hangulGeneric = []struct{ src, latin, rule string }{
	{"주식회사", "co ltd", "주식회사 (jusikhoesa, joint-stock company) written as the English Co., Ltd."},
	{"유한회사", "co ltd", "유한회사 (yuhan hoesa, limited company) written as the English Co., Ltd."},
	{"유한책임회사", "llc", "유한책임회사 written as the English LLC"},
	{"그룹", "group", "그룹 translated"}, {"은행", "bank", "은행 translated"}, {"회사", "company", "회사 translated"},
}

// hangulParts romanises a run of Hangul words.
func hangulParts(words []string) []Part {
	var out []Part
	for _, w := range words {
		out = append(out, hangulWord(w)...)
	}
	return out
}

func hangulWord(w string) []Part {
	// ㈜ and (주) are written beside a name for 주식회사.
	var head, tail []Part
	for changed := true; changed; {
		changed = false
		for _, g := range hangulGeneric {
			if w != g.src && strings.HasPrefix(w, g.src) {
				head = append(head, Part{Source: g.src, Script: "Hangul", Latin: g.latin, Rule: "legal form or common word: " + g.rule})
				w, changed = strings.TrimPrefix(w, g.src), true
			}
			if strings.HasSuffix(w, g.src) {
				tail = append([]Part{{Source: g.src, Script: "Hangul", Latin: g.latin, Rule: "legal form or common word: " + g.rule}}, tail...)
				w, changed = strings.TrimSuffix(w, g.src), true
			}
		}
	}
	rs := []rune(w)
	syl := 0
	for _, r := range rs {
		if r >= 0xAC00 && r <= 0xD7A3 {
			syl++
		}
	}
	var mid []Part
	switch {
	case syl == 0:
	case syl == len(rs) && len(rs) >= 2 && len(rs) <= 4 && len(head)+len(tail) == 0 && koreanFamily(rs) > 0:
		n := koreanFamily(rs)
		fam := koreanSurnames[string(rs[:n])]
		p := Part{Source: string(rs[:n]), Script: "Hangul", Latin: fam[0], Rule: "Korean family name, usual spelling"}
		for _, v := range strings.Split(fam[1], ",") {
			if v = strings.TrimSpace(v); v != "" {
				p.Variants = append(p.Variants, Variant{Latin: v, Rule: "other spelling of the family name"})
			}
		}
		mid = append(mid, p)
		for _, r := range rs[n:] {
			mr, rr := hangulSyllable(r, true), hangulSyllable(r, false)
			g := Part{Source: string(r), Script: "Hangul", Latin: mr, Rule: "given-name syllable, McCune–Reischauer without breves"}
			if rr != mr {
				g.Variants = []Variant{{Latin: rr, Rule: "Revised Romanization"}}
			}
			mid = append(mid, g)
		}
	default:
		mid = append(mid, Part{Source: w, Script: "Hangul", Latin: hangulLoanword(rs), Rule: "Revised Romanization, syllables joined; ㅡ carrying a foreign consonant dropped"})
	}
	return append(append(head, mid...), tail...)
}

// koreanFamily returns how many syllables of rs are a family name (0 if
// none): two-syllable family names first, when a given name is left.
func koreanFamily(rs []rune) int {
	if len(rs) >= 3 {
		if _, ok := koreanSurnames[string(rs[:2])]; ok {
			return 2
		}
	}
	if _, ok := koreanSurnames[string(rs[:1])]; ok {
		return 1
	}
	return 0
}

// hangulSyllable romanises one syllable on its own (mr: McCune–Reischauer,
// else Revised Romanization). Other runes (jamo) are written by letter.
func hangulSyllable(r rune, mr bool) string {
	if r < 0xAC00 || r > 0xD7A3 {
		return ""
	}
	idx := r - 0xAC00
	lead, vowel, tail := idx/(21*28), (idx%(21*28))/28, idx%28
	var b strings.Builder
	if mr {
		b.WriteString(mrInitial[lead])
		b.WriteString(mrVowel[vowel])
	} else {
		b.WriteString(rrInitial[lead])
		b.WriteString(rrVowel[vowel])
	}
	b.WriteString(hFinal[tail])
	return b.String()
}

// hangulLoanword romanises a word syllable by syllable, in Revised
// Romanization: ㄹ is l before a consonant and at the end, ㄹㄹ is l once,
// and ㅡ in a syllable without a final consonant is dropped (it only
// carries a consonant of a foreign cluster).
func hangulLoanword(rs []rune) string {
	var b strings.Builder
	for i, r := range rs {
		if r < 0xAC00 || r > 0xD7A3 {
			continue
		}
		idx := r - 0xAC00
		lead, vowel, tail := idx/(21*28), (idx%(21*28))/28, idx%28
		l := rrInitial[lead]
		if lead == 5 { // ㄹ
			l = "l"
			if strings.HasSuffix(b.String(), "l") {
				l = ""
			} else if i > 0 {
				l = "r"
			}
		}
		b.WriteString(l)
		v := rrVowel[vowel]
		if vowel == 18 && tail == 0 && lead != 11 {
			v = ""
		}
		b.WriteString(v)
		b.WriteString(hFinal[tail])
	}
	return b.String()
}
