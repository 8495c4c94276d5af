package translog

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

// TileHeight is the C2SP tlog-tiles tile height: 256 hashes per tile.
const TileHeight = 8

// TileWidth is the number of hashes (or entries) of a full tile.
const TileWidth = 1 << TileHeight

// EntriesLevel is the level of an entry bundle in a tlog.Tile (as the Go
// checksum database's "data" tiles).
const EntriesLevel = -1

// maxTileGroups bounds the number of 3-digit groups of a tile index: six
// groups reach 10^18 tiles, beyond any tree an int64 size can hold.
const maxTileGroups = 6

// TilePath returns the C2SP path of a tile relative to the log prefix:
// "tile/<L>/<N>[.p/<W>]", or "tile/entries/<N>[.p/<W>]" when t.L is
// EntriesLevel.
func TilePath(t tlog.Tile) string {
	var b strings.Builder
	b.WriteString("tile/")
	if t.L == EntriesLevel {
		b.WriteString("entries")
	} else {
		b.WriteString(strconv.Itoa(t.L))
	}
	var groups []string
	n := t.N
	groups = append(groups, fmt.Sprintf("%03d", n%1000))
	for n >= 1000 {
		n /= 1000
		groups = append(groups, fmt.Sprintf("x%03d", n%1000))
	}
	for i := len(groups) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(groups[i])
	}
	if t.W < TileWidth {
		b.WriteString(".p/")
		b.WriteString(strconv.Itoa(t.W))
	}
	return b.String()
}

// ParseTilePath parses a C2SP tile or entry-bundle path relative to the
// log prefix. It accepts exactly the paths TilePath writes: every element
// is checked (no "..", no empty element, no leading zeroes, bounded
// numbers), so that a path names one tile or none.
func ParseTilePath(path string) (tlog.Tile, error) {
	bad := func(why string) (tlog.Tile, error) {
		return tlog.Tile{}, fmt.Errorf("tile path %q: %s", clip(path), why)
	}
	if len(path) > 64 {
		return bad("too long")
	}
	elems := strings.Split(path, "/")
	if len(elems) < 3 || elems[0] != "tile" {
		return bad(`not "tile/<L>/<N>[.p/<W>]"`)
	}
	t := tlog.Tile{H: TileHeight, W: TileWidth}
	if elems[1] == "entries" {
		t.L = EntriesLevel
	} else {
		l, ok := smallDecimal(elems[1], 63)
		if !ok {
			return bad("level is not a number from 0 to 63")
		}
		t.L = l
	}
	rest := elems[2:]
	if n := len(rest); n >= 2 && strings.HasSuffix(rest[n-2], ".p") {
		w, ok := smallDecimal(rest[n-1], TileWidth-1)
		if !ok || w == 0 {
			return bad("partial width is not a number from 1 to 255")
		}
		t.W = w
		rest = append(rest[:n-2:n-2], strings.TrimSuffix(rest[n-2], ".p"))
	}
	if len(rest) > maxTileGroups {
		return bad("tile index too large")
	}
	for i, g := range rest {
		last := i == len(rest)-1
		if !last {
			if !strings.HasPrefix(g, "x") {
				return bad("index element without its 'x'")
			}
			g = g[1:]
			if i == 0 && g == "000" {
				return bad("index has a leading zero group")
			}
		}
		if len(g) != 3 || g[0] < '0' || g[0] > '9' || g[1] < '0' || g[1] > '9' || g[2] < '0' || g[2] > '9' {
			return bad("index element is not three digits")
		}
		t.N = t.N*1000 + int64(g[0]-'0')*100 + int64(g[1]-'0')*10 + int64(g[2]-'0')
	}
	return t, nil
}

// smallDecimal parses a decimal number without leading zeroes, at most max.
func smallDecimal(s string, max int) (int, bool) {
	if s == "" || len(s) > 3 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n <= max
}

// clip shortens untrusted text for an error message.
func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
