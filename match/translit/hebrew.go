package translit

import "strings"

// Hebrew, like Arabic, writes consonants and only some vowels. Letters are
// romanised as Israeli passports and lists spell names: ב b at the start
// of a word and v after, כ k / kh, פ p / f, ח kh, צ ts, ש sh, ו v at the
// start, o between consonants, u at the end; י y at the start or next to a
// vowel, i otherwise; a final ה is a; א and ע are silent inside a word. A
// geresh makes ג׳ j, ז׳ zh, צ׳ ch. Vowel points are dropped, and a vowel
// "a" is put where Latin needs one, as for Arabic (vocalise).

var hebrewLetters = map[rune]string{
	'ג': "g", 'ד': "d", 'ז': "z", 'ח': "kh", 'ט': "t", 'ל': "l", 'מ': "m", 'ם': "m", 'נ': "n",
	'ן': "n", 'ס': "s", 'צ': "ts", 'ץ': "ts", 'ק': "k", 'ר': "r", 'ש': "sh", 'ת': "t", 'ך': "kh", 'ף': "f",
}

func hebrewParts(words []string) []Part {
	out := make([]Part, 0, len(words))
	for _, w := range words {
		if l := hebrewWord(w); l != "" {
			out = append(out, Part{Source: w, Script: "Hebrew", Latin: l, Rule: "Hebrew consonants, vav/yod read as vowels, a where Latin needs a vowel"})
		}
	}
	return out
}

func hebrewWord(w string) string {
	var rs []rune
	for _, r := range w {
		if r >= 0x591 && r <= 0x5C7 && r != 0x5BE {
			continue // points and cantillation
		}
		if r == '׳' || r == '\'' {
			if n := len(rs); n > 0 {
				switch rs[n-1] {
				case 'ג':
					rs[n-1] = 'j'
				case 'ז':
					rs[n-1] = 'Z'
				case 'צ':
					rs[n-1] = 'C'
				}
			}
			continue
		}
		rs = append(rs, r)
	}
	units := make([]unit, 0, len(rs)+2)
	vowelLetters := 0
	for i, r := range rs {
		first, last := i == 0, i == len(rs)-1
		prevVowel := len(units) > 0 && units[len(units)-1].vowel
		switch r {
		case 'j':
			units = append(units, unit{"j", false})
		case 'Z':
			units = append(units, unit{"zh", false})
		case 'C':
			units = append(units, unit{"ch", false})
		case 'ב':
			units = append(units, unit{map[bool]string{true: "b", false: "v"}[first], false})
		case 'כ':
			units = append(units, unit{map[bool]string{true: "k", false: "kh"}[first], false})
		case 'פ':
			units = append(units, unit{map[bool]string{true: "p", false: "f"}[first], false})
		case 'ו':
			switch {
			case first || prevVowel:
				units = append(units, unit{"v", false})
			case i+1 < len(rs) && rs[i+1] == 'ו':
				// וו is v
			case last:
				units = append(units, unit{"u", true})
				vowelLetters++
			default:
				units = append(units, unit{"o", true})
				vowelLetters++
			}
		case 'י':
			switch {
			case first || prevVowel:
				units = append(units, unit{"y", false})
			case i+1 < len(rs) && rs[i+1] == 'י':
				// יי is y
			default:
				units = append(units, unit{"i", true})
				vowelLetters++
			}
		case 'א', 'ע':
			if first {
				units = append(units, unit{"a", true})
			}
		case 'ה':
			switch {
			case last && !prevVowel:
				units = append(units, unit{"a", true})
			case last:
			default:
				units = append(units, unit{"h", false})
			}
		default:
			if c, ok := hebrewLetters[r]; ok {
				units = append(units, unit{c, false})
			}
		}
	}
	return strings.TrimSpace(vocalise(units, vowelLetters >= 2 && len(rs) >= 5))
}
