// Command namebench measures the matcher on the nomenklatura name-pair
// benchmark (../shared/data/matching/name_pairs/nomenklatura_name_bench_dev.csv):
// precision, recall and F1 of match.Compare at match.DefaultThreshold over
// the whole set, every STRONG pair, and k-fold cross-validation — the rows
// shuffled by a seed into k folds; for each fold the threshold is chosen on
// the other k−1 folds (best F1; the middle of its plateau) and F1 is
// measured on the held-out fold. The mean and spread of the held-out F1
// beside the whole-set figure show how much of it comes from fitting the
// threshold to these rows. The scoring rules themselves are fixed code:
// cross-validation measures the tuned threshold, and the gap to held-out
// data the rules were never shown is measured by bench/perturb.
//
//	go run ./bench/namebench [-k 5] [-repeats 10] [-seed 1] [-errors]
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/probity/probity/bench/internal/benchdata"
	"github.com/probity/probity/match"
)

type row struct {
	schema, a, b, quality string
	match                 bool
	score                 float64
}

type counts struct{ tp, fp, fn, tn int }

func (c *counts) add(pred, truth bool) {
	switch {
	case pred && truth:
		c.tp++
	case pred:
		c.fp++
	case truth:
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

func f1At(rows []row, th float64) float64 {
	var c counts
	for _, r := range rows {
		c.add(r.score >= th, r.match)
	}
	_, _, f := c.prf()
	return f
}

// tune returns the threshold of best F1 on rows: the middle of the longest
// run of grid thresholds that reach it, so that one row does not move it.
func tune(rows []row) float64 {
	const lo, hi, step = 0.5, 0.95, 0.005
	best := -1.0
	var fs []float64
	for th := lo; th <= hi+1e-9; th += step {
		f := f1At(rows, th)
		fs = append(fs, f)
		best = max(best, f)
	}
	runStart, bestStart, bestLen := -1, 0, 0
	for i := 0; i <= len(fs); i++ {
		if i < len(fs) && fs[i] >= best-1e-12 {
			if runStart < 0 {
				runStart = i
			}
			continue
		}
		if runStart >= 0 && i-runStart > bestLen {
			bestStart, bestLen = runStart, i-runStart
		}
		runStart = -1
	}
	return lo + step*float64(bestStart+(bestLen-1)/2)
}

func main() {
	k := flag.Int("k", 5, "folds")
	repeats := flag.Int("repeats", 10, "shuffles of the rows into folds")
	seed := flag.Uint64("seed", 1, "seed of the shuffles")
	errs := flag.Bool("errors", false, "print every pair decided wrongly at the default threshold, with its explanation")
	flag.Parse()
	if err := run(*k, *repeats, *seed, *errs); err != nil {
		fmt.Fprintln(os.Stderr, "namebench:", err)
		os.Exit(1)
	}
}

func run(k, repeats int, seed uint64, errs bool) error {
	root, err := benchdata.Root()
	if err != nil {
		return err
	}
	path := filepath.Join(root, "matching", "name_pairs", "nomenklatura_name_bench_dev.csv")
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) < 2 || len(recs[0]) < 6 {
		return fmt.Errorf("%s: want a header and rows of at least 6 columns", path)
	}
	var rows []row
	for i, r := range recs[1:] {
		if len(r) < 6 {
			return fmt.Errorf("%s:%d: want at least 6 columns, got %d", path, i+2, len(r))
		}
		rows = append(rows, row{schema: r[1], a: r[2], b: r[3], match: r[4] == "true", quality: r[5]})
	}
	var all, strong counts
	strongWrong := 0
	for i := range rows {
		res := match.Compare(rows[i].schema, rows[i].a, rows[i].b)
		rows[i].score = res.Score
		pred := rows[i].score >= match.DefaultThreshold
		all.add(pred, rows[i].match)
		if errs && pred != rows[i].match {
			fmt.Printf("WRONG want %v %s: %s\n", rows[i].match, rows[i].schema, res.Explanation)
		}
		if rows[i].quality == "STRONG" {
			strong.add(pred, rows[i].match)
			if pred != rows[i].match {
				strongWrong++
				fmt.Printf("STRONG pair wrong: %s %q ~ %q want %v score %.3f\n", rows[i].schema, rows[i].a, rows[i].b, rows[i].match, rows[i].score)
			}
		}
	}
	p, r, f1 := all.prf()
	fmt.Printf("name_bench dev, %s, %d rows: threshold %.3f: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d tn %d)\n",
		match.Version, len(rows), match.DefaultThreshold, p, r, f1, all.tp, all.fp, all.fn, all.tn)
	fmt.Printf("STRONG pairs: %d of %d right\n", strong.tp+strong.tn, strong.tp+strong.tn+strong.fp+strong.fn)
	fmt.Printf("threshold of best F1 on the whole set: %.3f (F1 %.3f)\n", tune(rows), f1At(rows, tune(rows)))

	rng := rand.New(rand.NewPCG(seed, 0xcf))
	var held, heldDefault, ths []float64
	for range repeats {
		perm := rng.Perm(len(rows))
		for fold := range k {
			var train, test []row
			for i, j := range perm {
				if i%k == fold {
					test = append(test, rows[j])
				} else {
					train = append(train, rows[j])
				}
			}
			th := tune(train)
			ths = append(ths, th)
			held = append(held, f1At(test, th))
			heldDefault = append(heldDefault, f1At(test, match.DefaultThreshold))
		}
	}
	m, sd := meanSD(held)
	md, sdd := meanSD(heldDefault)
	mt, sdt := meanSD(ths)
	fmt.Printf("%d-fold cross-validation, %d shuffles (seed %d): held-out F1 %.3f ± %.3f (threshold tuned on the other folds: %.3f ± %.3f); at the default threshold %.3f ± %.3f\n",
		k, repeats, seed, m, sd, mt, sdt, md, sdd)
	fmt.Printf("gap whole-set F1 − cross-validated F1: %.3f\n", f1-m)
	if strongWrong > 0 {
		return fmt.Errorf("%d STRONG pairs wrong", strongWrong)
	}
	return nil
}

func meanSD(xs []float64) (float64, float64) {
	var s float64
	for _, x := range xs {
		s += x
	}
	m := s / float64(len(xs))
	var v float64
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	if len(xs) > 1 {
		v /= float64(len(xs) - 1)
	}
	return m, math.Sqrt(v)
}
