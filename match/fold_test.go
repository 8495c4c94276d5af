package match

import "testing"

// Spellings of one sound fold alike, dj/dzh as j (Djamel, Jamal); zh stays
// one letter away (Zhang is not Yang).
func TestFoldSpelling(t *testing.T) {
	tests := []struct {
		a, b string
		dist int // edits between the keys
	}{
		{"djamel", "jamal", 1},
		{"dzhabarov", "jabarov", 0},
		{"djibril", "jibril", 0},
		{"sergejs", "sergeys", 0},
		{"serguei", "sergey", 1},
		{"ahmadinezhad", "ahmadinejad", 1},
		{"zhukov", "joukov", 1},
		{"zhang", "yang", 1},
		{"abdurrahman", "abdurahman", 0},
		{"khalid", "halid", 0},
	}
	for _, tt := range tests {
		fa, fb := foldSpelling(tt.a), foldSpelling(tt.b)
		if d := strBounded(fa, fb, 3); d != tt.dist {
			t.Errorf("foldSpelling(%q) = %q, foldSpelling(%q) = %q: %d edits apart, want %d", tt.a, fa, tt.b, fb, d, tt.dist)
		}
	}
	if foldSpelling("müller") != "" {
		t.Error("non-ASCII text folded")
	}
}
