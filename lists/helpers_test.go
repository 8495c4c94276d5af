package lists_test

import (
	"reflect"

	"github.com/probity/probity"
)

// equalEntry compares entries treating nil and empty slices alike.
func equalEntry(a, b probity.WatchlistEntry) bool {
	n := func(e probity.WatchlistEntry) probity.WatchlistEntry {
		for _, s := range []*[]string{&e.Aliases, &e.WeakAliases, &e.Programs, &e.Countries, &e.BirthDates, &e.Addresses} {
			if len(*s) == 0 {
				*s = nil
			}
		}
		if len(e.Identifiers) == 0 {
			e.Identifiers = nil
		}
		return e
	}
	return reflect.DeepEqual(n(a), n(b))
}
