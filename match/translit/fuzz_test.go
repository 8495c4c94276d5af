package translit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLatin: any input gets valid UTF-8 back, without a panic; Latin text
// comes back unchanged; every part says how it was made.
func FuzzLatin(f *testing.F) {
	for _, s := range []string{
		"علي حسن المجيد التكريتي", "陈全国", "ソフトバンク株式会社", "김여정", "ประยุทธ์ จันทร์โอชา",
		"व्लादिमीर पुतिन", "ហ៊ុន សែន", "ולדימיר פוטין", "Γεώργιος", "Ali علي Али", "\u0301", "مح\u200fمد",
		"ＡＢＣ", "っ", "्", "่์", "\xff\xfe", "ﻣﺤﻤﺪ", "ｿﾌﾄ", "ا ل", "عبد", "عبد ال", "عبدال", "ابوال", "بنال", "نورالدين", "الله", "الله", "เ", "ฤ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Latin(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Latin(%q) = %q: invalid UTF-8", s, out)
		}
		if !Needs(s) && out != s {
			t.Fatalf("Latin(%q) = %q: text needing no romanisation changed", s, out)
		}
		for _, a := range Alternatives(s) {
			if a.Rule == "" || utf8.ValidString(s) && !utf8.ValidString(a.Latin) {
				t.Fatalf("Alternatives(%q): %+v", s, a)
			}
		}
		for _, p := range Parts(s) {
			if p.Rule == "" || p.Script == "" {
				t.Fatalf("Parts(%q): part %+v without rule or script", s, p)
			}
			if strings.ContainsFunc(p.Latin, func(r rune) bool { return r >= 0x370 && scriptOf(r) != other }) {
				t.Fatalf("Parts(%q): part %+v keeps letters of a romanised script", s, p)
			}
		}
	})
}
