package translit

import "testing"

// The cost of romanisation per name, by script. A name in Latin script
// costs one pass over its bytes (Needs).
func BenchmarkLatin(b *testing.B) {
	for _, c := range []struct{ name, in string }{
		{"latin", "Vladimir Vladimirovich Putin"},
		{"cyrillic", "Владимир Владимирович Путин"},
		{"arabic", "علي حسن المجيد التكريتي"},
		{"han", "华为技术有限公司"},
		{"kana", "ソフトバンク株式会社"},
		{"hangul", "김여정"},
		{"thai", "ประยุทธ์ จันทร์โอชา"},
		{"devanagari", "व्लादिमीर पुतिन"},
	} {
		b.Run(c.name, func(b *testing.B) {
			Latin(c.in) // tables loaded outside the timing
			b.ReportAllocs()
			for b.Loop() {
				Latin(c.in)
			}
		})
	}
}
