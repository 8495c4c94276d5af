package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/probity/probity/match"
	"github.com/probity/probity/screen"
)

// screenResult is one line of `screen --json` and `screen --batch` output
// (the command-line contract).
type screenResult struct {
	QueryID string      `json:"query_id"`
	Query   string      `json:"query"`
	Error   string      `json:"error,omitempty"`
	Results []screenHit `json:"results"`
}

type screenHit struct {
	ID          string            `json:"id"`
	SourceID    string            `json:"source_id"`
	List        string            `json:"list"`
	Name        string            `json:"name"`
	Schema      string            `json:"schema"`
	Score       float64           `json:"score"`
	Match       bool              `json:"match"`
	MatchedName string            `json:"matched_name"`
	NameType    string            `json:"name_type"`
	Programs    []string          `json:"programs,omitempty"`
	Explanation match.Explanation `json:"explanation"`
	Summary     string            `json:"summary"`
}

func toScreenHits(hits []match.Hit) []screenHit {
	out := make([]screenHit, 0, len(hits))
	for _, h := range hits {
		out = append(out, screenHit{
			ID: h.Entry.List + ":" + h.Entry.SourceID, SourceID: h.Entry.SourceID, List: h.Entry.List,
			Name: h.Entry.Name, Schema: h.Entry.Schema, Score: round4(h.Score), Match: h.Match,
			MatchedName: h.MatchedName, NameType: h.NameType, Programs: h.Entry.Programs,
			Explanation: h.Explanation, Summary: h.Explanation.String(),
		})
	}
	return out
}

func round4(f float64) float64 {
	return float64(int64(f*10000+0.5)) / 10000
}

func (m *Main) runScreen(ctx context.Context, args []string) error {
	fs := m.newFlagSet("screen", "screen [--json] [--schema S] [--threshold T] [--limit N] NAME | screen --batch FILE [--schema S]")
	asJSON := fs.Bool("json", false, "write JSON")
	schema := fs.String("schema", "", "FollowTheMoney schema of the query: Person, Organization, Company, LegalEntity, Vessel… (default: any)")
	threshold := fs.Float64("threshold", match.DefaultThreshold, "lowest score to report")
	limit := fs.Int("limit", 10, "most results per query")
	batch := fs.String("batch", "", "screen every query in FILE (CSV id,name[,schema,country,birth_date,address] or JSON Lines) and write JSON Lines")
	country := fs.String("country", "", "qualifier: country of the query (ISO code)")
	birth := fs.String("birth-date", "", "qualifier: birth date of a person (YYYY, YYYY-MM-DD)")
	address := fs.String("address", "", "qualifier: address of the query (street, city…), lifts a name that needs one when it places the query where the entry is")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *threshold < 0 || *threshold > 1 {
		return usagef("screen: --threshold must be between 0 and 1")
	}
	if *batch == "" && fs.NArg() == 0 {
		return usagef("screen: want a NAME or --batch FILE")
	}
	if *batch != "" && fs.NArg() > 0 {
		return usagef("screen: give a NAME or --batch FILE, not both")
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	ix, err := screen.BuildIndex(ctx, store)
	if err != nil {
		return err
	}
	if *batch != "" {
		return m.screenBatch(ctx, ix, *batch, *schema, *threshold, *limit)
	}
	q := match.Query{Name: strings.Join(fs.Args(), " "), Schema: *schema, Country: *country, BirthDate: *birth, Address: *address}
	hits, err := ix.Search(q, *threshold, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(m.Stdout).Encode(screenResult{Query: q.Name, Results: toScreenHits(hits)})
	}
	if rom := match.ScriptParts(q.Name); len(rom) > 0 {
		fmt.Fprintln(m.Stdout, "query romanised:")
		writeRomanised(m.Stdout, "query", rom)
	}
	if len(hits) == 0 {
		fmt.Fprintf(m.Stdout, "no entry of %s scores %.2f or more for %q\n", listNames(ix), *threshold, q.Name)
		return nil
	}
	tw := newTable(m.Stdout)
	fmt.Fprintln(tw, "SCORE\tMATCH\tLIST\tSOURCE ID\tSCHEMA\tNAME\tPROGRAMS")
	for _, h := range hits {
		fmt.Fprintf(tw, "%.3f\t%v\t%s\t%s\t%s\t%s\t%s\n", h.Score, h.Match, h.Entry.List, h.Entry.SourceID, h.Entry.Schema, clip(h.Entry.Name, 50), strings.Join(h.Entry.Programs, " "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, "\nwhy:")
	for _, h := range hits {
		fmt.Fprintf(m.Stdout, "  %s:%s  %s\n", h.Entry.List, h.Entry.SourceID, h.Explanation.String())
	}
	return nil
}

func listNames(ix *screen.Index) string {
	var names []string
	for n, v := range ix.Versions {
		names = append(names, fmt.Sprintf("%s (version %d)", n, v.ID))
	}
	return strings.Join(names, ", ")
}
