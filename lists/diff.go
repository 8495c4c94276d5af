package lists

import (
	"encoding/json"
	"slices"
	"sort"

	"github.com/probity/probity"
)

// DiffResult lists, by source id, what changed between two loads of a list.
type DiffResult struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Changed []string `json:"changed"`
}

// Diff compares two loads of the same list by source id. An entry is
// changed when its content differs once each list-valued field is sorted
// and deduplicated (so reordering aliases is not a change) and the list
// name is ignored. Ids are returned sorted.
func Diff(old, new []probity.WatchlistEntry) DiffResult {
	before := make(map[string]string, len(old))
	for _, e := range old {
		before[e.SourceID] = canonical(e)
	}
	var d DiffResult
	seen := make(map[string]bool, len(new))
	for _, e := range new {
		seen[e.SourceID] = true
		c, ok := before[e.SourceID]
		switch {
		case !ok:
			d.Added = append(d.Added, e.SourceID)
		case c != canonical(e):
			d.Changed = append(d.Changed, e.SourceID)
		}
	}
	for id := range before {
		if !seen[id] {
			d.Removed = append(d.Removed, id)
		}
	}
	sort.Strings(d.Added)
	sort.Strings(d.Removed)
	sort.Strings(d.Changed)
	d.Added, d.Removed, d.Changed = slices.Compact(d.Added), slices.Compact(d.Removed), slices.Compact(d.Changed)
	return d
}

// canonical is an order-free encoding of an entry's content.
func canonical(e probity.WatchlistEntry) string {
	e.List = ""
	norm := func(s []string) []string {
		s = slices.Clone(s)
		sort.Strings(s)
		return slices.Compact(s)
	}
	e.Aliases, e.WeakAliases, e.Programs = norm(e.Aliases), norm(e.WeakAliases), norm(e.Programs)
	e.Countries, e.BirthDates = norm(e.Countries), norm(e.BirthDates)
	ids := slices.Clone(e.Identifiers)
	sort.Slice(ids, func(i, j int) bool {
		if ids[i].Scheme != ids[j].Scheme {
			return ids[i].Scheme < ids[j].Scheme
		}
		return ids[i].ID < ids[j].ID
	})
	e.Identifiers = slices.Compact(ids)
	b, _ := json.Marshal(e) // a struct of strings always encodes
	return string(b)
}
