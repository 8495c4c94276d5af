package main

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/findingfile"
	"github.com/probity/probity/register"
)

// multi is a repeatable string flag.
type multi []string

func (v *multi) String() string     { return strings.Join(*v, "; ") }
func (v *multi) Set(s string) error { *v = append(*v, s); return nil }

// parseLegalBasis reads "CRC art. 9" or "ICCPR 17" as instrument + article.
func parseLegalBasis(s string) probity.LegalBasis {
	s = strings.TrimSpace(s)
	fields := strings.Fields(s)
	if len(fields) < 2 {
		return probity.LegalBasis{Instrument: s}
	}
	article := fields[len(fields)-1]
	inst := strings.Join(fields[:len(fields)-1], " ")
	inst = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(inst, "art."), "article"))
	return probity.LegalBasis{Instrument: inst, Article: article}
}

// parseSource reads "publisher|title|date|url" (date and url optional).
func parseSource(s string) probity.Source {
	p := strings.Split(s, "|")
	for len(p) < 4 {
		p = append(p, "")
	}
	return probity.Source{Publisher: strings.TrimSpace(p[0]), Title: strings.TrimSpace(p[1]), Date: strings.TrimSpace(p[2]), URL: strings.TrimSpace(p[3])}
}

func (m *Main) findingsAdd(ctx context.Context, args []string) error {
	return m.addFinding(ctx, args, false)
}

func (m *Main) findingsUpdate(ctx context.Context, args []string) error {
	return m.addFinding(ctx, args, true)
}

// addFinding adds a finding, or updates one when update is set.
func (m *Main) addFinding(ctx context.Context, args []string, update bool) error {
	name := "findings add"
	usage := "findings add --org ID --category C --status S --severity V --source 'publisher|title|date|url' [--legal-basis 'CRC art. 9'] [--summary TEXT] [--start DATE] [--end DATE] [--author NAME]"
	if update {
		name, usage = "findings update", "findings update ID [--status S] [--severity V] [--summary TEXT] [--source …] [--legal-basis …] [--end DATE] [--author NAME]"
	}
	fs := m.newFlagSet(name, usage)
	org := fs.Int64("org", 0, "organization id (see probity orgs list)")
	category := fs.String("category", "", "category: "+strings.Join(probity.FindingCategories(), ", "))
	status := fs.String("status", "", "status: "+strings.Join(probity.FindingStatuses(), ", "))
	severity := fs.String("severity", "", "severity: "+strings.Join(probity.Severities(), ", "))
	summary := fs.String("summary", "", "what was found, in a sentence or two")
	start := fs.String("start", "", "start of the period (YYYY, YYYY-MM or YYYY-MM-DD)")
	end := fs.String("end", "", "end of the period")
	author := fs.String("author", m.Getenv("USER"), "who records the finding")
	confidential := fs.Bool("confidential", false, "keep the finding out of public exports")
	var sources, bases multi
	fs.Var(&sources, "source", "a cited source: 'publisher|title|date|url' (repeatable; at least one)")
	fs.Var(&bases, "legal-basis", "instrument and article, e.g. 'CRC art. 9' (repeatable)")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	var f probity.Finding
	if update {
		id, err := oneID(fs, "finding")
		if err != nil {
			return err
		}
		old, err := store.Finding(ctx, id)
		if err != nil {
			return err
		}
		f = *old
	} else if fs.NArg() > 0 {
		return usagef("findings add: unexpected argument %q", fs.Arg(0))
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	if *org != 0 {
		f.OrgID = *org
	}
	set(&f.Category, *category)
	set(&f.Status, *status)
	set(&f.Severity, *severity)
	set(&f.Summary, *summary)
	set(&f.Period.Start, *start)
	set(&f.Period.End, *end)
	f.Author = *author
	if *confidential {
		f.Confidential = true
	}
	for _, s := range sources {
		f.Sources = append(f.Sources, parseSource(s))
	}
	for _, b := range bases {
		f.LegalBasis = append(f.LegalBasis, parseLegalBasis(b))
	}
	if f.OrgID == 0 {
		return usagef("%s: --org is required", name)
	}
	if update {
		f, err = store.UpdateFinding(ctx, f)
	} else {
		f, err = store.AddFinding(ctx, f)
	}
	if err != nil {
		return err
	}
	verb := "added"
	if update {
		verb = "updated"
	}
	fmt.Fprintf(m.Stdout, "finding %d %s (%s, %s, %s) on organization %d\n", f.ID, verb, f.Category, f.Status, f.Severity, f.OrgID)
	return m.afterChange(ctx, store)
}

func (m *Main) findingsImport(ctx context.Context, args []string) error {
	fs := m.newFlagSet("findings import", "findings import FILE...   (YAML or JSON)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("findings import: name at least one file")
	}
	var all []findingfile.FindingInput
	for _, path := range fs.Args() {
		in, err := findingfile.ReadFile(path)
		if err != nil {
			return err
		}
		all = append(all, in...)
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	added, _, err := importFindings(ctx, store, all)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "imported %d findings (%d already present)\n", added, len(all)-added)
	if added == 0 {
		return nil
	}
	return m.afterChange(ctx, store)
}

// importFindings resolves each finding's organization and stores the
// findings not already present (same organization and content). Every
// organization is resolved before anything is stored, so a finding about
// an unknown organization stores nothing.
func importFindings(ctx context.Context, store interface {
	probity.RegisterStore
	probity.FindingStore
}, in []findingfile.FindingInput) (int, []int64, error) {
	for i := range in {
		id, err := register.Lookup(ctx, store, in[i].Org.Name, in[i].Org.Identifiers)
		if err != nil {
			return 0, nil, &probity.InputError{File: in[i].File, Line: in[i].Line, Record: in[i].Record, Field: "org", Reason: err.Error(), Err: err}
		}
		in[i].Finding.OrgID = id
		if err := in[i].Finding.Validate(); err != nil {
			return 0, nil, err
		}
	}
	added := 0
	var orgs []int64
	for _, fi := range in {
		existing, err := store.Findings(ctx, probity.FindingFilter{OrgID: fi.Finding.OrgID})
		if err != nil {
			return added, orgs, err
		}
		dup := false
		for _, e := range existing {
			e.ID = 0
			if reflect.DeepEqual(e, fi.Finding) {
				dup = true
			}
		}
		if dup {
			continue
		}
		if _, err := store.AddFinding(ctx, fi.Finding); err != nil {
			return added, orgs, err
		}
		added++
		orgs = append(orgs, fi.Finding.OrgID)
	}
	return added, orgs, nil
}

func (m *Main) findingsList(ctx context.Context, args []string) error {
	fs := m.newFlagSet("findings list", "findings list [--org ID] [--status S] [--json]")
	var f probity.FindingFilter
	fs.Int64Var(&f.OrgID, "org", 0, "only findings on this organization")
	fs.StringVar(&f.Status, "status", "", "only findings with this status")
	asJSON := fs.Bool("json", false, "write JSON Lines")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	list, err := store.Findings(ctx, f)
	if err != nil {
		return err
	}
	return writeList(m, *asJSON, list, "ID\tORG\tCATEGORY\tSTATUS\tSEVERITY\tLEGAL BASIS\tSOURCES", "", func(x *probity.Finding) string {
		org := fmt.Sprint(x.OrgID)
		if o, err := store.Organization(ctx, x.OrgID); err == nil {
			org = fmt.Sprintf("%s (%d)", clip(o.Name, 40), o.ID)
		}
		return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s\t%d", x.ID, org, x.Category, x.Status, x.Severity, legalBases(x.LegalBasis), len(x.Sources))
	})
}

func legalBases(lb []probity.LegalBasis) string {
	var parts []string
	for _, b := range lb {
		if b.Article != "" {
			parts = append(parts, b.Instrument+" art. "+b.Article)
		} else {
			parts = append(parts, b.Instrument)
		}
	}
	return strings.Join(parts, "; ")
}

func (m *Main) findingsShow(ctx context.Context, args []string) error {
	fs := m.newFlagSet("findings show", "findings show [--json] ID")
	asJSON := fs.Bool("json", false, "write JSON with the history")
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := oneID(fs, "finding")
	if err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	hist, err := store.FindingHistory(ctx, id)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, hist)
	}
	f := hist[len(hist)-1].Finding
	w := m.Stdout
	org := fmt.Sprint(f.OrgID)
	if o, err := store.Organization(ctx, f.OrgID); err == nil {
		org = fmt.Sprintf("%s (org %d)", o.Name, o.ID)
	}
	fmt.Fprintf(w, "Finding %d on %s\n", f.ID, org)
	fmt.Fprintf(w, "Category     %s\nStatus       %s\nSeverity     %s\nLegal basis  %s\nPeriod       %s – %s\n", f.Category, f.Status, f.Severity, legalBases(f.LegalBasis), orDash(f.Period.Start), orDash(f.Period.End))
	if f.Confidential {
		fmt.Fprintln(w, "Confidential (kept out of public exports)")
	}
	fmt.Fprintf(w, "\n%s\n\nSources\n", f.Summary)
	for _, s := range f.Sources {
		fmt.Fprintf(w, "  %s, %q, %s %s\n", s.Publisher, s.Title, orDash(s.Date), s.URL)
	}
	fmt.Fprintln(w, "\nHistory")
	for _, v := range hist {
		fmt.Fprintf(w, "  v%d  %s  by %s: %s, %s\n", v.Version, v.ChangedAt.UTC().Format("2006-01-02 15:04:05Z"), orDash(v.Author), v.Finding.Status, v.Finding.Severity)
	}
	return nil
}
