package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/lists"
	"github.com/probity/probity/pipeline"
	"github.com/probity/probity/screen"
)

func (m *Main) listsLoad(ctx context.Context, args []string) error {
	fs := m.newFlagSet("lists load", "lists load ofac DIR | un FILE | ftm FILE | csv FILE [--name NAME] [--json]")
	name := fs.String("name", "", "name the list (default: us_ofac_sdn, un_sc, the FtM dataset, or the CSV file's name)")
	asJSON := fs.Bool("json", false, "report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("lists load: want a format (ofac, un, ftm, csv) and a path")
	}
	format, path := fs.Arg(0), fs.Arg(1)
	var load *lists.Load
	var err error
	switch format {
	case "ofac":
		load, err = lists.LoadOFAC(path)
	case "un":
		load, err = lists.LoadUN(path)
	case "ftm":
		load, err = lists.LoadFTM(path)
	case "csv":
		load, err = lists.LoadCSV(path, *name)
	default:
		return usagef("lists load: unknown format %q (want ofac, un, ftm or csv)", format)
	}
	if err != nil {
		return err // the previous version stays in use: nothing was stored
	}
	if *name != "" {
		load.Rename(*name)
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}

	report := struct {
		List       string           `json:"list"`
		VersionID  int64            `json:"version_id"`
		SourceDate string           `json:"source_date"`
		Hash       string           `json:"hash"`
		Entries    int              `json:"entries"`
		Unchanged  bool             `json:"unchanged"`
		Diff       lists.DiffResult `json:"diff"`
		Warnings   []string         `json:"warnings,omitempty"`
		Screened   *screen.Stats    `json:"screened,omitempty"`
		Pipeline   *pipeline.Result `json:"pipeline,omitempty"` // what followed: screening, decisions, cases
	}{List: load.Version.List, SourceDate: load.Version.SourceDate, Hash: load.Version.Hash, Entries: len(load.Entries), Warnings: load.Warnings}

	prev, prevEntries, err := store.CurrentList(ctx, load.Version.List)
	if err != nil && probity.ErrorCode(err) != probity.ENOTFOUND {
		return err
	}
	if prev != nil && prev.Hash == load.Version.Hash {
		report.Unchanged, report.VersionID = true, prev.ID
	} else {
		report.Diff = lists.Diff(prevEntries, load.Entries)
		v, err := store.SaveList(ctx, load.Version, load.Entries)
		if err != nil {
			return err
		}
		report.VersionID = v.ID
		// A list changed: screen the register again, decide what that
		// changed (the pipeline, from the pending change SaveList recorded).
		p, err := m.pipelineOf(store)
		if err != nil {
			return err
		}
		m.decideGC()
		res, err := p.Drain(ctx)
		if err != nil {
			return fmt.Errorf("list version %d saved; then: %w (the work is kept pending: any later probity command finishes it)", v.ID, err)
		}
		report.Screened, report.Pipeline = res.Screened, &res
		if report.Screened == nil {
			report.Screened = &screen.Stats{}
		}
	}
	if *asJSON {
		return json.NewEncoder(m.Stdout).Encode(report)
	}
	w := m.Stdout
	if report.Unchanged {
		fmt.Fprintf(w, "%s: unchanged (version %d, %d entries, sha256 %s)\n", report.List, report.VersionID, report.Entries, short(report.Hash))
	} else {
		fmt.Fprintf(w, "%s: loaded version %d, %d entries (source date %s, sha256 %s)\n", report.List, report.VersionID, report.Entries, orDash(report.SourceDate), short(report.Hash))
		fmt.Fprintf(w, "  added %d, removed %d, changed %d\n", len(report.Diff.Added), len(report.Diff.Removed), len(report.Diff.Changed))
		fmt.Fprintf(w, "  re-screened %d organizations of the register: %d hits\n", report.Screened.Organizations, report.Screened.Hits)
	}
	for _, warn := range report.Warnings {
		fmt.Fprintf(m.Stderr, "warning: %s\n", warn)
	}
	if report.Pipeline != nil {
		res := *report.Pipeline
		res.Screened = nil // said above
		reportDrain(m.Stdout, res, true)
	}
	return nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func (m *Main) listsList(ctx context.Context, args []string) error {
	fs := m.newFlagSet("lists list", "lists list [--json]")
	asJSON := fs.Bool("json", false, "write JSON Lines")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	versions, err := store.CurrentLists(ctx)
	if err != nil {
		return err
	}
	return writeList(m, *asJSON, versions, "LIST\tVERSION\tENTRIES\tSOURCE DATE\tLOADED\tSHA256", "", func(v *probity.ListVersion) string {
		return fmt.Sprintf("%s\t%d\t%d\t%s\t%s\t%s", v.List, v.ID, v.Entries, orDash(v.SourceDate), v.LoadedAt.UTC().Format(time.RFC3339), short(v.Hash))
	})
}
