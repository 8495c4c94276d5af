package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

func (m *Main) casesList(ctx context.Context, args []string) error {
	fs := m.newFlagSet("cases list", "cases list [--state S] [--overdue] [--assignee NAME] [--contract ID] [--json]")
	var f probity.CaseFilter
	fs.StringVar(&f.State, "state", "", "only cases in this state: open, in_review or decided")
	overdue := fs.Bool("overdue", false, "only undecided cases past their due date")
	fs.StringVar(&f.Assignee, "assignee", "", "only cases assigned to NAME")
	fs.StringVar(&f.ContractID, "contract", "", "only cases of this contract")
	fs.IntVar(&f.Limit, "limit", 0, "at most N cases")
	asJSON := fs.Bool("json", false, "write JSON Lines, one case a line")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cases list: unexpected argument %q", fs.Arg(0))
	}
	switch f.State {
	case "", probity.CaseOpen, probity.CaseInReview, probity.CaseDecided:
	default:
		return usagef("cases list: --state %q: want open, in_review or decided", f.State)
	}
	now := time.Now().UTC()
	if *overdue {
		f.OverdueAt = now
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	f.ContractID = probity.CurrentContractID(ctx, store, f.ContractID)
	list, err := store.Cases(ctx, f)
	if err != nil {
		return err
	}
	return writeList(m, *asJSON, list, "ID\tSTATE\tPRIORITY\tSUBJECT\tDECISION\tREQUESTED BY\tASSIGNEE\tDUE\tOUTCOME", "cases", func(c *probity.Case) string {
		due := c.DueAt.Format("2006-01-02")
		if c.Overdue(now) {
			due += " (overdue)"
		}
		return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", c.ID, c.State, c.Priority, clip(c.Subject(), 60), orDash(c.DecisionOutcome),
			orDash(c.RequestedBy), orDash(c.Assignee), due, orDash(c.Outcome))
	})
}

// caseDetail is everything "cases show" tells about a case.
type caseDetail struct {
	Case          probity.Case           `json:"case"`
	ContractTitle string                 `json:"contract_title,omitempty"`
	Decision      *probity.Decision      `json:"decision,omitempty"`
	Concerns      []probity.Concern      `json:"concerns"`
	Evidence      []probity.CaseEvidence `json:"evidence"`
	Comments      []probity.CaseComment  `json:"comments"`
	History       []probity.AuditEntry   `json:"history"`
}

// caseReader is what "cases show" reads.
type caseReader interface {
	probity.ReviewStore
	probity.AuditLog
	Contract(ctx context.Context, id string) (*probity.Contract, error)
	Decision(ctx context.Context, id int64) (*probity.Decision, json.RawMessage, error)
}

func loadCaseDetail(ctx context.Context, store caseReader, id int64) (*caseDetail, error) {
	c, err := store.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &caseDetail{Case: *c}
	if c.ContractID != "" {
		if k, err := store.Contract(ctx, c.ContractID); err == nil {
			d.ContractTitle = k.Title
		}
	}
	if c.DecisionID != 0 {
		if d.Decision, _, err = store.Decision(ctx, c.DecisionID); err != nil {
			return nil, err
		}
	}
	if d.Concerns, err = store.Concerns(ctx, probity.ConcernFilter{CaseID: id}); err != nil {
		return nil, err
	}
	if d.Evidence, err = store.CaseEvidence(ctx, id); err != nil {
		return nil, err
	}
	if d.Comments, err = store.CaseComments(ctx, id); err != nil {
		return nil, err
	}
	d.History, err = store.Audit(ctx, probity.AuditFilter{Object: "case:" + strconv.FormatInt(id, 10)})
	return d, err
}

func (m *Main) casesShow(ctx context.Context, args []string) error {
	fs := m.newFlagSet("cases show", "cases show [--json] ID")
	asJSON := fs.Bool("json", false, "write JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := idArg(fs, "case")
	if err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	d, err := loadCaseDetail(ctx, store, id)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, d)
	}
	m.printCase(ctx, store, d)
	return nil
}

const timeFmt = "2006-01-02 15:04Z"

func (m *Main) printCase(ctx context.Context, store probity.FindingStore, d *caseDetail) {
	w, c := m.Stdout, &d.Case
	fmt.Fprintf(w, "Case %d on %s: %s, %s priority\n", c.ID, c.Subject(), c.State, c.Priority)
	if d.ContractTitle != "" {
		fmt.Fprintf(w, "  %s\n", d.ContractTitle)
	}
	due := c.DueAt.Format(timeFmt)
	if c.Overdue(time.Now()) {
		due += " (OVERDUE)"
	}
	fmt.Fprintf(w, "  opened %s (%s), due %s\n", c.OpenedAt.Format(timeFmt), c.Origin, due)
	fmt.Fprintf(w, "  requested by %s; assigned to %s\n", orDash(c.RequestedBy), orDash(c.Assignee))
	if a := c.FirstApproval; a != nil && c.State != probity.CaseDecided {
		fmt.Fprintf(w, "  pending: %s approved (%s) at %s; overriding a deny needs a second, different reviewer\n", a.By, a.Outcome, a.At.Format(timeFmt))
	}
	if c.State == probity.CaseDecided {
		fmt.Fprintf(w, "  OUTCOME: %s by %s at %s\n", c.Outcome, c.DecidedBy, c.DecidedAt.Format(timeFmt))
		if a := c.FirstApproval; a != nil {
			fmt.Fprintf(w, "    first approval by %s at %s\n", a.By, a.At.Format(timeFmt))
		}
		if c.Conditions != "" {
			fmt.Fprintf(w, "    conditions: %s\n", c.Conditions)
		}
	}
	if dec := d.Decision; dec != nil {
		fmt.Fprintf(w, "\nDecision %d: %s (policy %s, %s)\n", dec.ID, strings.ToUpper(dec.Outcome), short(dec.PolicyHash), dec.DecidedAt.Format(timeFmt))
		for _, r := range dec.Reasons {
			fmt.Fprintf(w, "  [%s] %s: %s\n", r.Effect, r.RuleID, r.Message)
		}
	}
	if len(d.Concerns) > 0 {
		fmt.Fprintln(w, "\nConcerns")
		for _, k := range d.Concerns {
			fmt.Fprintf(w, "  %d (%s, %d signatures): %s\n", k.ID, k.Status, k.Signatures, clip(k.Text, 100))
		}
	}
	if len(d.Evidence) > 0 {
		fmt.Fprintln(w, "\nEvidence")
		for _, e := range d.Evidence {
			what := fmt.Sprintf("%s %q", e.URL, e.Title)
			if e.Kind == probity.EvidenceFinding {
				what = fmt.Sprintf("finding %d", e.FindingID)
				if f, err := store.Finding(ctx, e.FindingID); err == nil {
					what += fmt.Sprintf(": %s, %s, %s — %s", f.Category, f.Status, f.Severity, clip(f.Summary, 80))
				}
			}
			fmt.Fprintf(w, "  %d. %s (%s, %s)\n", e.ID, what, e.AddedBy, e.At.Format(timeFmt))
		}
	}
	if len(d.Comments) > 0 {
		fmt.Fprintln(w, "\nComments")
		for _, k := range d.Comments {
			fmt.Fprintf(w, "  %s %s: %s\n", k.At.Format(timeFmt), k.Author, k.Text)
		}
	}
	fmt.Fprintln(w, "\nHistory")
	for _, e := range d.History {
		fmt.Fprintf(w, "  %s %s %s: %s → %s\n", e.At.Format(timeFmt), e.Actor, e.Action, clip(orDash(string(e.Before)), 80), clip(orDash(string(e.After)), 80))
	}
}

func (m *Main) casesOpen(ctx context.Context, args []string) error {
	fs := m.newFlagSet("cases open", "cases open --contract ID [--requested-by NAME] [--as NAME] [--role ROLE] [--admin]")
	contract := fs.String("contract", "", "the contract to review")
	requestedBy := fs.String("requested-by", "", "who requested the deal (they can then neither be assigned nor decide the case)")
	actor := m.actorFlags(ctx, fs, review.RoleReviewer)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *contract == "" || fs.NArg() > 0 {
		return usagef("cases open: want --contract ID")
	}
	a, err := actor()
	if err != nil {
		return err
	}
	return m.withService(ctx, func(s *review.Service) error {
		c, err := s.OpenCase(ctx, a, *contract, *requestedBy)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "case %d on contract %s: %s, due %s\n", c.ID, c.ContractID, c.State, c.DueAt.Format("2006-01-02"))
		return nil
	})
}

func (m *Main) casesAssign(ctx context.Context, args []string) error {
	fs := m.newFlagSet("cases assign", "cases assign ID --to NAME [--as NAME] [--role ROLE] [--admin]")
	to := fs.String("to", "", "the reviewer to assign")
	actor := m.actorFlags(ctx, fs, review.RoleReviewer)
	return m.actOn(ctx, fs, args, actor, "case", "ID --to NAME", func() bool { return *to != "" && fs.NArg() == 1 }, func(s *review.Service, a review.Actor, id int64) error {
		c, err := s.Assign(ctx, a, id, *to)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "case %d assigned to %s (%s)\n", c.ID, c.Assignee, c.State)
		return nil
	})
}

func (m *Main) casesComment(ctx context.Context, args []string) error {
	fs := m.newFlagSet("cases comment", "cases comment ID TEXT [--as NAME] [--role ROLE] [--admin]")
	actor := m.actorFlags(ctx, fs, review.RoleReviewer)
	return m.actOn(ctx, fs, args, actor, "case", "ID TEXT", func() bool { return fs.NArg() >= 2 }, func(s *review.Service, a review.Actor, id int64) error {
		c, err := s.Comment(ctx, a, id, strings.Join(fs.Args()[1:], " "))
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "comment %d on case %d\n", c.ID, c.CaseID)
		return nil
	})
}

func (m *Main) casesAttach(ctx context.Context, args []string) error {
	fs := m.newFlagSet("cases attach", "cases attach ID (--finding N | --url U --title T) [--as NAME] [--role ROLE] [--admin]")
	var e probity.CaseEvidence
	fs.Int64Var(&e.FindingID, "finding", 0, "a finding id (see probity findings list)")
	fs.StringVar(&e.URL, "url", "", "the address of a document")
	fs.StringVar(&e.Title, "title", "", "the document's title")
	actor := m.actorFlags(ctx, fs, review.RoleReviewer)
	return m.actOn(ctx, fs, args, actor, "case", "ID and --finding N, or --url U --title T", func() bool { return fs.NArg() == 1 && (e.FindingID == 0) != (e.URL == "") }, func(s *review.Service, a review.Actor, id int64) error {
		e, err := s.Attach(ctx, a, id, e)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "evidence %d (%s) attached to case %d\n", e.ID, e.Kind, e.CaseID)
		return nil
	})
}

func (m *Main) casesDecide(ctx context.Context, args []string) error {
	fs := m.newFlagSet("cases decide", "cases decide ID --outcome O [--conditions TEXT] [--as NAME] [--role ROLE] [--admin]")
	outcome := fs.String("outcome", "", "approve, approve_with_conditions, reject or cancel_contract")
	conditions := fs.String("conditions", "", "the conditions of approve_with_conditions")
	actor := m.actorFlags(ctx, fs, review.RoleReviewer)
	return m.actOn(ctx, fs, args, actor, "case", "ID --outcome O", func() bool { return *outcome != "" && fs.NArg() == 1 }, func(s *review.Service, a review.Actor, id int64) error {
		c, err := s.Decide(ctx, a, id, *outcome, *conditions)
		if err != nil {
			return err
		}
		if c.State != probity.CaseDecided {
			fmt.Fprintf(m.Stdout, "case %d: %s's approval is recorded; the contract's decision is deny, so a second, different reviewer must approve too\n", c.ID, a.Name)
			return nil
		}
		fmt.Fprintf(m.Stdout, "case %d decided: %s\n", c.ID, c.Outcome)
		if c.Outcome == probity.CaseCancelContract {
			fmt.Fprintf(m.Stdout, "contract %s is now cancelled\n", c.ContractID)
		}
		return nil
	})
}

func (m *Main) casesSync(ctx context.Context, args []string) error {
	fs := m.newFlagSet("cases sync", "cases sync   open a case for every contract whose latest decision is review or deny")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("cases sync: unexpected argument %q", fs.Arg(0))
	}
	return m.withService(ctx, func(s *review.Service) error {
		st, err := s.SyncDecisions(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "cases: %d opened, %d moved to a newer decision\n", st.Opened, st.Updated)
		return nil
	})
}
