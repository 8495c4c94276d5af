package main

import (
	"context"
	"fmt"
	"time"

	"github.com/probity/probity"
)

func (m *Main) runAudit(ctx context.Context, args []string) error {
	fs := m.newFlagSet("audit", "audit [--object KIND:ID | KIND:] [--actor NAME] [--action A] [--since TIME] [--limit N] [--json]")
	var f probity.AuditFilter
	fs.StringVar(&f.Object, "object", "", "only entries about this object (case:12), or of a kind (case:)")
	fs.StringVar(&f.Actor, "actor", "", "only entries by this user")
	fs.StringVar(&f.Action, "action", "", "only this action (case.assign, …)")
	since := fs.String("since", "", "only entries after TIME (RFC 3339, YYYY-MM-DD or a duration such as 24h)")
	fs.IntVar(&f.Limit, "limit", 0, "at most N entries")
	asJSON := fs.Bool("json", false, "write JSON Lines")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *since != "" {
		t, err := parseSince(*since, time.Now())
		if err != nil {
			return usagef("audit: --since: %v", err)
		}
		f.Since = t
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	list, err := store.Audit(ctx, f)
	if err != nil {
		return err
	}
	return writeList(m, *asJSON, list, "ID\tAT\tACTOR\tACTION\tOBJECT\tBEFORE → AFTER", "", func(e *probity.AuditEntry) string {
		return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s → %s", e.ID, e.At.UTC().Format("2006-01-02 15:04:05Z"), e.Actor, e.Action, e.Object, clip(orDash(string(e.Before)), 50), clip(orDash(string(e.After)), 50))
	})
}
