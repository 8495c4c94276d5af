package match

import "testing"

func TestAbjadSim(t *testing.T) {
	tests := []struct {
		rom, latin string // a part romanised from Arabic script, a Latin spelling
		want       bool   // aligned at consonantSim
	}{
		// Vowels Arabic script does not write, filled in otherwise.
		{"umar", "amor", true},
		{"qadir", "ghedeir", true}, // ق as Maghrebi g
		{"muldi", "maoeldi", true},
		{"jwadi", "djouadi", true}, // French dj, ou
		{"hmarawi", "hamraoui", true},
		{"akasha", "akkacha", true}, // doubled letter, French ch
		{"drukdal", "droukdel", true},
		{"shakwa", "shekau", true},
		{"kadhim", "kazim", true}, // ذ as dh or z
		{"abdalmalik", "abdelmalek", true},
		// A long vowel written in Arabic must be heard in the Latin.
		{"hussain", "hassan", false}, // حسين is not حسن
		{"mahmud", "muhammad", false},
		{"mohammad", "mahmoud", false},
		{"ubaidi", "abid", false},
		// Consonants that differ.
		{"hamid", "majid", false},
		{"khalid", "halid", false}, // kh is not h
		{"salim", "salih", false},
		// Too short to say anything.
		{"ali", "aly", false},
		{"abd", "abid", false},
	}
	for _, tt := range tests {
		a := part{text: tt.rom, kind: kindName}
		b := part{text: tt.latin, kind: kindName}
		s, how := abjadSim(&a, &b, 0, "", true, false)
		if got := s == consonantSim && how == consonantHow; got != tt.want {
			t.Errorf("abjadSim(%q rom, %q) = %.2f %q, want agree=%v", tt.rom, tt.latin, s, how, tt.want)
		}
		// The Latin spelling alone imposes no vowel: its vowels may be guesses.
		if tt.want {
			s, _ := abjadSim(&b, &a, 0, "", false, true)
			if s != consonantSim {
				t.Errorf("abjadSim(%q, %q rom) = %.2f, want %.2f (the other way round)", tt.latin, tt.rom, s, consonantSim)
			}
		}
	}
	// A higher similarity is kept; other kinds of part are left alone.
	a, b := part{text: "umar", kind: kindName}, part{text: "amor", kind: kindName}
	if s, how := abjadSim(&a, &b, 0.9, "x", true, false); s != 0.9 || how != "x" {
		t.Errorf("higher similarity replaced: %.2f %q", s, how)
	}
	a.kind = kindLegal
	if s, _ := abjadSim(&a, &b, 0, "", true, false); s != 0 {
		t.Errorf("legal form aligned on consonants: %.2f", s)
	}
}

func TestSkeletonBadInput(t *testing.T) {
	var k skeleton
	for _, s := range []string{"", "a", "ab", "Umar", "müller", "o'neil'", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "bcdfghjklmnpqrstvwxzbcdfghjklmnpqrstvwxz"} {
		k.read(s) // must not panic
		if k.n > maxUnits {
			t.Errorf("%q: %d units", s, k.n)
		}
	}
	if k.read("Umar") || k.read("müller") {
		t.Error("read accepted text that is not lower-case ASCII")
	}
}

func TestAbjadName(t *testing.T) {
	for s, want := range map[string]bool{"عمر": true, "אברהם": true, "Umar": false, "Влади́мир": false, "陈": false, "": false} {
		if got := abjadName(s); got != want {
			t.Errorf("abjadName(%q) = %v, want %v", s, got, want)
		}
	}
}
