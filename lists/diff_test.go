package lists_test

import (
	"reflect"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/lists"
)

func TestDiff(t *testing.T) {
	a := probity.WatchlistEntry{SourceID: "1", Name: "A", Schema: "Person", Aliases: []string{"x", "y"}}
	b := probity.WatchlistEntry{SourceID: "2", Name: "B", Schema: "Person"}
	c := probity.WatchlistEntry{SourceID: "3", Name: "C", Schema: "Company"}
	aReordered := a
	aReordered.Aliases = []string{"y", "x"}
	bRenamed := b
	bRenamed.Name = "B2"
	d := probity.WatchlistEntry{SourceID: "4", Name: "D", Schema: "Vessel"}
	tests := []struct {
		name     string
		old, new []probity.WatchlistEntry
		want     lists.DiffResult
	}{
		{"same", []probity.WatchlistEntry{a, b}, []probity.WatchlistEntry{b, a}, lists.DiffResult{}},
		{"reordered aliases are not a change", []probity.WatchlistEntry{a}, []probity.WatchlistEntry{aReordered}, lists.DiffResult{}},
		{"all kinds", []probity.WatchlistEntry{a, b, c}, []probity.WatchlistEntry{a, bRenamed, d},
			lists.DiffResult{Added: []string{"4"}, Removed: []string{"3"}, Changed: []string{"2"}}},
		{"from nothing", nil, []probity.WatchlistEntry{a}, lists.DiffResult{Added: []string{"1"}}},
	}
	for _, tt := range tests {
		if got := lists.Diff(tt.old, tt.new); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Diff = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestDiffOFACSnapshots compares the 2021 and 2024 SDN lists: both sets are
// non-empty and disjoint, and ids in both that did not change are equal.
func TestDiffOFACSnapshots(t *testing.T) {
	old, err := lists.LoadOFAC(shareddata.Dir(t, "watchlists", "ofac-2021-07-watchman-bench"))
	if err != nil {
		t.Fatal(err)
	}
	cur, err := lists.LoadOFAC(shareddata.Dir(t, "watchlists", "ofac-sdn-2024-05-03"))
	if err != nil {
		t.Fatal(err)
	}
	d := lists.Diff(old.Entries, cur.Entries)
	if len(d.Added) == 0 || len(d.Removed) == 0 || len(d.Changed) == 0 {
		t.Fatalf("diff %d added, %d removed, %d changed", len(d.Added), len(d.Removed), len(d.Changed))
	}
	// Every old id is either removed, changed or unchanged; every new id
	// is added, changed or unchanged.
	if got := len(cur.Entries) - len(d.Added); got != len(old.Entries)-len(d.Removed) {
		t.Errorf("ids in both: %d from new side, %d from old side", got, len(old.Entries)-len(d.Removed))
	}
	if self := lists.Diff(cur.Entries, cur.Entries); len(self.Added)+len(self.Removed)+len(self.Changed) != 0 {
		t.Errorf("diff with itself = %+v", self)
	}
}
