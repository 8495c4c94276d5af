package match

import "strings"

// Transliteration to Latin, letter by letter. Names are first romanised
// by package translit (script.go), part by part, with its own conventions
// and name tables: Arabic, Hebrew, Greek, Han, kana, Hangul, Thai,
// Devanagari and Khmer never reach the tables below as a name's letters.
// What these tables romanise:
//
//   - Cyrillic: close to BGN/PCGN for Russian (ж→zh, х→kh, ц→ts, щ→shch,
//     ы→y, й→y), with the Ukrainian, Belarusian, Serbian/Macedonian and Kazakh
//     extra letters.
//   - Armenian and Georgian: one Latin letter group per letter.
//   - Ethiopic (Amharic, Tigrinya): one syllable per letter, consonant of
//     its row plus the vowel of its order (ethiopic.go).
//
// The Greek, Hangul, Arabic, Hebrew and kana entries are a fallback, one
// letter (or syllable) at a time without translit's rules, for letters
// that appear only after Unicode NFKD, from compatibility characters
// translit does not read (mathematical Greek letters, Arabic mathematical
// symbols), and for the kana middle dot, a word break.
//
// A library (e.g. ICU transforms) would do this better, but no pure-Go,
// well-kept transliteration library is available to the project; these
// tables are small, documented and tested.

// preTranslit holds letters that Unicode NFKD would decompose into a base
// letter plus a mark, losing information we want (й is not и), or letters
// that NFKD does not decompose at all (ß, ø, ł). Applied before NFKD.
var preTranslit = map[rune]string{
	'й': "y", 'ё': "e", 'ї': "yi", 'ў': "u", 'ѓ': "g", 'ќ': "k",
	'ß': "ss", 'æ': "ae", 'ø': "o", 'đ': "d", 'ł': "l", 'þ': "th", 'œ': "oe",
	'ı': "i", 'ħ': "h", 'ð': "d", 'ŧ': "t", 'ŋ': "ng", 'ĸ': "k",
}

// kana is applied before NFKD too: NFKD splits voiced kana into a base kana
// and a combining mark.
var kana = map[rune]string{}

func init() {
	// Katakana rows, with Hiragana at a fixed offset of 0x60 below.
	rows := []struct {
		start rune
		sylls []string
	}{
		{'ァ', []string{"a", "a", "i", "i", "u", "u", "e", "e", "o", "o",
			"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
			"sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",
			"ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do",
			"na", "ni", "nu", "ne", "no",
			"ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo", "po",
			"ma", "mi", "mu", "me", "mo", "ya", "ya", "yu", "yu", "yo", "yo",
			"ra", "ri", "ru", "re", "ro", "wa", "wa", "i", "e", "o", "n", "vu"}},
	}
	for _, r := range rows {
		for i, s := range r.sylls {
			kana[r.start+rune(i)] = s
			kana[r.start+rune(i)-0x60] = s
		}
	}
	kana['ヴ'] = "vu"
	kana['ー'] = "" // long vowel mark
	kana['・'] = " "
}

// scriptTranslit is applied after NFKD and mark stripping, rune by rune.
var scriptTranslit = map[rune]string{
	// Cyrillic (lower case; input is case-folded first)
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya",
	'є': "ye", 'і': "i", 'ґ': "g", // Ukrainian
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѕ': "dz", // Serbian, Macedonian
	'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h", // Kazakh
	// Greek
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i",
	'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x",
	'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y",
	'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
	// Armenian
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e",
	'ը': "y", 'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts",
	'կ': "k", 'հ': "h", 'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y",
	'ն': "n", 'շ': "sh", 'ո': "o", 'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r",
	'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r", 'ց': "ts", 'ւ': "u", 'փ': "p",
	'ք': "k", 'օ': "o", 'ֆ': "f", 'և': "ev",
	// Georgian (Mkhedruli)
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z",
	'თ': "t", 'ი': "i", 'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o",
	'პ': "p", 'ჟ': "zh", 'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p",
	'ქ': "k", 'ღ': "gh", 'ყ': "q", 'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz",
	'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j", 'ჰ': "h",
	// Hangul conjoining jamo: leading consonants
	'ᄀ': "g", 'ᄁ': "kk", 'ᄂ': "n", 'ᄃ': "d", 'ᄄ': "tt", 'ᄅ': "r", 'ᄆ': "m",
	'ᄇ': "b", 'ᄈ': "pp", 'ᄉ': "s", 'ᄊ': "ss", 'ᄋ': "", 'ᄌ': "j", 'ᄍ': "jj",
	'ᄎ': "ch", 'ᄏ': "k", 'ᄐ': "t", 'ᄑ': "p", 'ᄒ': "h",
	// vowels
	'ᅡ': "a", 'ᅢ': "ae", 'ᅣ': "ya", 'ᅤ': "yae", 'ᅥ': "eo", 'ᅦ': "e", 'ᅧ': "yeo",
	'ᅨ': "ye", 'ᅩ': "o", 'ᅪ': "wa", 'ᅫ': "wae", 'ᅬ': "oe", 'ᅭ': "yo", 'ᅮ': "u",
	'ᅯ': "wo", 'ᅰ': "we", 'ᅱ': "wi", 'ᅲ': "yu", 'ᅳ': "eu", 'ᅴ': "ui", 'ᅵ': "i",
	// trailing consonants
	'ᆨ': "k", 'ᆩ': "k", 'ᆪ': "k", 'ᆫ': "n", 'ᆬ': "n", 'ᆭ': "n", 'ᆮ': "t",
	'ᆯ': "l", 'ᆰ': "k", 'ᆱ': "m", 'ᆲ': "l", 'ᆳ': "l", 'ᆴ': "l", 'ᆵ': "p",
	'ᆶ': "l", 'ᆷ': "m", 'ᆸ': "p", 'ᆹ': "p", 'ᆺ': "t", 'ᆻ': "t", 'ᆼ': "ng",
	'ᆽ': "t", 'ᆾ': "t", 'ᆿ': "k", 'ᇀ': "t", 'ᇁ': "p", 'ᇂ': "t",
	// Arabic and Persian/Urdu (alif, waw and yeh are handled in translitArabic)
	'ء': "", 'ب': "b", 'ة': "a", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h",
	'خ': "kh", 'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh",
	'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "", 'غ': "gh", 'ف': "f",
	'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'ى': "a",
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ک': "k", 'ٹ': "t", 'ڈ': "d",
	'ڑ': "r", 'ں': "n", 'ھ': "h", 'ۃ': "a", 'ـ': "",
	// Hebrew
	'א': "a", 'ב': "b", 'ג': "g", 'ד': "d", 'ה': "h", 'ו': "v", 'ז': "z",
	'ח': "ch", 'ט': "t", 'י': "i", 'כ': "k", 'ך': "k", 'ל': "l", 'מ': "m",
	'ם': "m", 'נ': "n", 'ן': "n", 'ס': "s", 'ע': "", 'פ': "p", 'ף': "f",
	'צ': "ts", 'ץ': "ts", 'ק': "k", 'ר': "r", 'ש': "sh", 'ת': "t",
}

// arabicVowelish returns the romanisation of the Arabic letters that stand
// for a consonant at the start of a word and for a long vowel elsewhere.
func arabicVowelish(r rune, wordStart bool) (string, bool) {
	switch r {
	case 'ا', 'آ', 'أ', 'إ', 'ٱ':
		return "a", true
	case 'و', 'ؤ':
		if wordStart {
			return "w", true
		}
		return "u", true
	case 'ي', 'ی', 'ئ', 'ے':
		if wordStart {
			return "y", true
		}
		return "i", true
	}
	return "", false
}

// writeHangul romanises one Hangul syllable from its jamo (Unicode's
// algorithmic decomposition). Two adjustments help loanwords such as
// 블라디미르 (Vladimir): the vowel ㅡ (eu) of a syllable without a final
// consonant is dropped (it is written only to carry a consonant cluster),
// and ㄹ final + ㄹ initial is written "l" once.
func writeHangul(b *strings.Builder, r rune) {
	idx := r - 0xAC00
	lead, vowel, tail := idx/(21*28), (idx%(21*28))/28, idx%28
	l := scriptTranslit[0x1100+lead]
	if lead == 5 && strings.HasSuffix(b.String(), "l") {
		l = "" // ㄹㄹ
	} else if lead == 5 {
		l = "l"
	}
	b.WriteString(l)
	v := scriptTranslit[0x1161+vowel]
	if vowel == 18 && tail == 0 && lead != 11 {
		v = "" // ㅡ carrying a cluster
	}
	b.WriteString(v)
	if tail > 0 {
		b.WriteString(scriptTranslit[0x11A7+tail])
	}
}
