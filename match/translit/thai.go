package translit

import "strings"

// Thai in the Royal Thai General System of Transcription (RTGS), which
// Thai passports and lists follow: no tones, no vowel length.
//
// Thai is written syllable by syllable: an optional leading vowel (เ แ โ
// ใ ไ, written before the consonant it follows in speech), an initial
// consonant (with ร ล ว as the second of a cluster, and a silent ห or อ
// before a sonorant), vowel signs, and a final consonant, which has its
// own value (จ ช ซ ด ต ท ศ ษ ส → t; ญ ณ น ร ล ฬ → n; บ ป พ ฟ ภ → p). A
// syllable without a vowel sign has the inherent vowel o (คน khon). A
// letter under the silencer ์ is not pronounced, nor a bare consonant
// before it after a closed syllable (จันทร์ chan). Tone marks are dropped.

// thaiCons are the consonants: initial value, final value.
var thaiCons = map[rune][2]string{
	'ก': {"k", "k"}, 'ข': {"kh", "k"}, 'ฃ': {"kh", "k"}, 'ค': {"kh", "k"}, 'ฅ': {"kh", "k"}, 'ฆ': {"kh", "k"},
	'ง': {"ng", "ng"}, 'จ': {"ch", "t"}, 'ฉ': {"ch", "t"}, 'ช': {"ch", "t"}, 'ซ': {"s", "t"}, 'ฌ': {"ch", "t"},
	'ญ': {"y", "n"}, 'ฎ': {"d", "t"}, 'ฏ': {"t", "t"}, 'ฐ': {"th", "t"}, 'ฑ': {"th", "t"}, 'ฒ': {"th", "t"},
	'ณ': {"n", "n"}, 'ด': {"d", "t"}, 'ต': {"t", "t"}, 'ถ': {"th", "t"}, 'ท': {"th", "t"}, 'ธ': {"th", "t"},
	'น': {"n", "n"}, 'บ': {"b", "p"}, 'ป': {"p", "p"}, 'ผ': {"ph", "p"}, 'ฝ': {"f", "p"}, 'พ': {"ph", "p"},
	'ฟ': {"f", "p"}, 'ภ': {"ph", "p"}, 'ม': {"m", "m"}, 'ย': {"y", "i"}, 'ร': {"r", "n"}, 'ล': {"l", "n"},
	'ว': {"w", "o"}, 'ศ': {"s", "t"}, 'ษ': {"s", "t"}, 'ส': {"s", "t"}, 'ห': {"h", ""}, 'ฬ': {"l", "n"},
	'อ': {"", ""}, 'ฮ': {"h", ""},
}

func thaiLead(r rune) bool { return r >= 'เ' && r <= 'ไ' }

// thaiVowelSign reports whether r is a vowel sign written after, above or
// below the consonant.
func thaiVowelSign(r rune) bool {
	switch r {
	case 'ะ', 'ั', 'า', 'ำ', 'ิ', 'ี', 'ึ', 'ื', 'ุ', 'ู', '็', 'ๅ':
		return true
	}
	return false
}

func thaiTone(r rune) bool { return r >= '่' && r <= '๋' || r == 'ํ' || r == 'ๆ' || r == 'ฯ' }

// thaiGeneric are legal forms and common words.
var thaiGeneric = []struct{ src, latin, rule string }{
	{"บริษัท", "company", "บริษัท (borisat, company) translated"},
	{"มหาชน", "public", "มหาชน (mahachon, public company) translated"},
	{"จำกัด", "limited", "จำกัด (chamkat, limited) translated"},
	{"ธนาคาร", "bank", "ธนาคาร (thanakhan, bank) translated"},
	{"ห้างหุ้นส่วน", "partnership", "ห้างหุ้นส่วน (partnership) translated"},
}

// thaiParts romanises a run of Thai words.
func thaiParts(words []string) []Part {
	var out []Part
	for _, w := range words {
		var head, tail []Part
		for changed := true; changed; {
			changed = false
			for _, g := range thaiGeneric {
				if strings.HasPrefix(w, g.src) {
					head = append(head, Part{Source: g.src, Script: "Thai", Latin: g.latin, Rule: "legal form or common word: " + g.rule})
					w, changed = strings.TrimPrefix(w, g.src), true
				}
				if w != "" && strings.HasSuffix(w, g.src) {
					tail = append([]Part{{Source: g.src, Script: "Thai", Latin: g.latin, Rule: "legal form or common word: " + g.rule}}, tail...)
					w, changed = strings.TrimSuffix(w, g.src), true
				}
			}
		}
		// The abbreviation mark ฯ and the repetition mark ๆ end the word.
		out = append(out, head...)
		if l := rtgs(w, false); l != "" {
			p := Part{Source: w, Script: "Thai", Latin: l, Rule: "Royal Thai General System (RTGS), tones dropped"}
			if silent := rtgs(w, true); silent != l {
				p.Variants = []Variant{{Latin: silent, Rule: "RTGS with ร after a final consonant silent (มิตร mit), as in Prawit"}}
			}
			out = append(out, p)
		}
		out = append(out, tail...)
	}
	return out
}

// rtgs romanises one Thai word. A ร after a final consonant at the end of
// the word is not pronounced (มิตร mit, ประวิตร Prawit), but the spellings
// many Thai write their own names in keep it (ชินวัตร Shinawatra): it is
// read as "ra" unless silentR.
func rtgs(w string, silentR bool) string {
	rs := silenceThai([]rune(w))
	var b strings.Builder
	i := 0
	for i < len(rs) {
		// Skip what cannot start a syllable.
		if thaiTone(rs[i]) || (thaiVowelSign(rs[i]) && rs[i] != 'ำ') {
			i++
			continue
		}
		var lead rune
		if thaiLead(rs[i]) {
			lead = rs[i]
			i++
		}
		if i >= len(rs) {
			b.WriteString(thaiLeadAlone(lead))
			break
		}
		c, ok := thaiCons[rs[i]]
		if !ok {
			if rs[i] == 'ฤ' {
				b.WriteString("rue")
			}
			i++
			continue
		}
		init := rs[i]
		i++
		// A silent ห or อ before a sonorant.
		if i < len(rs) && (init == 'ห' && strings.ContainsRune("งญนมยรลว", rs[i]) || init == 'อ' && rs[i] == 'ย') {
			init = rs[i]
			c = thaiCons[init]
			i++
		}
		b.WriteString(c[0])
		// A cluster: ร ล ว after a stop, before the vowel.
		if i < len(rs) && strings.ContainsRune("รลว", rs[i]) && strings.ContainsRune("กขคตปพบดฟผท", init) &&
			(lead != 0 || i+1 < len(rs) && (thaiVowelSign(rs[i+1]) || thaiTone(rs[i+1]))) {
			b.WriteString(thaiCons[rs[i]][0])
			i++
		}
		// Vowel signs and tone marks.
		var signs []rune
		for i < len(rs) && (thaiVowelSign(rs[i]) || thaiTone(rs[i])) {
			if thaiVowelSign(rs[i]) {
				signs = append(signs, rs[i])
			}
			i++
		}
		v, consumed := thaiVowel(lead, signs, rs[i:])
		i += consumed
		// The final consonant: a consonant not starting the next syllable.
		final := ""
		if i < len(rs) {
			if fc, ok := thaiCons[rs[i]]; ok && !startsSyllable(rs, i) {
				if rs[i] == 'ร' && i+1 < len(rs) && rs[i+1] == 'ร' {
					// รร: an, or a before a final consonant.
					v, final = "a", "n"
					i += 2
					if i < len(rs) {
						if fc2, ok := thaiCons[rs[i]]; ok && !startsSyllable(rs, i) {
							final = fc2[1]
							i++
						}
					}
				} else {
					final = fc[1]
					i++
					if silentR && i+1 == len(rs) && rs[i] == 'ร' {
						i++ // มิตร mit, จักร chak, ประวิตร prawit
					}
				}
			}
		}
		if v == "" {
			if final == "" && lead == 0 {
				v = "a" // an open syllable without a vowel sign
			} else if v == "" {
				v = "o"
			}
			if init == 'อ' && final == "" {
				v = "o"
			}
		}
		b.WriteString(v)
		b.WriteString(final)
	}
	return b.String()
}

// startsSyllable reports whether the consonant at i begins a syllable: a
// vowel sign or a leading vowel follows it, or it is followed by a
// consonant that is itself followed by a vowel sign (so i cannot close),
// or by รร, which is its vowel.
func startsSyllable(rs []rune, i int) bool {
	if i+1 >= len(rs) {
		return false
	}
	n := rs[i+1]
	switch {
	case thaiVowelSign(n) && n != 'ำ':
		return true
	case thaiTone(n) && i+2 < len(rs) && thaiVowelSign(rs[i+2]):
		return true
	case n == 'ร' && i+2 < len(rs) && rs[i+2] == 'ร':
		return true // รร after it is its vowel: สุวรรณ su-wan
	}
	return false
}

// thaiVowel returns the vowel of a syllable from its leading vowel, its
// signs and the letters after (อ ย ว that belong to the vowel), and how
// many of those letters it used.
func thaiVowel(lead rune, signs []rune, rest []rune) (string, int) {
	has := func(r rune) bool {
		for _, s := range signs {
			if s == r {
				return true
			}
		}
		return false
	}
	next := rune(0)
	if len(rest) > 0 {
		next = rest[0]
	}
	switch lead {
	case 'เ':
		switch {
		case has('ี') && next == 'ย':
			return "ia", 1
		case has('ื') && next == 'อ':
			return "uea", 1
		case has('า') || has('ๅ'):
			return "ao", 0
		case next == 'อ':
			return "oe", 1
		case has('ิ'):
			return "oe", 0
		}
		return "e", 0
	case 'แ':
		return "ae", 0
	case 'โ':
		return "o", 0
	case 'ใ', 'ไ':
		return "ai", 0
	}
	switch {
	case has('ั') && next == 'ว':
		return "ua", 1
	case has('ำ'):
		return "am", 0
	case has('ั'), has('า'), has('ะ'):
		return "a", 0
	case has('ิ'), has('ี'):
		return "i", 0
	case has('ึ'), has('ื'):
		if next == 'อ' {
			return "ue", 1
		}
		return "ue", 0
	case has('ุ'), has('ู'):
		return "u", 0
	}
	if next == 'อ' && len(rest) > 1 {
		return "o", 1
	}
	return "", 0
}

func thaiLeadAlone(r rune) string {
	switch r {
	case 'เ':
		return "e"
	case 'แ':
		return "ae"
	case 'โ':
		return "o"
	case 'ใ', 'ไ':
		return "ai"
	}
	return ""
}

// silenceThai removes letters under the silencer ์, and a bare consonant
// before such a letter when a syllable closed after a written vowel
// precedes it.
func silenceThai(rs []rune) []rune {
	out := make([]rune, 0, len(rs))
	for _, r := range rs {
		if r != '์' {
			out = append(out, r)
			continue
		}
		if n := len(out); n > 0 {
			out = out[:n-1]
			// A bare consonant before it goes too when the consonant
			// before that already closes a syllable with a written vowel
			// (จันทร์ chan); not when it is itself that syllable's final
			// (วงษ์ wong).
			_, c1 := thaiCons[lastRune(out)]
			if n := len(out); c1 && n >= 3 {
				_, c2 := thaiCons[out[n-2]]
				if c2 && (thaiVowelSign(out[n-3]) || thaiTone(out[n-3])) {
					out = out[:n-1]
				}
			}
		}
	}
	return out
}

func lastRune(rs []rune) rune {
	if len(rs) == 0 {
		return 0
	}
	return rs[len(rs)-1]
}
