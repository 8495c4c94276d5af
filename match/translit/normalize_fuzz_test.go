package translit_test

import (
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
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := match.Normalize(s)
		if again := match.Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n, again)
		}
		match.Compare("", s, n)
	})
}
