package match

import "unsafe"

// Edit distance and phonetic keys of single name parts. Both are a few lines
// each; we keep them here rather than add a dependency (the optimal string
// alignment variant of Damerau-Levenshtein, which counts a swap of two
// neighbouring letters as one edit, is not in the libraries the project
// already uses).

// osaDistance returns the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions). It
// works on bytes (ASCII text, see asciiBytes) or runes; for parts shorter
// than 65 letters the three rows live in a small array on the stack.
func osaDistance[T byte | rune](a, b []T) int { return osaBounded(a, b, len(a)+len(b)) }

// osaBounded returns osaDistance(a, b) if it is at most k, and some value
// greater than k otherwise; it stops as soon as two rows in a row exceed k,
// which no later row can then undercut.
func osaBounded[T byte | rune](a, b []T, k int) int {
	if len(a) == 0 {
		return len(b)
	}
	if len(b) == 0 {
		return len(a)
	}
	if abs(len(a)-len(b)) > k {
		return k + 1
	}
	n := len(b) + 1
	if len(a) < 250 && n <= 65 {
		var buf [3 * 65]uint8
		return osaRows(a, b, buf[:3*n], k)
	}
	return osaRows(a, b, make([]int, 3*n), k)
}

func osaRows[T byte | rune, D uint8 | int](a, b []T, rows []D, k int) int {
	n := len(b) + 1
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = D(j)
	}
	over := false // the previous row exceeded k everywhere
	for i := 1; i <= len(a); i++ {
		cur[0] = D(i)
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			var cost D = 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if int(rowMin) > k {
			if over {
				return k + 1
			}
			over = true
		} else {
			over = false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return int(prev[len(b)])
}

// asciiBytes returns the bytes of s without copying, and whether s is
// ASCII (so that bytes are letters). The slice must not be modified.
func asciiBytes(s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return nil, false
		}
	}
	return unsafe.Slice(unsafe.StringData(s), len(s)), true
}

// strBounded is osaBounded of two strings, by bytes when both are ASCII.
func strBounded(a, b string, k int) int {
	if ab, ok := asciiBytes(a); ok {
		if bb, ok := asciiBytes(b); ok {
			return osaBounded(ab, bb, k)
		}
	}
	var bufA, bufB [64]rune
	return osaBounded(appendRunes(bufA[:0], a), appendRunes(bufB[:0], b), k)
}

// phonetic returns a simple phonetic key of a Latin name part: the first
// letter, then consonant classes (b f p v / c g j k q s x z / d t / l / m n
// / r), vowels and h w y dropped, repeats collapsed. It resembles Soundex
// without the four-character cut, and brings together spellings such as
// Shi/Xi, Mohammed/Muhammad, Fladimir/Vladimir. Non-Latin parts get "".
func phonetic(s string) string {
	var out []byte
	var last byte
	for i, r := range s {
		if r >= 0x80 {
			return ""
		}
		c := byte(r)
		var cls byte
		switch c {
		case 'b', 'f', 'p', 'v', 'w':
			cls = '1'
		case 'c', 'g', 'j', 'k', 'q', 's', 'x', 'z':
			cls = '2'
		case 'd', 't':
			cls = '3'
		case 'l':
			cls = '4'
		case 'm', 'n':
			cls = '5'
		case 'r':
			cls = '6'
		case 'a', 'e', 'i', 'o', 'u', 'y', 'h':
			cls = 0
		default:
			if c >= '0' && c <= '9' {
				return ""
			}
		}
		if i == 0 {
			// First letter class: vowels all alike, consonants by class.
			if cls == 0 {
				out = append(out, 'A')
			} else {
				out = append(out, cls)
			}
			last = cls
			continue
		}
		if cls != 0 && cls != last {
			out = append(out, cls)
		}
		if c != 'h' {
			last = cls
		}
	}
	return string(out)
}

// Costs of weightedEdits. Spelling variants of one name mostly differ in
// vowels ("Vitol", "Vital"), in letters that sound alike ("Chace", "Chase")
// or in two swapped letters ("Appel", "Apple"); different words mostly
// differ in consonants ("Serco", "Sedco"). These costs make the former
// cheaper than the latter.
const (
	costVowel float32 = 0.5 // one vowel for another
	costSound float32 = 0.7 // one consonant for another of the same phonetic class
	costSwap  float32 = 0.7 // two neighbouring letters swapped
)

// weightedEdits returns the optimal-string-alignment distance between a and
// b with the costs above (insertions, deletions and other substitutions
// cost 1).
func weightedEdits[T byte | rune](a, b []T) float64 {
	if len(a) == 0 {
		return float64(len(b))
	}
	if len(b) == 0 {
		return float64(len(a))
	}
	var buf [3 * 33]float32
	var rows []float32
	n := len(b) + 1
	if 3*n <= len(buf) {
		rows = buf[:3*n]
	} else {
		rows = make([]float32, 3*n)
	}
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = float32(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = float32(i)
		for j := 1; j <= len(b); j++ {
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+subCost(rune(a[i-1]), rune(b[j-1])))
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				v = min(v, prev2[j-2]+costSwap)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return float64(prev[len(b)])
}

func subCost(x, y rune) float32 {
	if x == y {
		return 0
	}
	cx, cy := letterClass(x), letterClass(y)
	switch {
	case cx == 0 || cy == 0 || cx != cy:
		return 1
	case cx == 'A':
		return costVowel
	}
	return costSound
}

// letterClass returns 'A' for a Latin vowel, the phonetic class digit of a
// Latin consonant (see phonetic) and 0 for anything else.
func letterClass(r rune) byte {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return 'A'
	case 'b', 'f', 'p', 'v', 'w':
		return '1'
	case 'c', 'g', 'j', 'k', 'q', 's', 'x', 'z':
		return '2'
	case 'd', 't':
		return '3'
	case 'm', 'n':
		return '5'
	}
	return 0
}
