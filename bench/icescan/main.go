// Command icescan screens the names of the ICE contractor register
// (recipients, parents and subawardees; see benchdata.ICERegister) against
// the OFAC SDN list at match.DefaultThreshold and prints every hit with its
// explanation and the number of names hit. None of these contractors is on
// the list, so every hit is a false hit; a matcher change must not add any.
//
//	go run ./bench/icescan [-schema Organization] [-v]
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/probity/probity/bench/internal/benchdata"
	"github.com/probity/probity/match"
)

func main() {
	schema := flag.String("schema", "Organization", "FtM schema of the register names (Organization, LegalEntity…)")
	verbose := flag.Bool("v", false, "print each hit's explanation")
	corpus := flag.Bool("corpus", true, "count the register's names in the index's word weights, as a system holding them does")
	flag.Parse()
	if err := run(*schema, *verbose, *corpus); err != nil {
		fmt.Fprintln(os.Stderr, "icescan:", err)
		os.Exit(1)
	}
}

func run(schema string, verbose, corpus bool) error {
	root, err := benchdata.Root()
	if err != nil {
		return err
	}
	sdn, err := benchdata.SDN(root)
	if err != nil {
		return err
	}
	reg, err := benchdata.ICERegister(root)
	if err != nil {
		return err
	}
	var opt match.IndexOptions
	if corpus {
		for _, r := range reg {
			opt.Corpus = append(opt.Corpus, r.Name)
		}
	}
	ix := match.NewIndexWith(sdn, opt)
	bySource := map[string][2]int{}
	hitNames := 0
	for _, r := range reg {
		hits, err := ix.Search(match.Query{Name: r.Name, Schema: schema}, match.DefaultThreshold, 3)
		if err != nil {
			continue // a name with no letter: not screened
		}
		c := bySource[r.Source]
		c[0]++
		if len(hits) > 0 {
			c[1]++
			hitNames++
			h := hits[0]
			fmt.Printf("%.3f  %-45q ~ %q (%s %s)\n", h.Score, r.Name, h.MatchedName, h.Entry.SourceID, h.NameType)
			if verbose {
				fmt.Printf("       %s\n", h.Explanation)
			}
		}
		bySource[r.Source] = c
	}
	srcs := make([]string, 0, len(bySource))
	for s := range bySource {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	for _, s := range srcs {
		fmt.Printf("%-16s %5d names, %3d hit\n", s, bySource[s][0], bySource[s][1])
	}
	fmt.Printf("ICE register: %d names screened as %s against %d SDN entries (%s, threshold %.2f, register in word weights: %v): %d hit\n",
		len(reg), schema, len(sdn), match.Version, match.DefaultThreshold, corpus, hitNames)
	return nil
}
