package usaspending

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// maxMojibakePasses bounds how many layers of mis-decoding are undone.
const maxMojibakePasses = 4

// RepairMojibake undoes UTF-8 text that was decoded as Windows-1252 or
// Latin-1 and encoded as UTF-8 again, once or several times, as in the
// subaward descriptions "CRCÃ¢Â‚¬Â„¢S" (→ "CRC’S"). Those files were also
// upper-cased after the damage, which turned the lead byte â (0xE2) into
// Â (0xC2); the repair tries the lower-case form of an upper-case lead
// letter when the byte as it stands does not start a valid sequence.
//
// Each maximal run of non-ASCII characters is repaired on its own, so
// correct text elsewhere in the string is never touched. A run is changed
// only when the result is strictly better: every pass must shorten it, the
// decoded characters must be Latin, Greek, Cyrillic, general punctuation,
// currency or letter-like symbols (so "JÖRG’S" is not read as a Hebrew
// accent), and the final text may hold no C1 control character that the
// input did not. ASCII strings are returned as they are, without copying.
func RepairMojibake(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	last := 0
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		if fixed, ok := repairRun(s[i:j]); ok {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:i])
			b.WriteString(fixed)
			last = j
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func repairRun(run string) (string, bool) {
	if !utf8.ValidString(run) {
		return run, false
	}
	cur := []rune(run)
	n0 := len(cur)
	for pass := 0; pass < maxMojibakePasses; pass++ {
		next, ok := undoOnce(cur)
		if !ok {
			break
		}
		cur = next
	}
	if len(cur) == n0 || countC1(cur) > countC1([]rune(run)) {
		return run, false
	}
	for _, r := range cur {
		if r == utf8.RuneError {
			return run, false
		}
	}
	return string(cur), true
}

func countC1(rs []rune) int {
	n := 0
	for _, r := range rs {
		if r >= 0x80 && r <= 0x9f {
			n++
		}
	}
	return n
}

// toByte maps a character back to the single byte that Windows-1252 (or,
// for the C1 controls it leaves undefined, Latin-1) decodes to it.
func toByte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0x9f {
		return byte(r), true
	}
	if b, ok := charmap.Windows1252.EncodeRune(r); ok {
		return b, true
	}
	return 0, false
}

// lowerLead is the lower-case partner of an upper-case Latin-1 letter
// byte (À–Þ except ×), which upper-casing mojibake turns lead bytes into.
func lowerLead(b byte) (byte, bool) {
	if b >= 0xc0 && b <= 0xde && b != 0xd7 {
		return b + 0x20, true
	}
	return 0, false
}

// plausible says which characters a repair may produce.
func plausible(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x24f: // Latin-1 supplement, Latin extended (C1 only between passes)
		return true
	case r >= 0x370 && r <= 0x4ff: // Greek, Cyrillic
		return true
	case r >= 0x2000 && r <= 0x214f: // punctuation, currency, letter-like (™)
		return true
	}
	return false
}

// undoOnce re-reads the characters as Windows-1252 bytes and decodes those
// as UTF-8, choosing with dynamic programming the reading with the fewest
// characters. Characters that do not decode are kept.
func undoOnce(rs []rune) ([]rune, bool) {
	n := len(rs)
	bs := make([]int, n)
	any := false
	for i, r := range rs {
		if b, ok := toByte(r); ok {
			bs[i] = int(b)
			any = true
		} else {
			bs[i] = -1
		}
	}
	if !any {
		return nil, false
	}
	// cost[i]: fewest characters to render rs[i:]; step[i]: how many input
	// characters the best choice at i consumes; out[i]: its character.
	cost := make([]int, n+1)
	step := make([]int, n)
	out := make([]rune, n)
	for i := n - 1; i >= 0; i-- {
		cost[i], step[i], out[i] = 1+cost[i+1], 1, rs[i]
		if bs[i] < 0 {
			continue
		}
		leads := [2]int{bs[i], -1}
		if l, ok := lowerLead(byte(bs[i])); ok {
			leads[1] = int(l)
		}
		for _, lead := range leads {
			if lead < 0 {
				continue
			}
			r, size := decodeAt(byte(lead), bs[i+1:])
			if size > 1 && 1+cost[i+size] < cost[i] {
				cost[i], step[i], out[i] = 1+cost[i+size], size, r
			}
		}
	}
	if cost[0] >= n {
		return nil, false
	}
	res := make([]rune, 0, cost[0])
	for i := 0; i < n; i += step[i] {
		res = append(res, out[i])
	}
	return res, true
}

// decodeAt decodes one UTF-8 sequence that starts with lead and continues
// with the bytes in rest (-1 marks a character with no byte). It returns
// the size in bytes, or 0 when there is no valid, plausible sequence.
func decodeAt(lead byte, rest []int) (rune, int) {
	var size int
	switch {
	case lead >= 0xc2 && lead <= 0xdf:
		size = 2
	case lead >= 0xe0 && lead <= 0xef:
		size = 3
	case lead >= 0xf0 && lead <= 0xf4:
		size = 4
	default:
		return 0, 0
	}
	if len(rest) < size-1 {
		return 0, 0
	}
	var buf [4]byte
	buf[0] = lead
	for k := 1; k < size; k++ {
		c := rest[k-1]
		if c < 0x80 || c > 0xbf {
			return 0, 0
		}
		buf[k] = byte(c)
	}
	r, n := utf8.DecodeRune(buf[:size])
	if r == utf8.RuneError || n != size || !plausible(r) {
		return 0, 0
	}
	return r, size
}
