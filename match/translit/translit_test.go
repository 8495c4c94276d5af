package translit

import (
	"strings"
	"testing"
)

// Each script's conventions on names whose usual Latin spelling is known.
func TestLatin(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// Arabic
		{"arabic article split", "علي حسن المجيد التكريتي", "ali hassan al majid al tikriti"},
		{"arabic name table", "محمد", "mohammad"},
		{"arabic abd compound", "عبد الرحمن", "abd al rahman"},
		{"arabic abd joined", "عبدالله", "abdullah"},
		{"arabic -allah apart", "نصر الله", "nasrallah"},
		{"persian -ullah", "هدايت الله کاکا", "hidayatullah kaka"},
		{"persian sounds", "ذاکر", "zakir"},
		{"arabic ta marbuta", "حمزة", "hamza"},
		{"arabic vowels guessed", "صكر", "sakar"},
		{"arabic foreign name spelt in full", "فلاديمير", "fladimir"},
		{"arabic tsh is ch", "فلاديميروفيتش", "fladimirufich"},
		{"arabic presentation forms", "ﻣﺤﻤﺪ", "mohammad"},
		{"arabic harakat dropped", "مُحَمَّد", "mohammad"},
		{"arabic company translated", "شركة النور", "company al nur"},
		{"arabic words run together after د", "نظر محمدعبد البصیر", "nazar mohammad abdul basir"},
		{"arabic zadeh stays joined", "آخوندزاده", "akhundazada"},
		{"arabic unknown word not cut", "سبعاوي", "sbawi"},
		{"arabic organisation word not joined to al-din", "انصار الدين", "ansar al din"},
		{"arabic organisation words translated", "شبکه حقانی", "network haqqani"},
		{"arabic tanzim", "تنظيم القاعدة", "organization al qaida"},
		// Han
		{"chinese name split", "陈全国", "chen quanguo"},
		{"chinese surname reading", "曾庆红", "zeng qinghong"},
		{"chinese compound surname", "欧阳修", "ouyang xiu"},
		{"chinese company", "华为技术有限公司", "hua wei technology co ltd"},
		{"traditional characters", "習近平", "xi jinping"},
		// Kana
		{"hiragana hepburn", "あべ しんぞう", "abe shinzo"},
		{"yoon", "きょうと", "kyoto"},
		{"sokuon", "ほっかいどう", "hokkaido"},
		{"katakana loanword", "ソフトバンク", "softbank"},
		{"katakana first vowel kept before no cluster", "ドナルド・トランプ", "donard tramp"},
		{"katakana s cluster", "スミス", "smis"},
		{"katakana sb is no cluster", "スベルバンク", "suberbank"},
		{"kana and legal form", "ソフトバンク株式会社", "softbank co ltd"},
		{"legal form before the name", "株式会社ソフトバンク", "co ltd softbank"},
		{"half-width katakana", "ｿﾌﾄﾊﾞﾝｸ", "softbank"},
		// Hangul
		{"korean family name kim", "김여정", "kim yo jong"},
		{"korean family name lee", "이재용", "lee jae yong"},
		{"dprk ri", "리병철", "ri pyong chol"},
		{"korean company", "삼성 주식회사", "samseong co ltd"},
		// Thai
		{"thai rtgs", "ประยุทธ์ จันทร์โอชา", "prayut chanocha"},
		{"thai inherent o", "สมชาย", "somchai"},
		{"thai silent letters and ro han", "ประวิตร วงษ์สุวรรณ", "prawitra wongsuwan"},
		{"thai final ร read as names write it", "ชินวัตร", "chinwatra"},
		{"thai legal form", "บริษัท สยาม จำกัด", "company sayam limited"},
		// Devanagari, Khmer
		{"devanagari final a dropped", "व्लादिमीर पुतिन", "vladimir putin"},
		{"devanagari cluster keeps a", "नरेंद्र मोदी", "narendra modi"},
		{"devanagari nukta", "ज़ाकिर", "zakir"},
		{"khmer", "ហ៊ុន សែន", "hun saen"},
		{"khmer series and musikatoan", "ប៉ុល ពត", "pol pot"},
		// Hebrew, Greek
		{"hebrew vav between consonants is o", "ולדימיר פוטין", "vladimir potin"},
		{"hebrew bet inside a word is v", "אברהם", "avraham"},
		{"greek", "Γεώργιος Παπανδρέου", "georgios papandreou"},
		{"greek mp at start", "Μπακογιάννη", "bakogianni"},
		// Pass-through
		{"latin unchanged", "Vladimir Putin", "Vladimir Putin"},
		{"cyrillic left to match", "Владимир Путин", "Владимир Путин"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(strings.Fields(Latin(tc.in)), " ")
			if got != tc.want {
				t.Errorf("Latin(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// Every part says how it was made; name parts with other usual spellings
// list them.
func TestPartsExplain(t *testing.T) {
	ps := Parts("محمد عبد الرحمن 김여정 陈全国")
	if len(ps) != 7 {
		t.Fatalf("Parts: %d parts, want 7: %+v", len(ps), ps)
	}
	for _, p := range ps {
		if p.Source == "" || p.Latin == "" || p.Rule == "" || p.Script == "" {
			t.Errorf("part without source, key, rule or script: %+v", p)
		}
	}
	want := map[string]string{"محمد": "muhammad", "김": "gim", "여": "yeo", "全国": "chuan"}
	for _, p := range ps {
		v, ok := want[p.Source]
		if !ok {
			continue
		}
		found := false
		for _, x := range p.Variants {
			if strings.Contains(x.Latin, v) && x.Rule != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s (%s): no variant containing %q: %+v", p.Source, p.Latin, v, p.Variants)
		}
	}
	if Parts("John Smith") != nil {
		t.Error("Parts of a Latin name is not nil")
	}
}

// Input that is not a clean name gets an answer, never a panic.
func TestBadInput(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"mixed scripts", "Ali علي Али", "Ali ali Али"},
		{"lone combining marks left to match", "\u0301\u064e", "\u0301\u064e"},
		{"rtl marks inside a word", "مح\u200fمد\u200e", "mohammad"},
		{"zwnj in a persian word", "عبد\u200cالله", "abdullah"},
		{"bom and bidi embedding", "\ufeff\u202bعلي\u202c", "ali"},
		{"full-width latin untouched by script rules", "ＡＢＣ 陈全国", "ABC chen quanguo"},
		{"lone small tsu", "っ", ""},
		{"squared katakana", "㍈0", "mikron 0"},
		{"circled hangul syllable", "㉮", "ga"},
		{"kanbun mark", "㆟", "ren"},
		{"kangxi radical", "⼈", "ren"},
		{"lone virama left to match", "्", "्"},
		{"thai marks only left to match", "่์", "่์"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(strings.Fields(Latin(tc.in)), " ")
			if got != tc.want {
				t.Errorf("Latin(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	long := strings.Repeat("محمد 陈全国 김여정 ", 1000) // ~10 kB and more
	if got := Latin(long); len(got) == 0 || len(got) > 4*MaxLen {
		t.Errorf("10 kB name: %d bytes out", len(got))
	}
}
