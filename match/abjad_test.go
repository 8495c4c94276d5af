package match

import (
	"fmt"
	"strings"
	"testing"
)

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
		{"qadhafi", "gaddafi", true}, // ذ as dh, d or z
		{"uthman", "osman", true},    // ث as th, t or s
		{"ramadan", "ramadhan", true},
		{"batslal", "bezalel", true},     // Hebrew צ as ts or z
		{"astankazi", "stanekzai", true}, // alef before an initial s cluster
		{"astanbul", "istanbul", true},
		{"asamar", "samar", false}, // a vowel after s: no cluster
		{"thamir", "zamir", false}, // th is not z
		{"dhafir", "tafir", false}, // nor dh t
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

func TestAbjadPieces(t *testing.T) {
	tests := []struct {
		text, next string
		want       string // pieces joined by "|"; "" for none
	}{
		{"abdelaziz", "", "abd|al|aziz"},
		{"abdulrahman", "", "abd|al|rahman"},
		{"abderrahmane", "", "abd|al|rahmane"},
		{"abdurrahman", "", "abd|al|rahman"},
		{"abdellatif", "", "abd|al|latif"},
		{"abdelkader", "", "abd|al|kader"},
		{"abdul", "rahman", "abd|al"},
		{"abdel", "", "abd|al"},
		{"abdullah", "", ""}, // one name however spelt
		{"abdallah", "", ""},
		{"abdullahi", "", ""},
		{"abdoulaye", "", ""},
		{"abdi", "", ""},
		{"noureddine", "", "nour|al|din"},
		{"salahuddin", "", "salah|al|din"},
		{"nuraldin", "", "nur|al|din"},
		{"eddine", "", "al|din"},
		{"el", "hadi", "al"},
		{"ul", "haq", "al"},
		{"ad", "din", "al"},
		{"ar", "rahman", "al"},
		{"as", "hadi", ""}, // not assimilated before h
		{"el", "", ""},     // last word: not an article
		{"elhadi", "", "al|hadi"},
		{"almansour", "", "al|mansour"},
		{"alawi", "", ""}, // a vowel after al-: a word of its own
		{"elias", "", ""},
		{"alexander", "", ""},
		{"allah", "", ""},
		{"hassan", "", ""},
	}
	for _, tt := range tests {
		got := ""
		for i, p := range abjadPieces(tt.text, tt.next) {
			if i > 0 {
				got += "|"
			}
			got += p
		}
		if got != tt.want {
			t.Errorf("abjadPieces(%q, %q) = %q, want %q", tt.text, tt.next, got, tt.want)
		}
	}
}

func TestAbjadParts(t *testing.T) {
	n := analyse(classPerson, "Abderrahmane Ben Noureddine")
	ps := abjadParts(classPerson, n.parts)
	var got []string
	for _, p := range ps {
		got = append(got, p.text+":"+p.kind.String())
	}
	want := "abd:stopword al:stopword rahmane:name ben:stopword nour:name al:stopword din:stopword"
	if s := fmt.Sprint(got); s != "["+want+"]" {
		t.Errorf("abjadParts = %s, want [%s]", s, want)
	}
	if len(n.parts) != 3 || n.parts[0].text != "abderrahmane" {
		t.Errorf("abjadParts modified its input: %+v", n.parts)
	}
	// Organisation names keep "din" a word: Ansar al-Din is not Ansar al-Islam.
	o := abjadParts(classOrg, analyse(classOrg, "Ansar Eddine").parts)
	if len(o) != 3 || o[2].text != "din" || o[2].kind != kindName {
		t.Errorf("organisation: %+v", o)
	}
	// Nothing to cut: the same slice.
	in := analyse(classPerson, "Hassan Ali").parts
	if out := abjadParts(classPerson, in); &out[0] != &in[0] {
		t.Error("abjadParts copied a name it did not change")
	}
}

// Compare cuts names the same way on both sides of a pair with a name in
// Arabic script, and only then.
func TestAbjadCompare(t *testing.T) {
	for _, tt := range []struct {
		a, b  string
		match bool
	}{
		{"عبد الرحمن محمد", "Abderrahmane Mohamed", true},
		{"عبد الرحمن محمد", "Abdul Rahman Mohammed", true},
		{"نور الدين حسن", "Noureddine Hassan", true},
		{"صلاح الدين علي", "Salah Eddine Ali", true},
		{"الهادي محمد", "Elhadi Mohamed", true},
		{"عمر محمد قدير", "AMOR MOHAMED GHEDEIR", true},
		{"جمال عكاشة", "DJAMEL AKKACHA", true},
		{"عبد العزيز حسن", "Abdul Karim Hassan", false},
	} {
		r := Compare("Person", tt.a, tt.b)
		if r.Match != tt.match {
			t.Errorf("%s: match %v, want %v", r.Explanation, r.Match, tt.match)
		}
	}
	// Two Latin names are not cut: "Abdelaziz" is one word against "Abdel Aziz".
	r := Compare("Person", "Abdelaziz Hassan", "Abdul Karim Hassan")
	for _, a := range r.Explanation.Alignment {
		if a.Query == "abd" || a.Candidate == "abd" {
			t.Errorf("Latin pair cut: %s", r.Explanation)
		}
	}
}

// FuzzAbjad: the consonant comparison and the article cutting never panic,
// keep every part's letters, and agree both ways round on Latin text.
func FuzzAbjad(f *testing.F) {
	for _, s := range []string{"Abderrahmane Ben Noureddine", "el hadi", "abdul", "ad din", "eddine", "abd", "Umar Amor",
		"abdelaziz abdellah", "alawi elias", "salah eddine", "Müller", "a", "", "'''", "abdeeeeeeel", strings.Repeat("abdel", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []class{classPerson, classOrg} {
			n := analyse(c, s)
			out := abjadParts(c, n.parts)
			// Cutting only ever splits a part.
			if len(out) < len(n.parts) {
				t.Fatalf("abjadParts(%q) lost parts: %d → %d", s, len(n.parts), len(out))
			}
		}
		ws := strings.Fields(Normalize(s))
		for i := 0; i+1 < len(ws); i++ {
			a, b := part{text: ws[i], kind: kindName}, part{text: ws[i+1], kind: kindName}
			s1, _ := abjadSim(&a, &b, 0, "", false, false)
			s2, _ := abjadSim(&b, &a, 0, "", false, false)
			if s1 != s2 {
				t.Fatalf("abjadSim(%q, %q) = %v, the other way %v", ws[i], ws[i+1], s1, s2)
			}
		}
	})
}
