package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/probity/probity"
)

func (m *Main) orgsList(ctx context.Context, args []string) error {
	fs := m.newFlagSet("orgs list", "orgs list [--json] [--name TEXT] [--limit N]")
	asJSON := fs.Bool("json", false, "write JSON Lines")
	var f probity.OrgFilter
	fs.StringVar(&f.Name, "name", "", "only organizations with a name or alias containing TEXT")
	fs.IntVar(&f.Limit, "limit", 0, "at most N organizations")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	list, err := store.Organizations(ctx, f)
	if err != nil {
		return err
	}
	return writeList(m, *asJSON, list, "ID\tKIND\tNAME\tIDENTIFIERS", "organizations", func(o *probity.Organization) string {
		return fmt.Sprintf("%d\t%s\t%s\t%s", o.ID, o.Kind, clip(o.Name, 60), identifiers(o.Identifiers))
	})
}

func (m *Main) orgsShow(ctx context.Context, args []string) error {
	fs := m.newFlagSet("orgs show", "orgs show [--json] ID")
	asJSON := fs.Bool("json", false, "write JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := oneID(fs, "organization")
	if err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	o, err := store.Organization(ctx, id)
	if err != nil {
		return err
	}
	rels, err := store.Relationships(ctx, id)
	if err != nil {
		return err
	}
	hits, err := store.Screenings(ctx, id)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, struct {
			*probity.Organization
			Relationships []probity.Relationship    `json:"relationships"`
			Screening     []probity.ScreeningResult `json:"screening"`
		}{o, rels, hits})
	}
	w := m.Stdout
	fmt.Fprintf(w, "Organization %d: %s\n", o.ID, o.Name)
	fmt.Fprintf(w, "Kind         %s\n", o.Kind)
	if o.Country != "" {
		fmt.Fprintf(w, "Country      %s\n", o.Country)
	}
	if o.PartOf != nil {
		fmt.Fprintf(w, "Part of      %s (org %d)\n", o.PartOf.Name, o.PartOf.ID)
	}
	if len(o.Roles) > 0 {
		fmt.Fprintf(w, "Roles        %s\n", strings.Join(o.Roles, ", "))
	}
	fmt.Fprintf(w, "Identifiers  %s\n", identifiers(o.Identifiers))
	fmt.Fprintln(w, "\nNames (as each source wrote them)")
	for _, a := range o.Aliases {
		fmt.Fprintf(w, "  %-50s  %s\n", a.Name, a.Source)
	}
	fmt.Fprintln(w, "\nWhy these records are one organization")
	for _, mr := range o.Merges {
		fmt.Fprintf(w, "  %s\n", explainMerge(mr))
	}
	if len(hits) > 0 {
		fmt.Fprintln(w, "\nScreening hits (to be confirmed by a reviewer)")
		for _, h := range hits {
			fmt.Fprintf(w, "  %.3f  %s:%s  %s [%s]  (list version %d, matcher %s)\n", h.Score, h.List, h.SourceID, h.EntryName,
				strings.Join(h.Programs, " "), h.ListVersionID, h.MatcherVersion)
		}
	}
	if len(rels) > 0 {
		fmt.Fprintln(w, "\nRelationships")
		for _, r := range rels {
			fmt.Fprintf(w, "  %s\n", m.describeRelationship(ctx, store, o.ID, r))
		}
	}
	return nil
}

func explainMerge(mr probity.MergeReason) string {
	switch mr.Rule {
	case "new":
		return fmt.Sprintf("%q from %s: first seen; nothing matched, so a new organization", mr.Name, mr.Source)
	case "identifier":
		return fmt.Sprintf("%q from %s: shares the identifier %s", mr.Name, mr.Source, mr.Key)
	case "normalised-name":
		return fmt.Sprintf("%q from %s: same normalised name %q, no identifier or kind contradicting it", mr.Name, mr.Source, mr.Key)
	}
	return fmt.Sprintf("%q from %s: %s %s", mr.Name, mr.Source, mr.Rule, mr.Key)
}

func (m *Main) describeRelationship(ctx context.Context, store probity.RegisterStore, self int64, r probity.Relationship) string {
	name := func(id int64) string {
		if id == self {
			return "this"
		}
		if o, err := store.Organization(ctx, id); err == nil {
			return fmt.Sprintf("%s (org %d)", o.Name, id)
		}
		return fmt.Sprintf("org %d", id)
	}
	target := r.ContractID
	if r.To != 0 {
		target = name(r.To)
	} else if target != "" {
		target = "contract " + target
	}
	return fmt.Sprintf("%s %s %s  [%s]", name(r.From), r.Kind, target, r.Source)
}

func identifiers(ids []probity.Identifier) string {
	if len(ids) == 0 {
		return "—"
	}
	var parts []string
	for _, x := range ids {
		parts = append(parts, x.Scheme+":"+x.ID)
	}
	return strings.Join(parts, ", ")
}
