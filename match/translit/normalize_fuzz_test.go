package translit_test

import (
	"strings"
	"testing"

	"github.com/probity/probity/match"
)

// FuzzNormalizeScripts: package match's normaliser, with this package
// hooked in, stays idempotent and never panics on names in the scripts
// romanised here, mixed or broken.
func FuzzNormalizeScripts(f *testing.F) {
	for _, s := range []string{
		"علي حسن المجيد التكريتي", "عبد الرحمن", "نجيب الله", "陈全国", "ソフトバンク株式会社", "ｿﾌﾄﾊﾞﾝｸ", "김여정",
		"주식회사 삼성", "ประยุทธ์ จันทร์โอชา", "व्लादिमीर पुतिन", "ज़ाकिर", "ប៉ុល ពត", "ולדימיר פוטין", "Γεώργιος",
		"Ali علي Али 陈", "\u0301\u064e", "مح\u200fمد", "ＡＢＣ", "っ", "्", "่์", "ᄀ", "ㄱ", "ﻣﺤﻤﺪ", "\ufeff\u202b",
		"محمدعبد البصیر", "انصار الدين", "عبد المالك دروكدال|Abdelmalek Droukdel", "الهادي Elhadi Noureddine",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := match.Normalize(s)
		if again := match.Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n, again)
		}
		match.Compare("", s, n)
		// Against a Latin spelling the pair is cut and compared on
		// consonants (match's abjad.go) as well.
		if a, b, ok := strings.Cut(s, "|"); ok {
			match.Compare("Person", a, b)
			match.Compare("Organization", b, a)
		}
	})
}
