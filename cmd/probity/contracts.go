package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/probity/probity"
)

func (m *Main) contractsList(ctx context.Context, args []string) error {
	fs := m.newFlagSet("contracts list", "contracts list [--json] [--buyer NAME] [--status S] [--limit N]")
	asJSON := fs.Bool("json", false, "write JSON Lines, one contract per line")
	var f probity.ContractFilter
	fs.StringVar(&f.Buyer, "buyer", "", "only contracts whose buyer, or a body it is part of, has a name containing NAME")
	fs.StringVar(&f.Status, "status", "", "only contracts with this status (planned, active, completed, terminated, cancelled, unknown)")
	fs.IntVar(&f.Limit, "limit", 0, "at most N contracts")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("contracts list: unexpected argument %q", fs.Arg(0))
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	list, err := store.Contracts(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		for i := range list {
			if err := enc.Encode(contractJSON(&list[i])); err != nil {
				return err
			}
		}
		return nil
	}
	return writeList(m, false, list, "ID\tSTATUS\tBUYER\tSUPPLIERS\tVALUE\tTITLE", "contracts", func(c *probity.Contract) string {
		return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s", c.ID, c.Status, clip(buyerName(c), 40), clip(supplierNames(c), 40), formatValue(c.Value), clip(c.Title, 60))
	})
}

// contractJSON is the documented JSON Lines shape of a contract: at least
// id, title, status, buyer{id,name}, suppliers[{id,name}],
// value{amount,currency}, source, and obligated and potential beside
// value; a value that is not known is null, never 0.
func contractJSON(c *probity.Contract) any {
	out := struct {
		*probity.Contract
		Buyer     probity.OrgRef   `json:"buyer"`
		Suppliers []probity.OrgRef `json:"suppliers"`
	}{Contract: c, Suppliers: c.Suppliers}
	if c.Buyer != nil {
		out.Buyer = *c.Buyer
	}
	if out.Suppliers == nil {
		out.Suppliers = []probity.OrgRef{}
	}
	return out
}

func (m *Main) contractsShow(ctx context.Context, args []string) error {
	fs := m.newFlagSet("contracts show", "contracts show [--json] ID")
	asJSON := fs.Bool("json", false, "write JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("contracts show: want one contract ID")
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	c, prov, err := lookupContract(ctx, store, fs.Arg(0)) // a former id leads to its contract (contract_sources.go)
	if err != nil {
		return err
	}
	if *asJSON {
		out, err := withProvenance(contractJSON(c), prov)
		if err != nil {
			return err
		}
		return writeJSON(m.Stdout, out)
	}
	w := m.Stdout
	fmt.Fprintf(w, "Contract     %s\n", c.ID)
	fmt.Fprintf(w, "Title        %s\n", c.Title)
	if c.Description != "" && c.Description != c.Title {
		fmt.Fprintf(w, "Description  %s\n", c.Description)
	}
	fmt.Fprintf(w, "Status       %s\n", c.Status)
	fmt.Fprintf(w, "Value        %s\n", formatValue(c.Value))
	if c.Obligated != nil || c.Potential != nil {
		fmt.Fprintf(w, "Obligated    %s\nPotential    %s\n", formatValue(c.Obligated), formatValue(c.Potential))
	}
	fmt.Fprintf(w, "Period       %s – %s\n", orDash(c.Period.Start), orDash(c.Period.End))
	if c.Buyer != nil {
		fmt.Fprintf(w, "Buyer        %s (org %d)\n", c.Buyer.Name, c.Buyer.ID)
		if err := m.printHierarchy(ctx, store, c.Buyer.ID); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(w, "Buyer        —\n")
	}
	for i, s := range c.Suppliers {
		label := ""
		if i == 0 {
			label = "Suppliers"
		}
		fmt.Fprintf(w, "%-12s %s (org %d)\n", label, s.Name, s.ID)
	}
	for i, s := range c.Subcontractors {
		label := ""
		if i == 0 {
			label = "Subcontract."
		}
		fmt.Fprintf(w, "%-12s %s (org %d)\n", label, s.Name, s.ID)
	}
	fmt.Fprintf(w, "Source       %s %s\n", c.Source, c.SourceReference)
	for _, f := range c.SourceFiles {
		fmt.Fprintf(w, "             %s\n", f)
	}
	prov.print(w)
	if ds, err := store.Decisions(ctx, probity.DecisionFilter{ContractID: c.ID, LatestOnly: true}); err == nil && len(ds) == 1 {
		fmt.Fprintf(w, "Decision     %s (decision %d, %s; probity decisions show %s)\n", ds[0].Outcome, ds[0].ID, ruleIDs(ds[0].Reasons), c.ID)
	}
	if cases, err := store.Cases(ctx, probity.CaseFilter{ContractID: c.ID}); err == nil {
		for _, cs := range cases {
			fmt.Fprintf(w, "Case         %d: %s %s (probity cases show %d)\n", cs.ID, cs.State, cs.Outcome, cs.ID)
		}
	}
	hist, err := store.Audit(ctx, probity.AuditFilter{Object: "contract:" + c.ID})
	if err != nil {
		return err
	}
	if len(hist) > 0 {
		fmt.Fprintln(w, "\nHistory")
		for _, e := range hist {
			fmt.Fprintf(w, "  %s  %s by %s: %s → %s\n", e.At.UTC().Format("2006-01-02 15:04:05Z"), e.Action, e.Actor, orDash(string(e.Before)), orDash(string(e.After)))
		}
	}
	return nil
}

// printHierarchy prints the chain of bodies the buyer is part of.
func (m *Main) printHierarchy(ctx context.Context, store probity.RegisterStore, id int64) error {
	seen := map[int64]bool{id: true}
	var chain []string
	for {
		o, err := store.Organization(ctx, id)
		if err != nil {
			return err
		}
		if o.PartOf == nil || seen[o.PartOf.ID] {
			break
		}
		seen[o.PartOf.ID] = true
		chain = append(chain, fmt.Sprintf("%s (org %d)", o.PartOf.Name, o.PartOf.ID))
		id = o.PartOf.ID
	}
	if len(chain) > 0 {
		fmt.Fprintf(m.Stdout, "             ⊂ %s\n", strings.Join(chain, " ⊂ "))
	}
	return nil
}

func buyerName(c *probity.Contract) string {
	if c.Buyer == nil {
		return "—"
	}
	return c.Buyer.Name
}

func supplierNames(c *probity.Contract) string {
	var names []string
	for _, s := range c.Suppliers {
		names = append(names, s.Name)
	}
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, "; ")
}

func formatValue(v *probity.Value) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%s %s", commas(v.Amount), v.Currency)
}

// commas formats an amount with thousands separators and two decimals.
func commas(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
