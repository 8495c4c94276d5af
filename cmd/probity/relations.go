package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/probity/probity"
)

var relationKinds = []string{probity.RelPartOf, probity.RelSubsidiaryOf, probity.RelResellerFor, probity.RelSubcontractorOn, probity.RelEndUserOf, probity.RelSupports}

func (m *Main) relationsAdd(ctx context.Context, args []string) error {
	fs := m.newFlagSet("relations add", "relations add --from ORG --kind KIND (--to ORG | --contract ID) [--source TEXT] [--start DATE] [--end DATE]")
	var r probity.Relationship
	fs.Int64Var(&r.From, "from", 0, "organization id")
	fs.Int64Var(&r.To, "to", 0, "organization id")
	fs.StringVar(&r.ContractID, "contract", "", "contract id (for subcontractor_on and end_user_of a contract)")
	fs.StringVar(&r.Kind, "kind", "", "one of "+fmt.Sprint(relationKinds))
	fs.StringVar(&r.Source, "source", "", "where this is known from (default: manual, by $USER)")
	fs.StringVar(&r.Start, "start", "", "since when")
	fs.StringVar(&r.End, "end", "", "until when")
	if err := parse(fs, args); err != nil {
		return err
	}
	if r.From == 0 || !slices.Contains(relationKinds, r.Kind) || (r.To == 0) == (r.ContractID == "") {
		return usagef("relations add: want --from, a --kind among %v, and either --to or --contract", relationKinds)
	}
	if r.ContractID != "" && r.Kind != probity.RelSubcontractorOn && r.Kind != probity.RelEndUserOf {
		return usagef("relations add: only subcontractor_on and end_user_of relate an organization to a contract")
	}
	if r.Source == "" {
		r.Source = "manual"
		if u := m.Getenv("USER"); u != "" {
			r.Source += " (" + u + ")"
		}
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	added, err := store.AddRelationship(ctx, r)
	if err != nil {
		return err
	}
	if !added {
		fmt.Fprintln(m.Stdout, "that relationship is already recorded")
		return nil
	}
	fmt.Fprintf(m.Stdout, "recorded: %s\n", m.describeRelationship(ctx, store, 0, r))
	return m.afterChange(ctx, store)
}

func (m *Main) relationsList(ctx context.Context, args []string) error {
	fs := m.newFlagSet("relations list", "relations list --org ID")
	org := fs.Int64("org", 0, "organization id")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *org == 0 {
		return usagef("relations list: --org is required")
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	rels, err := store.Relationships(ctx, *org)
	if err != nil {
		return err
	}
	for _, r := range rels {
		fmt.Fprintln(m.Stdout, m.describeRelationship(ctx, store, 0, r))
	}
	return nil
}
