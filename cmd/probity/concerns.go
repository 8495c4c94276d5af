package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

func (m *Main) concernsRaise(ctx context.Context, args []string) error {
	fs := m.newFlagSet("concerns raise", "concerns raise (--contract ID | --org ID) [--threshold N] [--named] TEXT [--as NAME] [--role ROLE] [--admin]")
	var c probity.Concern
	fs.StringVar(&c.ContractID, "contract", "", "the contract of concern")
	fs.Int64Var(&c.OrgID, "org", 0, "the organization of concern")
	fs.IntVar(&c.Threshold, "threshold", review.DefaultThreshold, "signatures (the raiser's included) that escalate the concern to a case")
	anonymous := fs.Bool("anonymous", true, "anonymous to the public, the default (reviewers still see the name); --named to be named")
	named := fs.Bool("named", false, "show my name to the public")
	actor := m.actorFlags(ctx, fs, review.RoleEmployee)
	if err := parse(fs, args); err != nil {
		return err
	}
	if (c.ContractID == "") == (c.OrgID == 0) || fs.NArg() == 0 {
		return usagef("concerns raise: want --contract ID or --org ID, and the text")
	}
	if c.Threshold < 1 {
		return usagef("concerns raise: --threshold %d: want 1 or more", c.Threshold)
	}
	c.Text = strings.Join(fs.Args(), " ")
	a, err := actor()
	if err != nil {
		return err
	}
	return m.withService(ctx, func(s *review.Service) error {
		c, err := s.RaiseConcern(ctx, a, c, *anonymous && !*named)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "concern %d about %s: %s\n", c.ID, c.Subject(), concernProgress(&c))
		return nil
	})
}

func concernProgress(c *probity.Concern) string {
	switch c.Status {
	case probity.ConcernOpen:
		return fmt.Sprintf("open, %d of %d signatures", c.Signatures, c.Threshold)
	case probity.ConcernEscalated:
		return fmt.Sprintf("escalated to case %d (%d signatures)", c.CaseID, c.Signatures)
	}
	return fmt.Sprintf("closed: case %d decided %s", c.CaseID, c.CaseOutcome)
}

func (m *Main) concernsSign(ctx context.Context, args []string) error {
	fs := m.newFlagSet("concerns sign", "concerns sign ID [--named] [--as NAME] [--role ROLE] [--admin]")
	anonymous := fs.Bool("anonymous", true, "anonymous to the public, the default (reviewers still see the name); --named to be named")
	named := fs.Bool("named", false, "show my name to the public")
	actor := m.actorFlags(ctx, fs, review.RoleEmployee)
	return m.actOn(ctx, fs, args, actor, "concern", "one concern ID", func() bool { return fs.NArg() == 1 }, func(s *review.Service, a review.Actor, id int64) error {
		c, err := s.SignConcern(ctx, a, id, *anonymous && !*named)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "concern %d signed by %s: %s\n", c.ID, a.Name, concernProgress(&c))
		return nil
	})
}

func (m *Main) concernsList(ctx context.Context, args []string) error {
	fs := m.newFlagSet("concerns list", "concerns list [--status S] [--contract ID] [--json] [--as NAME] [--role ROLE] [--admin]")
	var f probity.ConcernFilter
	fs.StringVar(&f.Status, "status", "", "only open, escalated or closed concerns")
	fs.StringVar(&f.ContractID, "contract", "", "only concerns about this contract")
	asJSON := fs.Bool("json", false, "write JSON Lines, one concern a line")
	actor := m.actorFlags(ctx, fs, review.RoleEmployee)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("concerns list: unexpected argument %q", fs.Arg(0))
	}
	a, err := actor(true)
	if err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	f.ContractID = probity.CurrentContractID(ctx, store, f.ContractID)
	list, err := store.Concerns(ctx, f)
	if err != nil {
		return err
	}
	for i := range list {
		list[i] = review.VisibleConcern(a, list[i])
	}
	return writeList(m, *asJSON, list, "ID\tSTATUS\tSUBJECT\tRAISED BY\tSIGNATURES\tCASE\tOUTCOME\tTEXT", "concerns", func(c *probity.Concern) string {
		caseID := "-"
		if c.CaseID != 0 {
			caseID = strconv.FormatInt(c.CaseID, 10)
		}
		return fmt.Sprintf("%d\t%s\t%s\t%s\t%d/%d\t%s\t%s\t%s", c.ID, c.Status, clip(c.Subject(), 50), c.RaisedBy, c.Signatures, c.Threshold, caseID, orDash(c.CaseOutcome), clip(c.Text, 60))
	})
}

func (m *Main) concernsShow(ctx context.Context, args []string) error {
	fs := m.newFlagSet("concerns show", "concerns show ID [--json] [--as NAME] [--role ROLE] [--admin]")
	asJSON := fs.Bool("json", false, "write JSON")
	actor := m.actorFlags(ctx, fs, review.RoleEmployee)
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := idArg(fs, "concern")
	if err != nil {
		return err
	}
	a, err := actor(true)
	if err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	c, err := store.Concern(ctx, id)
	if err != nil {
		return err
	}
	sigs, err := store.Signatures(ctx, id)
	if err != nil {
		return err
	}
	sigs = review.VisibleSignatures(a, sigs)
	*c = review.VisibleConcern(a, *c)
	if *asJSON {
		return writeJSON(m.Stdout, struct {
			*probity.Concern
			SignedBy []probity.Signature `json:"signed_by"`
		}{c, sigs})
	}
	w := m.Stdout
	fmt.Fprintf(w, "Concern %d about %s: %s\n", c.ID, c.Subject(), concernProgress(c))
	fmt.Fprintf(w, "  raised by %s at %s; escalates at %d signatures\n", c.RaisedBy, c.RaisedAt.Format(timeFmt), c.Threshold)
	if c.CaseID != 0 {
		fmt.Fprintf(w, "  case %d: %s", c.CaseID, c.CaseState)
		if c.CaseOutcome != "" {
			fmt.Fprintf(w, ", outcome %s", c.CaseOutcome)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\n%s\n\nSigned by\n", c.Text)
	for _, s := range sigs {
		fmt.Fprintf(w, "  %s %s\n", s.SignedAt.Format(timeFmt), s.Signer)
	}
	return nil
}
