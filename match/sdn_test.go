package match_test

import (
	"encoding/csv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
)

// loadSDN reads name, type and ent_num from the 2024 SDN list and the
// aliases of alt.csv (2021 snapshot; aliases are joined by ent_num). This is
// a minimal reader for tests and benchmarks only: the real loader lives in
// package lists.
func loadSDN(tb testing.TB) []probity.WatchlistEntry {
	tb.Helper()
	dir := shareddata.Dir(tb, "watchlists")
	rows := readCSV(tb, filepath.Join(dir, "ofac-sdn-2024-05-03", "sdn.csv"))
	var out []probity.WatchlistEntry
	byID := map[string]int{}
	for _, r := range rows {
		if len(r) < 4 {
			continue
		}
		schema := "Organization"
		switch strings.TrimSpace(r[2]) {
		case "individual":
			schema = "Person"
		case "vessel":
			schema = "Vessel"
		case "aircraft":
			schema = "Airplane"
		}
		byID[r[0]] = len(out)
		out = append(out, probity.WatchlistEntry{List: "us_ofac_sdn", SourceID: r[0], Schema: schema, Name: r[1], Programs: []string{strings.TrimSpace(r[3])}})
	}
	for _, r := range readCSV(tb, filepath.Join(dir, "ofac-2021-07-watchman-bench", "alt.csv")) {
		if len(r) < 4 {
			continue
		}
		if i, ok := byID[r[0]]; ok {
			if strings.TrimSpace(r[2]) == "fka" || strings.TrimSpace(r[2]) == "aka" {
				out[i].Aliases = append(out[i].Aliases, r[3])
			} else {
				out[i].WeakAliases = append(out[i].WeakAliases, r[3])
			}
		}
	}
	return out
}

func readCSV(tb testing.TB, path string) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var rows [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		rows = append(rows, rec)
	}
	return rows
}

// queryNames returns n realistic query names drawn from the list: a third
// unchanged, a third with one typo, a third reordered or shortened, plus
// names made of parts of different entries (mostly non-matches).
func queryNames(entries []probity.WatchlistEntry, n int, seed uint64) []probity.WatchlistEntry {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]probity.WatchlistEntry, 0, n)
	for len(out) < n {
		e := entries[rng.IntN(len(entries))]
		name := e.Name
		words := strings.Fields(strings.NewReplacer(",", " ").Replace(name))
		if len(words) == 0 {
			continue
		}
		switch rng.IntN(4) {
		case 1: // typo
			w := []rune(words[rng.IntN(len(words))])
			if len(w) > 3 {
				i := 1 + rng.IntN(len(w)-2)
				w[i], w[i+1] = w[i+1], w[i]
			}
			words[0] = string(w)
		case 2: // reorder
			rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		case 3: // mixed with another entry's parts
			o := strings.Fields(entries[rng.IntN(len(entries))].Name)
			if len(o) > 0 {
				words[len(words)-1] = o[len(o)-1]
			}
		}
		out = append(out, probity.WatchlistEntry{Schema: e.Schema, Name: strings.Join(words, " ")})
	}
	return out
}
