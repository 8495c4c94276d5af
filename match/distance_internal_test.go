package match

import (
	"math/rand/v2"
	"testing"
)

// naiveOSA is the textbook optimal-string-alignment distance, kept simple
// to check the bounded, byte-or-rune implementation against.
func naiveOSA(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestOSABounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		letters := []rune("abcdeéж")
		n := rng.IntN(12)
		w := make([]rune, n)
		for i := range w {
			w[i] = letters[rng.IntN(len(letters))]
		}
		return string(w)
	}
	for range 20000 {
		a, b := word(), word()
		want := naiveOSA([]rune(a), []rune(b))
		for k := 0; k <= 5; k++ {
			got := strBounded(a, b, k)
			if want <= k && got != want || want > k && got <= k {
				t.Fatalf("strBounded(%q, %q, %d) = %d, distance %d", a, b, k, got, want)
			}
		}
		if got := osaDistance([]rune(a), []rune(b)); got != want {
			t.Fatalf("osaDistance(%q, %q) = %d, want %d", a, b, got, want)
		}
	}
}
