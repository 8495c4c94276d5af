package review

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
)

// caseState is the part of a case an audit entry shows before and after.
type caseState struct {
	State         string            `json:"state"`
	Assignee      string            `json:"assignee,omitempty"`
	RequestedBy   string            `json:"requested_by,omitempty"`
	Priority      string            `json:"priority,omitempty"`
	DueAt         string            `json:"due_at,omitempty"`
	Outcome       string            `json:"outcome,omitempty"`
	Conditions    string            `json:"conditions,omitempty"`
	FirstApproval *probity.Approval `json:"first_approval,omitempty"`
}

func stateOf(c *probity.Case) caseState {
	return caseState{State: c.State, Assignee: c.Assignee, RequestedBy: c.RequestedBy, Priority: c.Priority,
		DueAt: c.DueAt.UTC().Format("2006-01-02T15:04:05Z"), Outcome: c.Outcome, Conditions: c.Conditions, FirstApproval: c.FirstApproval}
}

// undecided returns the case of the contract that is not decided yet.
func undecided(ctx context.Context, tx probity.ReviewTx, contractID string) (*probity.Case, []probity.Case, error) {
	list, err := tx.Cases(ctx, probity.CaseFilter{ContractID: contractID})
	if err != nil {
		return nil, nil, err
	}
	for i := range list {
		if list[i].State != probity.CaseDecided {
			return &list[i], list, nil
		}
	}
	return nil, list, nil
}

// OpenCase opens a case on a contract by hand, recording who requested the
// deal (requestedBy, may be empty). Employees may only ask for the review of
// a deal they requested themselves; reviewers and admins may name anyone.
// If the contract already has an undecided case, that case is returned,
// with requestedBy recorded on it if it had none.
func (s *Service) OpenCase(ctx context.Context, a Actor, contractID, requestedBy string) (probity.Case, error) {
	if err := a.can(RoleEmployee, "open a case"); err != nil {
		return probity.Case{}, err
	}
	requestedBy = strings.TrimSpace(requestedBy)
	if !probity.Role(a.Role).AtLeast(probity.RoleReviewer) {
		if requestedBy == "" {
			requestedBy = a.Name
		}
		if requestedBy != a.Name {
			return probity.Case{}, probity.Errorf(probity.EFORBIDDEN, "%s is an employee and may only ask for the review of a deal they requested, not one %s requested", a.Name, requestedBy)
		}
	}
	contractID = probity.CurrentContractID(ctx, s.Store, contractID) // a merged award's former id
	var decisionID int64
	var decisionOutcome string
	latest, err := s.Store.Decisions(ctx, probity.DecisionFilter{ContractID: contractID, LatestOnly: true})
	if err != nil {
		return probity.Case{}, err
	}
	if len(latest) > 0 {
		decisionID, decisionOutcome = latest[0].ID, latest[0].Outcome
	}
	now := s.now()
	var out probity.Case
	err = s.Store.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		open, _, err := undecided(ctx, tx, contractID)
		if err != nil {
			return err
		}
		if open != nil {
			out = *open
			switch {
			case requestedBy == "" || open.RequestedBy == requestedBy:
				return nil
			case open.RequestedBy != "":
				return probity.Errorf(probity.ECONFLICT, "case %d on contract %s already records %s as the requester", open.ID, contractID, open.RequestedBy)
			case open.Assignee == requestedBy:
				return probity.Errorf(probity.EFORBIDDEN, "%s is assigned case %d and cannot be recorded as the requester of its deal", requestedBy, open.ID)
			}
			before := stateOf(open)
			out.RequestedBy, out.UpdatedAt = requestedBy, now
			if err := tx.UpdateCase(ctx, out); err != nil {
				return err
			}
			return audit(ctx, tx, now, a.audited(), "case.request", caseObject(out.ID), before, stateOf(&out))
		}
		c := probity.Case{ContractID: contractID, Origin: probity.OriginRequest, DecisionID: decisionID, DecisionOutcome: decisionOutcome,
			State: probity.CaseOpen, Priority: probity.PriorityNormal, RequestedBy: requestedBy,
			OpenedAt: now, DueAt: DueAt(now, probity.PriorityNormal), UpdatedAt: now}
		if out, err = tx.CreateCase(ctx, c); err != nil {
			return err
		}
		return audit(ctx, tx, now, a.audited(), "case.open", caseObject(out.ID), nil, out)
	})
	return out, err
}

// Assign gives an undecided case to assignee. Only reviewers and admins
// assign, and never to whoever requested the deal.
func (s *Service) Assign(ctx context.Context, a Actor, caseID int64, assignee string) (probity.Case, error) {
	if err := a.can(RoleReviewer, "assign a case"); err != nil {
		return probity.Case{}, err
	}
	assignee = strings.TrimSpace(assignee)
	if assignee == "" {
		return probity.Case{}, probity.Errorf(probity.EINVALID, "assign case %d: to whom?", caseID)
	}
	now := s.now()
	var out probity.Case
	err := s.Store.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		c, err := tx.Case(ctx, caseID)
		if err != nil {
			return err
		}
		out = *c
		if c.State == probity.CaseDecided {
			return probity.Errorf(probity.ECONFLICT, "case %d is decided (%s): it cannot be assigned", c.ID, c.Outcome)
		}
		if why, err := stake(ctx, tx, c, assignee); err != nil {
			return err
		} else if why != "" {
			return probity.Errorf(probity.EFORBIDDEN, "%s %s and cannot be assigned its case (separation of duties)", assignee, why)
		}
		if c.Assignee == assignee {
			return nil
		}
		before := stateOf(c)
		out.Assignee, out.UpdatedAt = assignee, now
		if out.State == probity.CaseOpen {
			out.State = probity.CaseInReview
		}
		if err := tx.UpdateCase(ctx, out); err != nil {
			return err
		}
		return audit(ctx, tx, now, a.audited(), "case.assign", caseObject(c.ID), before, stateOf(&out))
	})
	return out, err
}

// Comment adds a comment to a case; any employee (or above) may comment,
// before or after the decision.
func (s *Service) Comment(ctx context.Context, a Actor, caseID int64, text string) (probity.CaseComment, error) {
	if err := a.can(RoleEmployee, "comment on a case"); err != nil {
		return probity.CaseComment{}, err
	}
	text = strings.TrimSpace(text)
	if err := checkText("the comment", text); err != nil {
		return probity.CaseComment{}, err
	}
	now := s.now()
	var out probity.CaseComment
	err := s.Store.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		if _, err := tx.Case(ctx, caseID); err != nil {
			return err
		}
		var err error
		if out, err = tx.AddCaseComment(ctx, probity.CaseComment{CaseID: caseID, Author: a.Name, Text: text, At: now}); err != nil {
			return err
		}
		return audit(ctx, tx, now, a.audited(), "case.comment", caseObject(caseID), nil, out)
	})
	return out, err
}

// Attach attaches evidence to an undecided case: a finding (FindingID) or
// a web page (an http or https URL with a Title). Reviewers and admins
// attach evidence.
func (s *Service) Attach(ctx context.Context, a Actor, caseID int64, e probity.CaseEvidence) (probity.CaseEvidence, error) {
	if err := a.can(RoleReviewer, "attach evidence to a case"); err != nil {
		return e, err
	}
	e.URL, e.Title = strings.TrimSpace(e.URL), strings.TrimSpace(e.Title)
	switch {
	case e.FindingID != 0 && e.URL == "":
		e.Kind, e.Title = probity.EvidenceFinding, ""
	case e.FindingID == 0 && e.URL != "":
		e.Kind = probity.EvidenceURL
		u, err := url.Parse(e.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return e, probity.Errorf(probity.EINVALID, "evidence URL %q is not an http or https address", e.URL)
		}
		if err := checkText("the evidence title", e.Title); err != nil {
			return e, err
		}
	default:
		return e, probity.Errorf(probity.EINVALID, "evidence is a finding or a URL with a title, not both or neither")
	}
	now := s.now()
	e.CaseID, e.AddedBy, e.At, e.ID = caseID, a.Name, now, 0
	err := s.Store.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		c, err := tx.Case(ctx, caseID)
		if err != nil {
			return err
		}
		if c.State == probity.CaseDecided {
			return probity.Errorf(probity.ECONFLICT, "case %d is decided (%s): evidence can no longer be attached; comment instead", c.ID, c.Outcome)
		}
		if e, err = tx.AddCaseEvidence(ctx, e); err != nil {
			return err
		}
		return audit(ctx, tx, now, a.audited(), "case.attach", caseObject(caseID), nil, e)
	})
	return e, err
}

// Overdue lists the undecided cases past their due date.
func (s *Service) Overdue(ctx context.Context) ([]probity.Case, error) {
	return s.Store.Cases(ctx, probity.CaseFilter{OverdueAt: s.now()})
}

func isApproval(outcome string) bool {
	return outcome == probity.CaseApprove || outcome == probity.CaseApproveWithConditions
}

// Decide records a reviewer's outcome for a case. The rules:
//   - only reviewers and admins decide, and nobody with a stake in the
//     case (see requesters: the deal's requester, the raiser and signers of
//     a concern that escalated to it);
//   - approve_with_conditions needs conditions, and only it takes them;
//   - approving a case whose contract's latest decision is deny (however
//     the case was opened) takes two different
//     reviewers: the first approval is recorded as pending (the case stays
//     in review, FirstApproval set) and the second decides; conditions of
//     both are kept;
//   - cancel_contract sets the contract's status to cancelled, with an
//     audit entry on the contract naming the case;
//   - concerns escalated to the case are closed.
func (s *Service) Decide(ctx context.Context, a Actor, caseID int64, outcome, conditions string) (probity.Case, error) {
	if err := a.can(RoleReviewer, "decide a case"); err != nil {
		return probity.Case{}, err
	}
	if !slices.Contains(probity.CaseOutcomes(), outcome) {
		return probity.Case{}, probity.Errorf(probity.EINVALID, "outcome %q is not one of %s", outcome, strings.Join(probity.CaseOutcomes(), ", "))
	}
	conditions = strings.TrimSpace(conditions)
	if outcome == probity.CaseApproveWithConditions {
		if err := checkText("the conditions of approve_with_conditions", conditions); err != nil {
			return probity.Case{}, err
		}
	} else if conditions != "" {
		return probity.Case{}, probity.Errorf(probity.EINVALID, "only approve_with_conditions takes conditions, not %s", outcome)
	}
	now := s.now()
	var out probity.Case
	err := s.Store.UpdateReview(ctx, func(tx probity.ReviewTx) error {
		c, err := tx.Case(ctx, caseID)
		if err != nil {
			return err
		}
		out = *c
		if c.State == probity.CaseDecided {
			return probity.Errorf(probity.ECONFLICT, "case %d was already decided: %s by %s", c.ID, c.Outcome, c.DecidedBy)
		}
		if why, err := stake(ctx, tx, c, a.Name); err != nil {
			return err
		} else if why != "" {
			return probity.Errorf(probity.EFORBIDDEN, "%s %s and cannot decide its case (separation of duties)", a.Name, why)
		}
		if outcome == probity.CaseCancelContract && c.ContractID == "" {
			return probity.Errorf(probity.EINVALID, "case %d is about an organization, not a contract: there is no contract to cancel", c.ID)
		}
		before := stateOf(c)
		denied, err := overridesDeny(ctx, tx, c)
		if err != nil {
			return err
		}
		if denied && isApproval(outcome) {
			first := c.FirstApproval
			if first == nil {
				out.FirstApproval = &probity.Approval{By: a.Name, Outcome: outcome, Conditions: conditions, At: now}
				out.State, out.UpdatedAt = probity.CaseInReview, now
				if err := tx.UpdateCase(ctx, out); err != nil {
					return err
				}
				return audit(ctx, tx, now, a.audited(), "case.approve_pending", caseObject(c.ID), before, stateOf(&out))
			}
			if first.By == a.Name {
				return probity.Errorf(probity.EFORBIDDEN, "%s already approved case %d; overriding a deny takes a second, different reviewer", a.Name, c.ID)
			}
			if first.Conditions != "" {
				conditions = strings.TrimSpace(first.Conditions + "\n" + conditions)
				outcome = probity.CaseApproveWithConditions
			}
		} else if !isApproval(outcome) {
			out.FirstApproval = nil // superseded; the audit log keeps it
		}
		out.State, out.Outcome, out.Conditions = probity.CaseDecided, outcome, conditions
		out.DecidedBy, out.DecidedAt, out.UpdatedAt = a.Name, now, now
		if err := tx.UpdateCase(ctx, out); err != nil {
			return err
		}
		if err := audit(ctx, tx, now, a.audited(), "case.decide", caseObject(c.ID), before, stateOf(&out)); err != nil {
			return err
		}
		if outcome == probity.CaseCancelContract {
			if err := cancelContract(ctx, tx, now, a.audited(), &out); err != nil {
				return err
			}
		}
		return closeConcerns(ctx, tx, now, a.audited(), &out)
	})
	return out, err
}

// contractStatus is what the audit entry of a cancelled contract shows.
type contractStatus struct {
	Status string `json:"status"`
	Case   int64  `json:"case,omitempty"`
	Reason string `json:"reason,omitempty"`
}

func cancelContract(ctx context.Context, tx probity.ReviewTx, now time.Time, actor string, c *probity.Case) error {
	k, err := tx.Contract(ctx, c.ContractID)
	if err != nil {
		return err
	}
	before := contractStatus{Status: k.Status}
	k.Status = probity.StatusCancelled
	if err := tx.PutContract(ctx, *k); err != nil {
		return err
	}
	after := contractStatus{Status: k.Status, Case: c.ID, Reason: "case " + strconv.FormatInt(c.ID, 10) + " decided cancel_contract"}
	return audit(ctx, tx, now, actor, "contract.cancel", "contract:"+c.ContractID, before, after)
}

func closeConcerns(ctx context.Context, tx probity.ReviewTx, now time.Time, actor string, c *probity.Case) error {
	list, err := tx.Concerns(ctx, probity.ConcernFilter{CaseID: c.ID})
	if err != nil {
		return err
	}
	for _, k := range list {
		if k.Status != probity.ConcernEscalated {
			continue
		}
		before := concernState{Status: k.Status, CaseID: k.CaseID}
		k.Status = probity.ConcernClosed
		if err := tx.UpdateConcern(ctx, k); err != nil {
			return err
		}
		after := concernState{Status: k.Status, CaseID: k.CaseID, CaseOutcome: c.Outcome}
		if err := audit(ctx, tx, now, actor, "concern.close", concernObject(k.ID), before, after); err != nil {
			return err
		}
	}
	return nil
}
