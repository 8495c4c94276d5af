// Command perturb is a seeded screening benchmark that cannot be fitted to:
// it takes every entry of the OFAC SDN list (a name or one of its aliases,
// chosen by the seed) and makes perturbed queries of it — one or two typos
// in any word (legal forms and generic words too), neighbouring words
// swapped, a middle word dropped (one that leaves the name identifiable,
// see drop.go), legal forms written another way, in
// another order or with a word left out, transliteration spellings, a given
// name cut to its initial — and adds non-match queries: real names of
// organisations and people on no list (USAspending recipients of the ICE
// register and OCDS suppliers, see benchdata), as written and perturbed.
// It screens every query against the whole list with match.Index and
// reports, by perturbation kind and by schema, the share of queries whose
// entry was found at the threshold, found first at the threshold (recall@1)
// and ranked first without a threshold, and the share of non-match queries
// that were matched.
//
// Tune on one seed, report on another: the queries differ from seed to
// seed, so that rules fitted to one seed's misses show on the next.
//
//	go run ./bench/perturb -seed 2
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/probity/probity"
	"github.com/probity/probity/bench/internal/benchdata"
	"github.com/probity/probity/match"
)

type query struct {
	kind, schema string
	name, want   string // want: SourceID of the right entry, "" for a non-match
	from         string // the list name it was made from
}

// sameName maps a normalised list name to the entries that carry it: a
// query made from a name several entries share is right on any of them.
var sameName = map[string][]string{}

// listName is the list the benchmark runs on (-list).
var listName = "sdn"

func main() {
	seed := flag.Uint64("seed", 2, "seed of the perturbations and of the name chosen per entry")
	threshold := flag.Float64("threshold", match.DefaultThreshold, "score from which a hit is a match")
	frac := flag.Float64("frac", 1, "share of the list's entries used (for quick runs)")
	show := flag.Int("show", 0, "print this many misses and false hits per kind")
	corpus := flag.Bool("corpus", true, "count the non-match names (the register) in the index's word weights")
	one := flag.String("q", "", "screen this one name (with -schema) and print the best hits with every part's weight, instead of the benchmark")
	schema := flag.String("schema", "Organization", "schema of the -q name")
	list := flag.String("list", "sdn", "the list screened against and perturbed: sdn (OFAC SDN, tuned on seed 1) or un (UN consolidated, never tuned on)")
	flag.Parse()
	listName = *list
	if *one != "" {
		if err := screenOne(*one, *schema, *corpus); err != nil {
			fmt.Fprintln(os.Stderr, "perturb:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*seed, *threshold, *frac, *show, *corpus); err != nil {
		fmt.Fprintln(os.Stderr, "perturb:", err)
		os.Exit(1)
	}
}

// latinNames returns the names written in Latin script (names in another
// script, which the UN list carries as aliases, are left out).
func latinNames(names []string) []string {
	var out []string
	for _, n := range names {
		latin := true
		for _, r := range n {
			if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
				latin = false
				break
			}
		}
		if latin {
			out = append(out, n)
		}
	}
	return out
}

// queryWords writes a list name as a query would arrive: a person's
// "FAMILY, Given" in natural order, words of more than three letters
// capitalised, shorter ones (LLC, JSC, OOO) as they are.
func queryWords(name string, person bool) []string {
	if fam, given, ok := strings.Cut(name, ","); ok && person {
		name = given + " " + fam
	}
	words := strings.Fields(name)
	for i, w := range words {
		if len([]rune(w)) > 3 {
			rs := []rune(strings.ToLower(w))
			rs[0] = unicode.ToUpper(rs[0])
			words[i] = string(rs)
		}
	}
	return words
}

func makeQueries(r *rand.Rand, sdn []probity.WatchlistEntry, nonMatch []string, frac float64) []query {
	var qs []query
	stats = newNameStats()
	for _, e := range sdn {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			k := match.Normalize(n)
			sameName[k] = append(sameName[k], e.SourceID)
			stats.add(n, e.SourceID)
		}
	}
	for _, n := range nonMatch {
		stats.add(n, "")
	}
	for _, e := range sdn {
		if r.Float64() >= frac {
			continue
		}
		names := latinNames(append([]string{e.Name}, e.Aliases...))
		if len(names) == 0 {
			continue // the typos and variants made here are of Latin script
		}
		base := names[r.IntN(len(names))]
		person := e.Schema == "Person"
		words := queryWords(base, person)
		if len(words) == 0 {
			continue
		}
		stats.src = e.SourceID
		for _, k := range kinds {
			w, ok := k.fn(r, words, person)
			if !ok {
				continue
			}
			qs = append(qs, query{kind: k.name, schema: e.Schema, name: strings.Join(w, " "), want: e.SourceID, from: base})
		}
	}
	stats.src = ""
	for _, n := range nonMatch {
		if r.Float64() >= frac {
			continue
		}
		qs = append(qs, query{kind: "nonmatch_exact", schema: "LegalEntity", name: n})
		words := strings.Fields(n)
		k := kinds[1+r.IntN(len(kinds)-1)]
		if w, ok := k.fn(r, words, false); ok {
			qs = append(qs, query{kind: "nonmatch_" + k.name, schema: "LegalEntity", name: strings.Join(w, " ")})
		}
	}
	return qs
}

type outcome struct {
	found, first, firstAny bool // right entry among hits / first at threshold / ranked first with no threshold
	matched                bool // any hit at the threshold
	top                    match.Hit
	hasTop                 bool
}

// noThreshold is the score from which Search returns hits for ranking
// without a threshold: every candidate the index generates that shares a
// word with the query scores above it.
const noThreshold = 0.01

func screen(ix *match.Index, q query, threshold float64) outcome {
	hits, err := ix.Search(match.Query{Name: q.name, Schema: q.schema}, noThreshold, 5)
	right := func(id string) bool {
		return id == q.want || q.want != "" && slices.Contains(sameName[match.Normalize(q.from)], id)
	}
	var o outcome
	if err != nil || len(hits) == 0 {
		return o
	}
	o.top, o.hasTop = hits[0], true
	o.matched = hits[0].Score >= threshold
	for _, h := range hits {
		if right(h.Entry.SourceID) && h.Score == hits[0].Score {
			o.firstAny = true
			o.first = h.Score >= threshold
		}
		if right(h.Entry.SourceID) && h.Score >= threshold {
			o.found = true
		}
	}
	return o
}

type tally struct{ n, found, first, firstAny, matched int }

// loadNames reads the list the benchmark runs on (-list) and the names on
// no list: the ICE register's and the OCDS suppliers'.
func loadNames() (list []probity.WatchlistEntry, nonMatch []string, err error) {
	root, err := benchdata.Root()
	if err != nil {
		return nil, nil, err
	}
	if list, err = benchdata.List(root, listName); err != nil {
		return nil, nil, err
	}
	reg, err := benchdata.ICERegister(root)
	if err != nil {
		return nil, nil, err
	}
	sup, err := benchdata.OCDSSuppliers(root)
	if err != nil {
		return nil, nil, err
	}
	for _, x := range reg {
		nonMatch = append(nonMatch, x.Name)
	}
	return list, append(nonMatch, sup...), nil
}

// screenOne screens name against the list as the benchmark does and prints
// the best hits with their alignments.
func screenOne(name, schema string, corpus bool) error {
	sdn, nonMatch, err := loadNames()
	if err != nil {
		return err
	}
	var opt match.IndexOptions
	if corpus {
		opt.Corpus = nonMatch
	}
	ix := match.NewIndexWith(sdn, opt)
	hits, err := ix.Search(match.Query{Name: name, Schema: schema}, noThreshold, 5)
	if err != nil {
		return err
	}
	for _, h := range hits {
		fmt.Printf("%.3f %s %q\n    %s\n", h.Score, h.Entry.SourceID, h.MatchedName, h.Explanation)
		for _, a := range h.Explanation.Alignment {
			fmt.Printf("      %-24q %-24q %-12s sim %.2f weight %.3f  %s\n", a.Query, a.Candidate, a.Kind, a.Similarity, a.Weight, a.How)
		}
	}
	return nil
}

func run(seed uint64, threshold, frac float64, show int, corpus bool) error {
	sdn, nonMatch, err := loadNames()
	if err != nil {
		return err
	}
	// Non-match queries are names the system holds (the register): their
	// words count in the index's word weights, as in real screening.
	var opt match.IndexOptions
	if corpus {
		opt.Corpus = nonMatch
	}
	t0 := time.Now()
	ix := match.NewIndexWith(sdn, opt)
	build := time.Since(t0)
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	qs := makeQueries(r, sdn, nonMatch, frac)
	res := make([]outcome, len(qs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	t1 := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(qs); i += workers {
				res[i] = screen(ix, qs[i], threshold)
			}
		}()
	}
	wg.Wait()
	el := time.Since(t1)

	by := map[string]*tally{}
	add := func(k string, o outcome) {
		t := by[k]
		if t == nil {
			t = &tally{}
			by[k] = t
		}
		t.n++
		if o.found {
			t.found++
		}
		if o.first {
			t.first++
		}
		if o.firstAny {
			t.firstAny++
		}
		if o.matched {
			t.matched++
		}
	}
	shown := map[string]int{}
	for i, q := range qs {
		o := res[i]
		if q.want == "" {
			add("nonmatch all", o)
			add(q.kind, o)
			if o.matched && shown[q.kind] < show {
				shown[q.kind]++
				fmt.Printf("FALSE HIT %-18s %q ~ %q %.3f\n    %s\n", q.kind, q.name, o.top.MatchedName, o.top.Score, o.top.Explanation)
			}
			continue
		}
		group := "org"
		if q.schema == "Person" {
			group = "person"
		}
		add("all "+group, o)
		add(q.kind+" "+group, o)
		add("schema "+q.schema, o)
		if !o.found && shown[q.kind] < show {
			shown[q.kind]++
			if o.hasTop {
				fmt.Printf("MISS %-14s %s %q (from %q) top %q %.3f right=%v\n    %s\n", q.kind, q.schema, q.name, q.from, o.top.MatchedName, o.top.Score, o.top.Entry.SourceID == q.want, o.top.Explanation)
			} else {
				fmt.Printf("MISS %-14s %s %q (from %q): no candidate\n", q.kind, q.schema, q.name, q.from)
			}
		}
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		ra, rb := rank(keys[a]), rank(keys[b])
		if ra != rb {
			return ra < rb
		}
		return keys[a] < keys[b]
	})
	fmt.Printf("perturbation benchmark: seed %d, %s, threshold %.2f, %d %s entries, %d queries (%d non-match names), register in word weights: %v\n",
		seed, match.Version, threshold, len(sdn), strings.ToUpper(listName), len(qs), len(nonMatch), corpus)
	fmt.Printf("%-28s %6s %8s %9s %13s %8s\n", "", "n", "found", "recall@1", "@1 no thresh", "matched")
	for _, k := range keys {
		t := by[k]
		if strings.HasPrefix(k, "nonmatch") {
			fmt.Printf("%-28s %6d %8s %9s %13s %8.4f\n", k, t.n, "", "", "", ratio(t.matched, t.n))
			continue
		}
		fmt.Printf("%-28s %6d %8.4f %9.4f %13.4f\n", k, t.n, ratio(t.found, t.n), ratio(t.first, t.n), ratio(t.firstAny, t.n))
	}
	fmt.Printf("index build %.2f s; %d queries in %.1f s on %d cores (%.0f queries/s, searching below %.2f to rank without a threshold)\n",
		build.Seconds(), len(qs), el.Seconds(), workers, float64(len(qs))/el.Seconds(), noThreshold)
	return nil
}

func rank(k string) int {
	switch {
	case strings.HasPrefix(k, "all "):
		return 0
	case strings.HasPrefix(k, "schema "):
		return 1
	case k == "nonmatch all":
		return 3
	case strings.HasPrefix(k, "nonmatch"):
		return 4
	}
	return 2
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
