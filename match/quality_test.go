package match_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/match"
)

// benchPair is one labelled row of the nomenklatura name benchmark.
type benchPair struct {
	group, schema, name1, name2 string
	match                       bool
	quality, category           string
}

func loadBench(t testing.TB) []benchPair {
	t.Helper()
	dir := shareddata.Dir(t, "matching", "name_pairs")
	f, err := os.Open(filepath.Join(dir, "nomenklatura_name_bench_dev.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []benchPair
	for _, r := range rows[1:] {
		out = append(out, benchPair{group: r[0], schema: r[1], name1: r[2], name2: r[3], match: r[4] == "true", quality: r[5], category: r[6]})
	}
	return out
}

type counts struct{ tp, fp, fn, tn int }

func (c *counts) add(pred, truth bool) {
	switch {
	case pred && truth:
		c.tp++
	case pred && !truth:
		c.fp++
	case !pred && truth:
		c.fn++
	default:
		c.tn++
	}
}

func (c counts) prf() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// minF1 is the F1 measured on the dev file at DefaultThreshold when the
// matcher was last tuned, minus a margin of 0.01.
const minF1 = 0.879

// TestQualityDev computes precision, recall and F1 on the dev benchmark at
// DefaultThreshold, checks F1 against minF1 and that every STRONG pair is
// right. With -v it also prints a threshold sweep and the errors.
func TestQualityDev(t *testing.T) {
	pairs := loadBench(t)
	scores := make([]float64, len(pairs))
	var c counts
	for i, p := range pairs {
		r := match.Compare(p.schema, p.name1, p.name2)
		scores[i] = r.Score
		if r.Match != (r.Score >= match.DefaultThreshold) {
			t.Errorf("%q/%q: Match=%v with score %.3f", p.name1, p.name2, r.Match, r.Score)
		}
		c.add(r.Match, p.match)
		if p.quality == "STRONG" && r.Match != p.match {
			t.Errorf("STRONG pair wrong: %s %q ~ %q: want %v, got %s", p.schema, p.name1, p.name2, p.match, r.Explanation)
		}
		if testing.Verbose() && r.Match != p.match {
			t.Logf("%s want=%v %s", p.quality, p.match, r.Explanation)
		}
	}
	prec, rec, f1 := c.prf()
	t.Logf("dev at threshold %.2f: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d tn %d); logic-v2: P 0.807 R 0.811 F1 0.809",
		match.DefaultThreshold, prec, rec, f1, c.tp, c.fp, c.fn, c.tn)
	if f1 < minF1 {
		t.Errorf("F1 %.3f below %.3f", f1, minF1)
	}
	if testing.Verbose() {
		for th := 0.5; th <= 0.951; th += 0.025 {
			var s counts
			for i, p := range pairs {
				s.add(scores[i] >= th, p.match)
			}
			p, r, f := s.prf()
			t.Logf("threshold %.3f: P %.3f R %.3f F1 %.3f", th, p, r, f)
		}
	}
}

// TestQualityBreakdown prints per-category and per-group results (with -v);
// it fails only if a category is empty, which would mean the file changed.
func TestQualityBreakdown(t *testing.T) {
	pairs := loadBench(t)
	by := map[string]*counts{}
	for _, p := range pairs {
		for _, k := range []string{"group " + p.group, "schema " + p.schema, "quality " + p.quality, "category " + p.category} {
			if by[k] == nil {
				by[k] = &counts{}
			}
			by[k].add(match.Compare(p.schema, p.name1, p.name2).Match, p.match)
		}
	}
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		c := by[k]
		if c.tp+c.fp+c.fn+c.tn == 0 {
			t.Errorf("%s: no rows", k)
		}
		fmt.Fprintf(&b, "\n%-45s n=%3d right=%3d tp=%3d fp=%3d fn=%3d tn=%3d", k, c.tp+c.fp+c.fn+c.tn, c.tp+c.tn, c.tp, c.fp, c.fn, c.tn)
	}
	t.Log(b.String())
}
