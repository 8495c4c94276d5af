package match

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Places: one-word country and continent names ("Sberbank of Russia",
// "Faberlic Europe"). In organisation names they qualify the name rather
// than identify it, and weigh little. The country names come from the
// English region names of golang.org/x/text (CLDR), so no table of our own
// is needed; the continents are added here.
var continents = []string{"africa", "america", "americas", "asia", "eurasia", "europe", "oceania", "arabia"}

var placeWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range continents {
		m[c] = true
	}
	names := display.English.Regions()
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]byte{a, b}))
			if err != nil {
				continue
			}
			toks := normTokens(names.Name(r))
			if len(toks) == 1 && !strings.Contains(toks[0], "region") {
				m[toks[0]] = true
			}
		}
	}
	return m
})
