package web

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/probity/probity"
)

// What the public sees of a decision. A reason resting on a confidential
// finding (or on a finding that no longer exists) keeps only its rule and a
// note: its message, findings and paths would tell what the finding says.

// confidentialNote stands in for a reason that rests on confidential
// evidence.
const confidentialNote = "This reason rests on evidence that is not published. Reviewers can see it."

// shownReason is a reason as a page shows it.
type shownReason struct {
	RuleID   string
	Rule     string // the rule in words
	Effect   string
	Message  string
	Severity string
	Hidden   bool
	Findings []probity.Finding
	Paths    []shownPath
}

// decisionView is a decision with its reasons as a page shows them.
type decisionView struct {
	probity.Decision
	Shown []shownReason
}

// inputView is the part of a decision's recorded input a page draws:
// the parties and exposure paths (the findings come from the store, whose
// confidential flag is the current one).
type inputView struct {
	Parties []struct {
		OrgID int64    `json:"org_id"`
		Name  string   `json:"name"`
		Roles []string `json:"roles"`
	} `json:"parties"`
	Exposure []struct {
		ID    string   `json:"id"`
		Roles []string `json:"roles"`
		Kinds []string `json:"kinds"`
		Nodes []int64  `json:"nodes"`
	} `json:"exposure"`
}

// publicFinding is a finding as the public sees it: nil when it is
// confidential or gone; the author replaced by "probity reviewers".
func publicFinding(f *probity.Finding, see bool) *probity.Finding {
	if f == nil || f.Confidential && !see {
		return nil
	}
	out := *f
	if !see {
		out.Author = ""
	}
	return &out
}

// viewDecision resolves a decision's references for a reader; see tells
// whether the reader may see confidential evidence.
func (s *Site) viewDecision(ctx context.Context, d probity.Decision, see bool) (decisionView, error) {
	v := decisionView{Decision: d}
	var in inputView
	if _, raw, err := s.store.Decision(ctx, d.ID); err == nil && len(raw) > 0 {
		_ = json.Unmarshal(raw, &in)
	}
	names := map[int64]string{}
	for _, p := range in.Parties {
		names[p.OrgID] = p.Name
	}
	name := func(id int64) string {
		if n, ok := names[id]; ok {
			return n
		}
		n := "organization " + strconv.FormatInt(id, 10)
		if o, err := s.store.Organization(ctx, id); err == nil {
			n = o.Name
		}
		names[id] = n
		return n
	}
	cache := map[int64]*probity.Finding{}
	for _, r := range d.Reasons {
		sr := shownReason{RuleID: r.RuleID, Rule: ruleWords(r.RuleID), Effect: r.Effect, Message: r.Message, Severity: r.Severity}
		for _, ref := range r.Refs {
			if ref.Kind != probity.RefFinding {
				continue
			}
			id, err := strconv.ParseInt(ref.ID, 10, 64)
			if err != nil {
				sr.Hidden = true
				continue
			}
			f, ok := cache[id]
			if !ok {
				f, err = s.store.Finding(ctx, id)
				if err != nil && probity.ErrorCode(err) != probity.ENOTFOUND {
					return v, err
				}
				cache[id] = f
			}
			pf := publicFinding(f, see)
			if pf == nil {
				sr.Hidden = true
				continue
			}
			sr.Findings = append(sr.Findings, *pf)
		}
		if sr.Hidden && !see {
			sr.Message, sr.Findings = confidentialNote, nil
			v.Shown = append(v.Shown, sr)
			continue
		}
		for _, ref := range r.Refs {
			if ref.Kind != probity.RefPath {
				continue
			}
			for _, p := range in.Exposure {
				if p.ID == ref.ID {
					sp := shownPath{Roles: p.Roles}
					for i, n := range p.Nodes {
						sp.Nodes = append(sp.Nodes, pathNode{ID: n, Name: name(n)})
						if i > 0 && i-1 < len(p.Kinds) {
							sp.Kinds = append(sp.Kinds, p.Kinds[i-1])
						}
					}
					sp.SVG = pathSVG(sp)
					sr.Paths = append(sr.Paths, sp)
				}
			}
		}
		v.Shown = append(v.Shown, sr)
	}
	return v, nil
}

// ruleWords says what a rule of the default policy means; other rules are
// shown by their id.
func ruleWords(id string) string {
	switch id {
	case "deny.client-violations":
		return "The client, or a body it is part of, has established findings of serious human-rights violations."
	case "deny.human-rights-sanctions":
		return "The client, or a body it is part of, is confirmed on a human-rights sanctions list."
	case "review.client-findings":
		return "The client side has findings that are alleged or credible, or established but less grave: a person must read them first."
	case "review.unconfirmed-hit":
		return "A party resembles a watch-list entry and nobody has confirmed or dismissed the match yet."
	case "review.listed":
		return "A confirmed listing that does not by itself call for refusal."
	case "review.contractor-exposure":
		return "One of our suppliers or subcontractors, or a company related to it, has findings."
	case "review.related-exposure":
		return "The client supports, or is related to, an organization with findings."
	}
	return words(id)
}
