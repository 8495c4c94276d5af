package jsonscan

import "encoding/binary"

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// stringStop returns the index of the first byte at or after i that ends a
// run of plain string content — a quote, a backslash or a control
// character — or len(d). It tests eight bytes at a time.
func stringStop(d []byte, i int) int {
	for ; i+8 <= len(d); i += 8 {
		w := binary.LittleEndian.Uint64(d[i:])
		q := w ^ ('"' * lsb)
		b := w ^ ('\\' * lsb)
		if ((q-lsb)&^q|(b-lsb)&^b|(w-0x20*lsb)&^w)&msb != 0 {
			break
		}
	}
	for ; i < len(d); i++ {
		if c := d[i]; c == '"' || c == '\\' || c < 0x20 {
			return i
		}
	}
	return i
}
