package translog_test

import (
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/probity/probity/translog"
)

func TestTilePath(t *testing.T) {
	for _, tc := range []struct {
		tile tlog.Tile
		path string
	}{
		{tlog.Tile{H: 8, L: 0, N: 0, W: 256}, "tile/0/000"},
		{tlog.Tile{H: 8, L: 0, N: 1234067, W: 256}, "tile/0/x001/x234/067"},
		{tlog.Tile{H: 8, L: 2, N: 1000, W: 5}, "tile/2/x001/000.p/5"},
		{tlog.Tile{H: 8, L: translog.EntriesLevel, N: 12, W: 255}, "tile/entries/012.p/255"},
		{tlog.Tile{H: 8, L: 63, N: 999, W: 256}, "tile/63/999"},
	} {
		if got := translog.TilePath(tc.tile); got != tc.path {
			t.Errorf("TilePath(%+v) = %q, want %q", tc.tile, got, tc.path)
		}
		got, err := translog.ParseTilePath(tc.path)
		if err != nil || got != tc.tile {
			t.Errorf("ParseTilePath(%q) = %+v, %v; want %+v", tc.path, got, err, tc.tile)
		}
	}
	for _, bad := range []string{
		"", "tile", "tile/0", "tile/00/000", "tile/64/000", "tile/-1/000", "tile/0/0", "tile/0/0000",
		"tile/0/x000/001", "tile/0/001/002", "tile/0/x001", "tile/0/000.p/0", "tile/0/000.p/256",
		"tile/0/000.p/05", "tile/0/000.p", "tile/0/../000", "tile/0/000/", "tile//000", "tile/data/000",
		"tile/0/x001/x002/x003/x004/x005/x006/007", "tile/0/abc", "tile/0/x0a1/000", "tile/0/000.p/5/6",
		"tile/entries/000.p/1x", "tiles/0/000", "tile/0/000.q/5",
	} {
		if tile, err := translog.ParseTilePath(bad); err == nil {
			t.Errorf("ParseTilePath(%q) = %+v, want an error", bad, tile)
		}
	}
}

// FuzzParseTilePath checks that parsing never panics and that every path
// it accepts is the one canonical path of its tile.
func FuzzParseTilePath(f *testing.F) {
	for _, s := range []string{"tile/0/000", "tile/entries/x001/234.p/17", "tile/3/x999/x999/999", "tile/0/../0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tile, err := translog.ParseTilePath(s)
		if err != nil {
			return
		}
		if got := translog.TilePath(tile); got != s {
			t.Fatalf("ParseTilePath(%q) accepted a path whose canonical form is %q", s, got)
		}
		if tile.N < 0 || tile.W < 1 || tile.W > 256 || tile.L < -1 || tile.L > 63 {
			t.Fatalf("ParseTilePath(%q) = %+v out of range", s, tile)
		}
	})
}

func TestParseCheckpoint(t *testing.T) {
	good := "example.org/log\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
	c, err := translog.ParseCheckpoint(good)
	if err != nil || c.Size != 12 || c.Origin != "example.org/log" || c.Text() != good {
		t.Fatalf("ParseCheckpoint: %+v %v", c, err)
	}
	if _, err := translog.ParseCheckpoint(good + "ext line\n"); err != nil {
		t.Errorf("extension line refused: %v", err)
	}
	for _, bad := range []string{
		"", good[:len(good)-1], "example.org/log\n12\n", "example.org/log\n012\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"example.org/log\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", "example.org/log\n+1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"example.org/log\n1\nCsUYapGG\n", "\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
		"example.org/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n",
		"example.org/log\n99999999999999999999\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
	} {
		if _, err := translog.ParseCheckpoint(bad); err == nil {
			t.Errorf("ParseCheckpoint(%q): no error", bad)
		}
	}
}

// FuzzParseCheckpoint checks that parsing never panics and that what it
// accepts formats back to the same three first lines.
func FuzzParseCheckpoint(f *testing.F) {
	f.Add("example.org/log\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
	f.Add("a\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next\n")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := translog.ParseCheckpoint(s)
		if err != nil {
			return
		}
		if c.Size < 0 || len(s) < len(c.Text()) || s[:len(c.Text())] != c.Text() {
			t.Fatalf("ParseCheckpoint(%q) = %+v does not format back", s, c)
		}
	})
}

// FuzzSplitBundle checks that splitting never panics and re-encodes to
// the same bytes.
func FuzzSplitBundle(f *testing.F) {
	f.Add(translog.AppendBundle(nil, [][]byte{[]byte("a"), []byte("{}")}))
	f.Add([]byte{0, 5, 'a'})
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := translog.SplitBundle(b, 256)
		if err != nil {
			return
		}
		if got := translog.AppendBundle(nil, entries); string(got) != string(b) {
			t.Fatalf("bundle does not round-trip")
		}
	})
}

// FuzzParseEntry checks that entry parsing never panics.
func FuzzParseEntry(f *testing.F) {
	f.Add([]byte(`{"id":"1","item":{},"type":"decision","version":1}`))
	f.Add([]byte(`{"id":"1","item":{}, "type":"decision","version":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		translog.ParseEntry(b)
	})
}
