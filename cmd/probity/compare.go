package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/probity/probity/internal/input"
	"github.com/probity/probity/match"
	"github.com/probity/probity/match/translit"
	"github.com/probity/probity/queryfile"
)

func (m *Main) runCompare(ctx context.Context, args []string) error {
	fs := m.newFlagSet("compare", "compare [--json] [--schema S] NAME1 NAME2 | compare --batch FILE")
	schema := fs.String("schema", "", "FollowTheMoney schema of both names (Person, Company, Organization, LegalEntity, Vessel…)")
	asJSON := fs.Bool("json", false, "write JSON")
	batch := fs.String("batch", "", "score every row of a CSV with header schema,name1,name2; write the rows back with score,match added")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *batch != "" {
		if fs.NArg() > 0 {
			return usagef("compare: give NAME1 NAME2 or --batch FILE, not both")
		}
		return m.compareBatch(ctx, *batch)
	}
	if fs.NArg() != 2 {
		return usagef("compare: want two names (quote names with spaces)")
	}
	r := match.Compare(*schema, fs.Arg(0), fs.Arg(1))
	if *asJSON {
		return json.NewEncoder(m.Stdout).Encode(struct {
			Name1       string            `json:"name1"`
			Name2       string            `json:"name2"`
			Schema      string            `json:"schema"`
			Score       float64           `json:"score"`
			Match       bool              `json:"match"`
			Threshold   float64           `json:"threshold"`
			Explanation match.Explanation `json:"explanation"`
			Summary     string            `json:"summary"`
		}{fs.Arg(0), fs.Arg(1), *schema, round4(r.Score), r.Match, match.DefaultThreshold, r.Explanation, r.Explanation.String()})
	}
	verdict := "no match"
	if r.Match {
		verdict = "match"
	}
	fmt.Fprintf(m.Stdout, "score %.4f: %s (threshold %.2f)\n", r.Score, verdict, match.DefaultThreshold)
	fmt.Fprintf(m.Stdout, "why: %s\n", r.Explanation.String())
	if rom := r.Explanation.Romanisation; rom != nil {
		fmt.Fprintln(m.Stdout, "romanised:")
		writeRomanised(m.Stdout, "name1", rom.Query)
		writeRomanised(m.Stdout, "name2", rom.Candidate)
		if rom.System != "" {
			fmt.Fprintf(m.Stdout, "  compared as romanised by %s: %s\n", rom.System, rom.Compared)
		}
	}
	return nil
}

// writeRomanised writes how the parts of a name in another script were
// romanised, one part a line: as written, the Latin compared, the rule and
// the other usual spellings.
func writeRomanised(w io.Writer, label string, parts []translit.Part) {
	for _, p := range parts {
		fmt.Fprintf(w, "  %s %s %s → %s (%s", label, p.Script, p.Source, p.Latin, p.Rule)
		for i, v := range p.Variants {
			if i == 0 {
				fmt.Fprint(w, "; also ")
			} else {
				fmt.Fprint(w, ", ")
			}
			fmt.Fprint(w, v.Latin)
		}
		fmt.Fprintln(w, ")")
	}
}

// compareBatch scores each row and writes the rows back, in order, with
// score and match added.
func (m *Main) compareBatch(ctx context.Context, path string) error {
	out := bufio.NewWriterSize(m.Stdout, 1<<16)
	defer out.Flush()
	return input.Walk([]string{path}, input.Options{Stdin: m.Stdin}, func(f *input.File) error {
		return queryfile.ScorePairs(f.R, f.Name, out, func(p queryfile.Pair) (float64, bool, error) {
			if err := ctx.Err(); err != nil {
				return 0, false, err
			}
			r := match.Compare(p.Schema, p.Name1, p.Name2)
			return r.Score, r.Match, nil
		})
	})
}
