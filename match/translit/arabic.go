package translit

import (
	"strings"
	"sync"
)

// Arabic script (Arabic, Persian, Urdu, Pashto letters).
//
// Arabic script writes consonants and long vowels; short vowels are left
// out, so a name's Latin spelling has vowels its Arabic spelling lacks
// ("حسن" → Hassan). Three things make the key land near the Latin
// spellings lists use:
//
//  1. Words whose usual English spelling is known (arabic_names.go) take it
//     ("محمد" → mohammad, "حسين" → hussain): one spelling central to the
//     variants (Muhammad, Mohammed, Mohamed all one or two edits away).
//  2. The article ال is written "al" as its own word ("المجيد" → "al
//     majid"), as Latin spellings hyphenate it ("AL-MAJID"); عبد before a
//     word with the article gives "abd al …" and a word ending in الله gives
//     "…ullah" ("نجيب الله" → najibullah), as lists spell these compounds.
//  3. Other words are romanised consonant by consonant (خ kh, ش sh, ث th,
//     ذ dh, غ gh, ق q, ع nothing inside a word), ا و ي as the long vowels
//     a u i (w and y at the start of a word or next to a vowel), ة and a
//     final ى as a. A vowel "a" is put where a Latin spelling must have one:
//     between two consonants at the start or at the end of a word and
//     inside a run of three. Match's phonetic key ignores vowels, so a
//     wrong guess costs one edit, and a missing one would cost more.
//
// Diacritics (harakat) are dropped rather than read: names are rarely
// vocalised, and the rules above must give the same key either way.

// arabicLetters are the consonants and their Latin spelling.
var arabicLetters = map[rune]string{
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh",
	'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z",
	'غ': "gh", 'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h",
	// Persian, Urdu, Pashto, Sindhi, Kurdish
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ں': "n",
	'ټ': "t", 'ډ': "d", 'ړ': "r", 'ښ': "sh", 'ږ': "zh", 'ځ': "z", 'څ': "s", 'ڼ': "n",
	'ڤ': "v", 'ڨ': "g", 'ڭ': "g", 'ۋ': "v", 'ڵ': "l", 'ڕ': "r",
}

// arabicFold unifies letters that are spelling variants of one another
// (hamza seats, Persian and Arabic forms of kaf, yeh, heh), so that a word
// is looked up and romanised alike however it was typed.
var arabicFold = map[rune]rune{
	'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
	'ی': 'ي', 'ې': 'ي', 'ۍ': 'ي', 'ے': 'ي', 'ئ': 'ي', 'ۓ': 'ي', 'ى': 'ى',
	'ک': 'ك', 'ګ': 'گ', 'ڪ': 'ك',
	'ھ': 'ه', 'ۀ': 'ه', 'ە': 'ه', 'ۂ': 'ه', 'ۃ': 'ة',
	'ؤ': 'و', 'ۆ': 'و', 'ۇ': 'و', 'ۉ': 'و',
}

// foldArabic returns w with variant letters unified and diacritics,
// tatweel and hamza on the line removed.
func foldArabic(w string) string {
	clean := true
	for _, r := range w {
		if r >= 0x64B && r <= 0x65F || r == 0x670 || r >= 0x6D6 && r <= 0x6ED || r == 0x640 || r == 'ء' || arabicFold[r] != 0 {
			clean = false
			break
		}
	}
	if clean {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r >= 0x64B && r <= 0x65F, r == 0x670, r >= 0x6D6 && r <= 0x6ED, r == 0x640, r == 'ء':
			continue
		}
		if f, ok := arabicFold[r]; ok {
			r = f
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unit is one romanised letter: a consonant or a vowel.
type unit struct {
	s     string
	vowel bool
}

// arabicParts romanises a run of Arabic-script words.
func arabicParts(words []string) []Part {
	lex := arabicLexicon()
	persian := false
	for _, w := range words {
		if strings.ContainsAny(w, persianLetters) {
			persian = true
		}
	}
	out := make([]Part, 0, len(words))
	folded := make([]string, len(words))
	for i, w := range words {
		folded[i] = foldArabic(w)
	}
	words, folded, split := splitRunTogether(words, folded, lex)
	for i := 0; i < len(words); i++ {
		src := words[i]
		w := folded[i]
		if w == "" {
			continue
		}
		// Phrases first (legal forms of several words, عبد الله).
		if i+1 < len(words) {
			two := w + " " + folded[i+1]
			if l, ok := lex.phrases[two]; ok {
				out = append(out, Part{Source: src + " " + words[i+1], Script: "Arabic", Latin: l.latin, Rule: l.rule})
				i++
				continue
			}
		}
		// عبد before a word with the article: one word, "abdul…" (عبد
		// الرحمن → abdulrahman), which Latin spellings written apart
		// ("Abd al-Rahman", "Abdul Rahman") join to within an edit.
		if w == "عبد" && i+1 < len(words) {
			next := folded[i+1]
			if strings.HasPrefix(next, "ال") && next != "الله" && len([]rune(next)) > 3 {
				part := arabicWord(words[i+1], strings.TrimPrefix(next, "ال"), lex, persian)
				part.Source = src + " " + words[i+1]
				stem := part.Latin
				part.Latin = abdForm(stem, persian)
				part.Rule = abdRule(persian) + "; " + part.Rule
				part.Variants = abdVariants(stem, part.Latin)
				out = append(out, part)
				i++
				continue
			}
		}
		part := arabicWord(src, w, lex, persian)
		wasSplit := split[i]
		// A name followed by الله or الدين written apart is written as one
		// word in Latin: نجيب الله → najibullah, جلال الدين → jalalaldin;
		// not a word of an organisation's name (انصار الدين, Ansar al-Din).
		if i+1 < len(words) && !strings.HasPrefix(w, "ال") && !strings.Contains(part.Latin, " ") && !lex.words[w].org {
			next := folded[i+1]
			if suf, ok := joinedSuffix(next, persian); ok && w != "عبد" {
				part.Source += " " + words[i+1]
				part.Latin = strings.TrimSuffix(part.Latin, "a") + suf
				if strings.HasSuffix(part.Latin, "aa"+suf[1:]) {
					part.Latin = strings.Replace(part.Latin, "aa"+suf[1:], "a"+suf[1:], 1)
				}
				part.Rule += "; " + next + " joined as -" + suf
				part.Variants = nil
				i++
			}
		}
		if wasSplit {
			part.Rule += "; cut from the word before or after it, run together after a letter that does not join the next"
		}
		out = append(out, part)
	}
	// عبد followed by a word with the article: "abd al …" (the article
	// is already split off) - nothing to do; a lone عبد before a word
	// without the article ("عبد صكر") stays "abd".
	return out
}

// arabicWord romanises one folded word w (written src).
func arabicWord(src, w string, lex *arabicLex, persian bool) Part {
	p := Part{Source: src, Script: "Arabic"}
	if l, ok := lex.words[w]; ok {
		p.Latin, p.Rule = l.latin, l.rule
		p.Variants = l.variants
		return p
	}
	var pre []string
	var rules []string
	// Prefixes: the article, and the prepositions written onto it.
	for _, ap := range arabicArticles {
		if strings.HasPrefix(w, ap.prefix) && len([]rune(w))-len([]rune(ap.prefix)) >= 2 {
			rest := strings.TrimPrefix(w, ap.prefix)
			if l, ok := lex.words[rest]; ok && l.generic {
				// A legal form or common word: the article is not written in Latin.
				p.Latin, p.Rule = l.latin, l.rule+"; article "+ap.prefix+" dropped"
				return p
			}
			// The article stays a word of its own: joined to its noun
			// ("altikriti") it lost 15 of 185 tuning pairs (Latin
			// spellings drop it or write el-).
			pre = append(pre, ap.latin)
			rules = append(rules, ap.rule)
			w = rest
			break
		}
	}
	// Compounds written as one word: عبدالرحمن, عبدالله, ابوبكر, بنحسين.
	joined := ""
	if strings.HasPrefix(w, "عبد") && len([]rune(w)) > 4 {
		rest := strings.TrimPrefix(w, "عبد")
		if rest == "الله" || rest == "اله" {
			p.Latin, p.Rule = strings.Join(append(pre, "abdullah"), " "), "عبد الله written abdullah"
			return p
		}
		if strings.HasPrefix(rest, "ال") {
			joined = "abd"
			rules = append(rules, abdRule(persian))
			w = strings.TrimPrefix(rest, "ال")
		}
	}
	for _, cp := range arabicCompoundPrefixes {
		if joined != "" || !strings.HasPrefix(w, cp.prefix) {
			continue
		}
		rest := strings.TrimPrefix(w, cp.prefix)
		art := strings.HasPrefix(rest, "ال") && len([]rune(rest)) > 3
		if art {
			rest = strings.TrimPrefix(rest, "ال")
		}
		if _, ok := lex.words[rest]; ok || art {
			pre = append(pre, cp.latin)
			if art {
				pre = append(pre, "al")
			}
			rules = append(rules, cp.prefix+" written as a word of its own")
			w = rest
		}
		break
	}
	// Theophoric names ending in الله or الدين: نصرالله → nasrullah,
	// نورالدين → nuraldin (Latin "Nur al-Din" joins to it exactly,
	// "Nuruddin" is two edits away).
	suffix := ""
	for k := range arabicJoinedSuffix {
		if suf, _ := joinedSuffix(k, persian); strings.HasSuffix(w, k) && len([]rune(w)) > len([]rune(k))+1 {
			w = strings.TrimSuffix(w, k)
			suffix = suf
			rules = append(rules, k+" written -"+suf)
			break
		}
	}
	var stem string
	if l, ok := lex.words[w]; ok {
		stem = l.latin
		rules = append(rules, l.rule)
		p.Variants = l.variants
	} else {
		stem = romaniseArabic(w, persian)
		rules = append(rules, "consonants with vowels a/i/u from ا/ي/و, a where Latin needs a vowel")
	}
	if suffix != "" {
		// The stem's own final vowel guess yields to -ullah.
		stem = strings.TrimSuffix(stem, "a") + suffix
	}
	if stem == "" {
		stem = "a"
	}
	if joined != "" {
		p.Variants = abdVariants(stem, abdForm(stem, persian))
		stem = abdForm(stem, persian)
	}
	p.Latin = strings.Join(append(pre, stem), " ")
	p.Rule = strings.Join(rules, "; ")
	if len(pre) > 0 && pre[len(pre)-1] == "al" {
		p.Variants = append(p.Variants, Variant{Latin: "el " + stem, Rule: "article written el-"},
			Variant{Latin: "al" + stem, Rule: "article joined to the word"})
	}
	return p
}

// nonJoining are the letters (folded) that do not join the letter after
// them: a space after one of them does not show, and is often left out
// ("محمدعبد" for "محمد عبد").
const nonJoining = "اأإآدذرزوؤةژڈڑړډږء"

// splitRunTogether splits a word that is two known names run together
// after a letter that does not join the next one, where the missing space
// does not show: محمدعبد → محمد عبد. Only words the lexicon does not know,
// that start with no compound prefix (عبد, ابو, the article) and whose two
// halves are both names of the lexicon, are split; not before زاده, which
// Latin spellings join to the name too (Akhundzada).
func splitRunTogether(words, folded []string, lex *arabicLex) ([]string, []string, []bool) {
	split := make([]bool, len(words))
	for i := 0; i < len(folded); i++ {
		w := folded[i]
		if _, ok := lex.words[w]; ok || strings.HasPrefix(w, "عبد") || strings.HasPrefix(w, "ابو") || strings.HasPrefix(w, "ال") {
			continue
		}
		for j, r := range w {
			if j == 0 || !strings.ContainsRune(nonJoining, r) {
				continue
			}
			cut := j + len(string(r))
			left, right := w[:cut], w[cut:]
			if len([]rune(left)) < 3 || len([]rune(right)) < 3 {
				continue
			}
			l, okL := lex.words[left]
			rt, okR := lex.words[right]
			if !okL || !okR || l.generic || rt.generic || right == "زاده" {
				continue
			}
			// Cut the word as written where its folded form was cut:
			// after as many letters, marks and tatweel not counted.
			at, n := 0, len([]rune(left))
			for k, c := range words[i] {
				if n == 0 {
					at = k
					break
				}
				if foldArabic(string(c)) != "" {
					n--
				}
			}
			if at == 0 {
				continue
			}
			words = append(words[:i:i], append([]string{words[i][:at], words[i][at:]}, words[i+1:]...)...)
			folded = append(folded[:i:i], append([]string{left, right}, folded[i+1:]...)...)
			split = append(split[:i:i], append([]bool{true, true}, split[i+1:]...)...)
			break
		}
	}
	return words, folded, split
}

// persianLetters are letters only Persian, Urdu and Pashto use: a name
// with one of them is read with Persian sounds (persianSounds).
const persianLetters = "یکپچژگټډړښږځڅڼۍېګ"

// persianSounds are the letters Persian and Pashto pronounce, and Afghan
// and Iranian names spell, otherwise than Arabic: ذ ض ظ as z, ث ص as s
// (ذاکر Zakir, فیض Faiz).
var persianSounds = map[rune]string{'ذ': "z", 'ض': "z", 'ظ': "z", 'ث': "s", 'ص': "s"}

// arabicCompoundPrefixes are words often written joined to the next one.
var arabicCompoundPrefixes = []struct{ prefix, latin string }{
	{"ابو", "abu"}, {"بن", "bin"}, {"ام", "umm"},
}

// abdForm writes عبد ال<stem>: "abdul stem" in a Persian-lettered name
// (Afghan and Pakistani spelling), "abd al stem" otherwise. Written as one
// word ("abdulrahman") or always as "abdul", it matched as many tuning
// pairs or fewer.
func abdForm(stem string, persian bool) string {
	if persian {
		return "abdul " + stem
	}
	return "abd al " + stem
}

func abdRule(persian bool) string {
	if persian {
		return "عبد compound written abdul (Afghan, Pakistani, Iranian names)"
	}
	return "عبد compound written abd al-"
}

// abdVariants are the usual Latin spellings of عبد ال<stem> other than key.
func abdVariants(stem, key string) []Variant {
	var out []Variant
	for _, v := range [...]Variant{
		{"abd al " + stem, "abd al- written apart"},
		{"abdul " + stem, "abdul written apart"},
		{"abdel " + stem, "abdel (Egyptian, Maghrebi)"},
		{"abdul" + stem, "written as one word"},
		{"abdur " + stem, "article assimilated to a sun letter (abdur-rahman)"},
	} {
		if v.Latin != key {
			out = append(out, v)
		}
	}
	return out
}

// arabicJoinedSuffix are words written after a name, apart or joined to
// it, that Latin spellings join to it.
// Afghan, Pakistani and Iranian names (written with Persian letters) are
// spelt -ullah and -uddin in English, Arab names -allah and -aldin ("Nur
// al-Din", which joins to it exactly).
var arabicJoinedSuffix = map[string][2]string{"الله": {"allah", "ullah"}, "الدين": {"aldin", "uddin"}}

func joinedSuffix(w string, persian bool) (string, bool) {
	s, ok := arabicJoinedSuffix[w]
	if persian {
		return s[1], ok
	}
	return s[0], ok
}

// arabicArticles are the article and the prepositions fused with it, longest
// first.
var arabicArticles = []struct{ prefix, latin, rule string }{
	{"بال", "bil", "preposition bi- and article al-"},
	{"وال", "wal", "conjunction wa- and article al-"},
	{"لل", "lil", "preposition li- and article al-"},
	{"ال", "al", "article al- split off"},
}

// romaniseArabic spells a folded word letter by letter (see the rules at
// the top of this file).
func romaniseArabic(w string, persian bool) string {
	rs := []rune(strings.ReplaceAll(w, "تش", "چ")) // تش writes ch in foreign names
	if len(rs) == 0 {
		return ""
	}
	units := make([]unit, 0, len(rs)+4)
	for i, r := range rs {
		last := i == len(rs)-1
		prevVowel := len(units) > 0 && units[len(units)-1].vowel
		nextVowelLetter := !last && (rs[i+1] == 'ا' || rs[i+1] == 'ى')
		switch r {
		case 'ا':
			if i == 0 || !prevVowel {
				units = append(units, unit{"a", true})
			}
		case 'و':
			if i == 0 || prevVowel || nextVowelLetter {
				units = append(units, unit{"w", false})
			} else {
				units = append(units, unit{"u", true})
			}
		case 'ي':
			if i == 0 || (prevVowel && !last) || nextVowelLetter {
				units = append(units, unit{"y", false})
			} else {
				units = append(units, unit{"i", true})
			}
		case 'ى', 'ة':
			if !prevVowel {
				units = append(units, unit{"a", true})
			}
		case 'ه':
			// Final ه after a consonant is a ta marbuta written without
			// its dots (القاعده) or the Persian final -e (زاده): a vowel.
			if last && i >= 2 && !prevVowel {
				units = append(units, unit{"a", true})
			} else {
				units = append(units, unit{"h", false})
			}
		case 'ع':
			switch {
			case i == 0 && !last && (rs[1] == 'ا' || rs[1] == 'و' || rs[1] == 'ي'):
				// The long vowel that follows is the vowel: عيسى isa.
				if rs[1] != 'ا' {
					units = append(units, unit{map[rune]string{'و': "u", 'ي': "i"}[rs[1]], true})
				}
			case i == 0:
				units = append(units, unit{"a", true})
			case !prevVowel && !last && rs[i+1] != 'ا' && rs[i+1] != 'و' && rs[i+1] != 'ي':
				units = append(units, unit{"a", true}) // سعد sad, جعفر jafar
			}
		default:
			if c, ok := arabicLetters[r]; ok {
				if persian {
					if pc, ok := persianSounds[r]; ok {
						c = pc
					}
				}
				units = append(units, unit{c, false})
			}
		}
	}
	// A word that writes most of its vowels (two long-vowel letters after
	// its first letter: فلاديمير) is a foreign name spelt out in full.
	plene := 0
	for _, r := range rs[1:] {
		if r == 'ا' || r == 'و' || r == 'ي' {
			plene++
		}
	}
	return vocalise(units, plene >= 2 && len(rs) >= 5)
}

// vocalise writes units, with the vowel "a" where a Latin spelling must
// have one: between two consonants at the start or at the end of the word
// (not for a word spelt out in full), and inside a run of three.
func vocalise(units []unit, full bool) string {
	var b strings.Builder
	run := 0 // consonants in a row
	for i, u := range units {
		if u.vowel {
			run = 0
			b.WriteString(u.s)
			continue
		}
		if run > 0 {
			atStart := i == 1
			atEnd := i == len(units)-1
			if (atStart || atEnd) && !full || run >= 2 {
				b.WriteByte('a')
				run = 0
			}
		}
		b.WriteString(u.s)
		run++
	}
	return b.String()
}

// lexEntry is the usual Latin spelling of a word.
type lexEntry struct {
	latin    string
	rule     string
	generic  bool // a legal form or common organisation word, translated
	org      bool // a word of organisations' names, transliterated
	variants []Variant
}

type arabicLex struct {
	words   map[string]lexEntry // folded word → spelling
	phrases map[string]lexEntry // two folded words → spelling
}

var arabicLexicon = sync.OnceValue(func() *arabicLex {
	l := &arabicLex{words: map[string]lexEntry{}, phrases: map[string]lexEntry{}}
	for _, e := range arabicNames {
		k := foldArabic(e[0])
		v := lexEntry{latin: e[1], rule: "usual spelling of the name " + e[0]}
		for _, alt := range strings.Split(e[2], ",") {
			if alt = strings.TrimSpace(alt); alt != "" {
				v.variants = append(v.variants, Variant{Latin: alt, Rule: "other usual spelling"})
			}
		}
		if strings.Contains(k, " ") {
			l.phrases[k] = v
		} else if _, dup := l.words[k]; !dup {
			l.words[k] = v
		}
	}
	for _, e := range arabicOrgWords {
		k := foldArabic(e[0])
		v := lexEntry{latin: e[1], rule: "usual spelling of the organisation word " + e[0], org: true}
		for _, alt := range strings.Split(e[2], ",") {
			if alt = strings.TrimSpace(alt); alt != "" {
				v.variants = append(v.variants, Variant{Latin: alt, Rule: "other usual spelling"})
			}
		}
		l.words[k] = v
	}
	for _, e := range arabicGeneric {
		k := foldArabic(e[0])
		v := lexEntry{latin: e[1], rule: "organisation word " + e[0] + " translated", generic: true}
		if strings.Contains(k, " ") {
			l.phrases[k] = v
		} else {
			l.words[k] = v
		}
	}
	return l
})
