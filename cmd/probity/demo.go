package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/demo"
	"github.com/probity/probity/findingfile"
	"github.com/probity/probity/register"
)

// demoExample is the contract the demo explains: ICE's 2021 Microsoft
// enterprise licences, bought through Dell Federal Systems.
const demoExample = "CONT_AWD_70CTD021FC0000045_7012_70RTAC21A00000001_7001"

func (m *Main) runDemo(ctx context.Context, args []string) error {
	fs := m.newFlagSet("demo", "demo [--addr 127.0.0.1:8080] [--no-serve]")
	addr := fs.String("addr", m.Config.Serve.Addr, "address to serve on")
	noServe := fs.Bool("no-serve", false, "load the scenario and print the register; do not serve")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("demo: unexpected argument %q", fs.Arg(0))
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	var st register.Stats
	err = store.Update(ctx, func(tx probity.Tx) error {
		ing := register.NewIngest(tx, register.Options{}, &st)
		others, err := demo.OCDSFiles()
		if err != nil {
			return err
		}
		files := append(slices.Clone(demo.USAspendingFiles), others...) // buyers other than ICE and CBP after
		for _, name := range files {
			f, err := demo.Open(name)
			if err != nil {
				return err
			}
			src := register.Source{Name: demo.DisplayName(name), R: f}
			if strings.HasPrefix(name, "data/ocds/") {
				err = ing.OCDS(ctx, src)
			} else {
				err = ing.USAspending(ctx, src)
			}
			f.Close()
			if err != nil {
				return err
			}
		}
		return ing.Finish(ctx)
	})
	if err != nil {
		return fmt.Errorf("loading the demo: %w", err)
	}
	fmt.Fprintf(m.Stdout, "probity demo: the 2018 scenario, loaded into %s\n", m.Config.DB)
	fmt.Fprintf(m.Stdout, "  register: %s\n", st.String())
	fmt.Fprintf(m.Stdout, "  sources: demo/data/ATTRIBUTION.md (USAspending data via Torn Apart / Separados and the cbp-ice-dashboard extract; OCDS data of UK, Mexico City and Armenian public buyers; the OFAC SDN list)\n")

	// The evidence: findings with their citations, and the resellers.
	findings, err := findingfile.Demo2018()
	if err != nil {
		return err
	}
	added, _, err := importFindings(ctx, store, findings)
	if err != nil {
		return fmt.Errorf("demo findings: %w", err)
	}
	fmt.Fprintf(m.Stdout, "  evidence: %d findings (%d new), from findingfile/demo/findings-2018.yaml\n", len(findings), added)
	for _, r := range demo.Relations {
		from, err := register.Lookup(ctx, store, r.From, nil)
		if err != nil {
			return fmt.Errorf("demo relation %s: %w", r.From, err)
		}
		to, err := register.Lookup(ctx, store, r.To, nil)
		if err != nil {
			return fmt.Errorf("demo relation %s: %w", r.To, err)
		}
		if _, err := store.AddRelationship(ctx, probity.Relationship{From: from, To: to, Kind: r.Kind, Source: r.Source}); err != nil {
			return err
		}
	}
	// The sanctions list, and screening of every party.
	load, err := demoWatchList()
	if err != nil {
		return err
	}
	if cur, _, err := store.CurrentList(ctx, demo.ListName); err != nil || cur.Hash != load.Version.Hash {
		if _, err := store.SaveList(ctx, load.Version, load.Entries); err != nil {
			return err
		}
	}
	// The policy, written from the letter. What follows the changes
	// (screening, deciding, opening cases) is the pipeline's, as after any
	// command.
	v, err := m.publishPolicy(ctx, store, "default", "probity demo")
	if err != nil {
		return err
	}
	p, err := m.pipelineOf(store)
	if err != nil {
		return err
	}
	m.decideGC()
	res, err := p.Drain(ctx)
	if err != nil {
		return err
	}
	orgs, err := store.Organizations(ctx, probity.OrgFilter{})
	if err != nil {
		return err
	}
	hits, err := store.Screenings(ctx, 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "  screening: %d organizations against the %d entries of the OFAC SDN list of 2024-05-03 (%d under GLOMAG, the Global Magnitsky human-rights programme): %d possible matches to confirm\n",
		len(orgs), len(load.Entries), glomagEntries(load), len(hits))
	fmt.Fprintf(m.Stdout, "  policy: the default policy, version %d (sha256 %s)\n", v.ID, short(v.Hash))
	fmt.Fprintf(m.Stdout, "  decisions: %d contracts decided now, %d changed\n", res.Decided.Decided, res.Decided.Recorded)
	fmt.Fprintf(m.Stdout, "  review: %d cases opened now for the contracts to review or deny (probity cases list)\n\n", res.Cases.Opened)
	if err := m.printRegister(ctx, store); err != nil {
		return err
	}
	if err := m.printDemoOutcomes(ctx, store); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, "\nWhy, for one of them (probity decisions show CONTRACT):")
	latest, err := store.Decisions(ctx, probity.DecisionFilter{ContractID: demoExample, LatestOnly: true})
	if err != nil {
		return err
	}
	if len(latest) == 1 {
		if err := m.explainDecision(ctx, store, &latest[0]); err != nil {
			return err
		}
	}
	if *noServe {
		return nil
	}
	if err := m.demoSignIn(ctx, store, *addr); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "\nserving the scenario on http://%s (stop with Ctrl-C)\n", *addr)
	return m.runServe(ctx, []string{"--addr", *addr})
}

// printRegister prints the register as the demo shows it: totals by buyer,
// then the contracts with Microsoft or its resellers, the subject of the
// 2018 letter.
func (m *Main) printRegister(ctx context.Context, store interface {
	probity.RegisterStore
	probity.DecisionStore
}) error {
	all, err := store.Contracts(ctx, probity.ContractFilter{})
	if err != nil {
		return err
	}
	type total struct {
		buyer  string
		n      int
		priced int // contracts with a known value in USD
		amount float64
	}
	byBuyer := map[string]*total{}
	for _, c := range all {
		b := buyerName(&c)
		t := byBuyer[b]
		if t == nil {
			t = &total{buyer: b}
			byBuyer[b] = t
		}
		t.n++
		if c.Value != nil && c.Value.Currency == "USD" {
			t.amount += c.Value.Amount
			t.priced++
		}
	}
	var totals []*total
	for _, t := range byBuyer {
		totals = append(totals, t)
	}
	sort.Slice(totals, func(i, j int) bool { return totals[i].amount > totals[j].amount })
	fmt.Fprintf(m.Stdout, "The register: %d contracts\n", len(all))
	tw := newTable(m.Stdout)
	fmt.Fprintln(tw, "BUYER\tCONTRACTS\tVALUE (USD)")
	for _, t := range totals {
		sum := commas(t.amount)
		if t.priced == 0 {
			sum = "—" // no value in USD known: not 0
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", t.buyer, t.n, sum)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	latest, err := store.Decisions(ctx, probity.DecisionFilter{LatestOnly: true})
	if err != nil {
		return err
	}
	outcome := map[string]string{}
	for _, d := range latest {
		outcome[d.ContractID] = d.Outcome
	}
	fmt.Fprintln(m.Stdout, "\nContracts that mention Microsoft, Azure or LinkedIn (a Microsoft subsidiary) in their title, description or supplier — most bought through resellers such as Dell Federal Systems — and the policy's decision:")
	tw = newTable(m.Stdout)
	fmt.Fprintln(tw, "DECISION\tID\tBUYER\tSUPPLIER\tVALUE\tTITLE")
	n := 0
	for _, c := range all {
		text := strings.ToUpper(c.Title + " " + c.Description + " " + supplierNames(&c))
		if !strings.Contains(text, "MICROSOFT") && !strings.Contains(text, "AZURE") && !strings.Contains(text, "LINKEDIN") {
			continue
		}
		n++
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", orDash(outcome[c.ID]), c.ID, clip(buyerName(&c), 36), clip(supplierNames(&c), 34), formatValue(c.Value), clip(c.Title, 50))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%d contracts. See one with: probity contracts show ID; list all with: probity contracts list\n", n)
	// The press figure, set against the data.
	const press = 19.4e6
	var nearest *probity.Contract
	for i := range all {
		c := &all[i]
		if c.Value == nil || c.Value.Currency != "USD" {
			continue
		}
		if nearest == nil || math.Abs(c.Value.Amount-press) < math.Abs(nearest.Value.Amount-press) {
			nearest = c
		}
	}
	fmt.Fprint(m.Stdout, "The press in June 2018 put Microsoft's ICE contract at about $19.4 million. That figure matches no single award in this data")
	if nearest != nil {
		fmt.Fprintf(m.Stdout, " (the nearest is %s, %s: %s)", nearest.ID, formatValue(nearest.Value), clip(nearest.Title, 60))
	}
	fmt.Fprintln(m.Stdout, "; it may add several awards together, or be a ceiling rather than an obligated amount.")
	return nil
}
