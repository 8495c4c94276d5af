package translit_test

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/match"
)

// The cross-script benchmark. Positives: every UN consolidated list entry
// with an original-script name, that name against the entry's own Latin
// name; and every FtM entity of ../shared/data/matching/ftm with names in
// two scripts, each non-Latin name against the entity's Latin names (best
// of them). Negatives: the same non-Latin names against every other
// entry's (entity's) Latin name. Pairs are split in two halves by a hash of
// the entry's id: rules were tuned on the "tune" half, the figures that
// count are the "report" half's.

// xpair is one cross-script pair.
type xpair struct {
	id, schema, source string
	script             string // script of the non-Latin name
	orig               string // non-Latin name
	latin              []string
	half               string // "tune" or "report"
	own                int    // latin[:own] are the entry's own names (UN: the primary name); 0 = all
}

func halfOf(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%2 == 0 {
		return "tune"
	}
	return "report"
}

// dominantScript names the script of most letters of s.
func dominantScript(s string) string {
	count := map[string]int{}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		for _, name := range []string{"Latin", "Arabic", "Cyrillic", "Han", "Hiragana", "Katakana", "Hangul", "Thai", "Hebrew", "Devanagari", "Khmer", "Greek", "Armenian", "Georgian", "Ethiopic"} {
			if unicode.Is(unicode.Scripts[name], r) {
				if name == "Hiragana" || name == "Katakana" {
					name = "Kana"
				}
				count[name]++
				break
			}
		}
	}
	best, n := "Other", 0
	for k, v := range count {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}

func loadUNPairs(t testing.TB) []xpair {
	path := filepath.Join(shareddata.Dir(t, "watchlists", "un-consolidated-watchman"), "UN_consolidated.xml")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type rec struct {
		Ref      string `xml:"REFERENCE_NUMBER"`
		First    string `xml:"FIRST_NAME"`
		Second   string `xml:"SECOND_NAME"`
		Third    string `xml:"THIRD_NAME"`
		Fourth   string `xml:"FOURTH_NAME"`
		Original string `xml:"NAME_ORIGINAL_SCRIPT"`
		Aliases  []struct {
			Name string `xml:"ALIAS_NAME"`
		} `xml:"INDIVIDUAL_ALIAS"`
		EntAliases []struct {
			Name string `xml:"ALIAS_NAME"`
		} `xml:"ENTITY_ALIAS"`
	}
	d := xml.NewDecoder(bufio.NewReader(f))
	var out []xpair
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || (se.Name.Local != "INDIVIDUAL" && se.Name.Local != "ENTITY") {
			continue
		}
		var r rec
		if err := d.DecodeElement(&r, &se); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		latin := strings.Join(strings.Fields(strings.Join([]string{r.First, r.Second, r.Third, r.Fourth}, " ")), " ")
		orig := strings.TrimSpace(r.Original)
		if orig == "" || latin == "" {
			continue
		}
		sc := dominantScript(orig)
		if sc == "Latin" {
			continue
		}
		schema := "Person"
		if se.Name.Local == "ENTITY" {
			schema = "Organization"
		}
		names := []string{latin}
		for _, a := range append(r.Aliases, r.EntAliases...) {
			if a := strings.TrimSpace(a.Name); a != "" && dominantScript(a) == "Latin" {
				names = append(names, a)
			}
		}
		out = append(out, xpair{id: "un:" + r.Ref, schema: schema, source: "UN", script: sc, orig: orig, latin: names, own: 1, half: halfOf(r.Ref)})
	}
	return out
}

func loadFtMPairs(t testing.TB) []xpair {
	dir := shareddata.Dir(t, "matching", "ftm")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var out []xpair
	for _, fn := range files {
		f, err := os.Open(fn)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var e struct {
				ID     string              `json:"id"`
				Schema string              `json:"schema"`
				Props  map[string][]string `json:"properties"`
			}
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				continue
			}
			var latin, other []string
			for _, n := range append(e.Props["name"], e.Props["alias"]...) {
				if dominantScript(n) == "Latin" {
					latin = append(latin, n)
				} else {
					other = append(other, n)
				}
			}
			if len(latin) == 0 {
				continue
			}
			for _, o := range other {
				out = append(out, xpair{id: "ftm:" + e.ID, schema: e.Schema, source: "FtM", script: dominantScript(o), orig: o, latin: latin, half: halfOf(e.ID + o)})
			}
		}
		f.Close()
	}
	return out
}

// best returns the highest Compare result of orig against any of names.
func best(schema, orig string, names []string) match.Result {
	var b match.Result
	for _, n := range names {
		if r := match.Compare(schema, orig, n); r.Score > b.Score || b.Explanation.Query == "" {
			b = r
		}
	}
	return b
}

type tally struct{ pos, tp, neg, fp int }

func (t tally) String() string {
	rec, fpr := 0.0, 0.0
	if t.pos > 0 {
		rec = float64(t.tp) / float64(t.pos)
	}
	if t.neg > 0 {
		fpr = float64(t.fp) / float64(t.neg)
	}
	return fmt.Sprintf("recall %3d/%3d = %.3f  false positives %4d/%6d = %.4f", t.tp, t.pos, rec, t.fp, t.neg, fpr)
}

// runCrossScript scores every pair and negative and returns the tallies by
// half and script.
func runCrossScript(t *testing.T, pairs []xpair, verbose string) map[string]map[string]*tally {
	res := map[string]map[string]*tally{}
	get := func(half, sc string) *tally {
		if res[half] == nil {
			res[half] = map[string]*tally{}
		}
		if res[half][sc] == nil {
			res[half][sc] = &tally{}
		}
		return res[half][sc]
	}
	// Each pair and its negatives are scored by a pool of workers (Compare
	// is safe for concurrent use); tallies are summed in pair order.
	type outcome struct {
		pos, own bool
		neg, fp  int
		logs     []string
	}
	outs := make([]outcome, len(pairs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := pairs[i]
				o := &outs[i]
				show := verbose != "" && (verbose == "all" || verbose == p.half)
				r := best(p.schema, p.orig, p.latin)
				o.pos = r.Match
				if p.own > 0 {
					o.own = best(p.schema, p.orig, p.latin[:p.own]).Match
				}
				if !r.Match && show {
					o.logs = append(o.logs, fmt.Sprintf("MISS %s %s %.3f %s", p.half, p.script, r.Score, r.Explanation))
				}
				// Negatives: other entries' Latin names from the same source.
				for j, q := range pairs {
					if j == i || q.id == p.id || q.source != p.source || (j > 0 && pairs[j-1].id == q.id) {
						continue
					}
					n := best(p.schema, p.orig, q.latin)
					o.neg++
					if n.Match {
						o.fp++
						if show {
							o.logs = append(o.logs, fmt.Sprintf("FALSE %s %s %.3f %s", p.half, p.script, n.Score, n.Explanation))
						}
					}
				}
			}
		}()
	}
	for i := range pairs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range pairs {
		o := outs[i]
		for _, l := range o.logs {
			t.Log(l)
		}
		ts := []*tally{get(p.half, p.script), get(p.half, "all"), get(p.half, p.source+" "+p.script), get(p.half, p.source+" "+p.script+" "+p.schema)}
		for _, tl := range ts {
			tl.pos++
			if o.pos {
				tl.tp++
			}
			tl.neg += o.neg
			tl.fp += o.fp
		}
		if p.own > 0 {
			// Against the entry's own (primary) name only, without the
			// list's aliases: organisations whose Latin name is a
			// translation match, if at all, through an alias.
			for _, k := range []string{p.source + " " + p.script + " (own name only)", p.source + " " + p.script + " " + p.schema + " (own name only)"} {
				own := get(p.half, k)
				own.pos++
				if o.own {
					own.tp++
				}
			}
		}
	}
	return res
}

// Floors held on the report half, each a little below what was measured
// there when the rules were last tuned (on the tune half): recall 0.906 for
// all Arabic pairs (0.945 for people; organisation names are mostly
// translations, "Egyptian Islamic Jihad", which match only through the
// list's aliases: 0.500 with them, 0.375 against the primary name alone),
// 1.000 for Cyrillic; at most 1 % of negatives matched for every script.
// Issue 13 asks for 0.90 for Arabic and Cyrillic; the test logs how far off
// either is.
var recallFloor = map[string]float64{
	"Arabic":                    0.88,
	"UN Arabic Person":          0.92,
	"Cyrillic":                  0.95,
	"FtM Cyrillic":              0.95,
	"UN Arabic (own name only)": 0.85,
}

// TestCrossScriptBenchmark reports recall and false positives per script
// and half, and holds the report half to recallFloor and to at most 1 % of
// negatives matched per script, at match.DefaultThreshold. Set
// TRANSLIT_MISSES=tune (or report, all) to log the pairs missed and the
// negatives matched.
func TestCrossScriptBenchmark(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-script benchmark: not in -short mode")
	}
	pairs := append(loadUNPairs(t), loadFtMPairs(t)...)
	res := runCrossScript(t, pairs, os.Getenv("TRANSLIT_MISSES"))
	for _, half := range []string{"tune", "report"} {
		keys := make([]string, 0, len(res[half]))
		for k := range res[half] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			t.Logf("%-6s %-42s %s", half, k, res[half][k])
		}
	}
	rep := res["report"]
	for sc, floor := range recallFloor {
		tl := rep[sc]
		if tl == nil || tl.pos == 0 {
			t.Errorf("report half has no %s pairs", sc)
			continue
		}
		rec := float64(tl.tp) / float64(tl.pos)
		if rec < floor {
			t.Errorf("%s recall %.3f on the report half, below its floor %.2f", sc, rec, floor)
		}
		if (sc == "Arabic" || sc == "Cyrillic") && rec < 0.90 {
			t.Logf("%s recall %.3f on the report half: below issue 13's 0.90 by %.3f", sc, rec, 0.90-rec)
		}
	}
	for sc, tl := range rep {
		if tl.neg > 0 && float64(tl.fp)/float64(tl.neg) > 0.01 {
			t.Errorf("%s: %d of %d negatives match (%.2f%%), want ≤ 1%%", sc, tl.fp, tl.neg, 100*float64(tl.fp)/float64(tl.neg))
		}
	}
}

// A cross-script match explains itself: the alignment compares the Latin
// keys, and Romanised gives each part's source, key, rule and variants.
func TestCrossScriptExplanation(t *testing.T) {
	r := match.Compare("Person", "علي حسن المجيد التكريتي", "ALI HASSAN AL-MAJID AL-TIKRITI")
	if !r.Match {
		t.Fatalf("no match: %s", r.Explanation)
	}
	rom := r.Explanation.Romanised()
	if len(rom.Query) != 4 || len(rom.Candidate) != 0 {
		t.Fatalf("Romanised: %+v", rom)
	}
	keys := map[string]bool{}
	for _, p := range rom.Query {
		if p.Rule == "" || p.Source == "" {
			t.Errorf("part without rule or source: %+v", p)
		}
		for _, k := range strings.Fields(p.Latin) {
			keys[k] = true
		}
	}
	for _, a := range r.Explanation.Alignment {
		if a.Query != "" && !keys[a.Query] {
			t.Errorf("aligned query part %q is not a romanised key %v", a.Query, keys)
		}
	}
}
