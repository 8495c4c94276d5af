package httpapi

import (
	"net/http"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/match"
	"github.com/probity/probity/policy"
	"github.com/probity/probity/screen"
)

// decideRequest asks "can we sign with X?": either a contract of the
// register, or the name of a prospective client (with its schema and
// country, if known).
type decideRequest struct {
	ContractID string `json:"contract_id,omitempty"`
	Name       string `json:"name,omitempty"`
	Schema     string `json:"schema,omitempty"`
	Country    string `json:"country,omitempty"`
}

type decideResponse struct {
	Basis        string            `json:"basis"` // contract, register or name: what the decision rests on
	Decision     probity.Decision  `json:"decision"`
	Recorded     *probity.Decision `json:"recorded"` // the contract's latest recorded decision, if any
	Organization *probity.OrgRef   `json:"organization"`
	Screening    []policy.Hit      `json:"screening"`
	Findings     int               `json:"findings"` // how many findings the policy saw
	Exposure     int               `json:"exposure"` // how many exposure paths
	TookMS       float64           `json:"took_ms"`
}

// handleDecide is POST /decide. The decision is computed now, under the
// current policy, and not recorded ("probity decide" records decisions).
func (s *Server) handleDecide(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	var req decideRequest
	if err := DecodeJSON(r, &req); err != nil {
		WriteError(w, r, err)
		return
	}
	req.Name = strings.TrimSpace(req.Name)
	if (req.ContractID == "") == (req.Name == "") {
		WriteError(w, r, errorf(probity.EINVALID, "give exactly one of \"contract_id\" and \"name\""))
		return
	}
	snap := s.snap.decider.Load()
	if snap == nil || snap.d == nil {
		WriteError(w, r, errorf(probity.ENOTFOUND, "no policy has been published: run 'probity policy publish DIR', then POST /reload"))
		return
	}
	ctx := r.Context()
	var resp decideResponse
	var in policy.Input
	if req.ContractID != "" {
		c, err := s.store.Contract(ctx, req.ContractID)
		if probity.ErrorCode(err) == probity.ENOTFOUND {
			if id := probity.CurrentContractID(ctx, s.store, req.ContractID); id != req.ContractID {
				c, err = s.store.Contract(ctx, id) // a merged award's former id
			}
		}
		if err != nil {
			WriteError(w, r, err)
			return
		}
		in = snap.d.Input(c)
		resp.Basis = "contract"
		ds, err := s.store.Decisions(ctx, probity.DecisionFilter{ContractID: c.ID, LatestOnly: true})
		if err != nil {
			WriteError(w, r, err)
			return
		}
		if len(ds) > 0 {
			d := s.redactDecision(r, ds[len(ds)-1])
			resp.Recorded = &d
		}
	} else {
		var err error
		in, resp.Organization, err = s.prospectInput(r, snap.d, req)
		if err != nil {
			WriteError(w, r, err)
			return
		}
		resp.Basis = "name"
		if resp.Organization != nil {
			resp.Basis = "register"
		}
	}
	d, err := snap.engine.Decision(ctx, in)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	d.ContractID = in.Contract.ID
	resp.Decision = s.redactDecision(r, d)
	resp.Screening = nonNilSlice(in.Screening)
	resp.Findings, resp.Exposure = len(in.Findings), len(in.Exposure)
	resp.TookMS = float64(time.Since(start).Microseconds()) / 1000
	WriteJSON(w, http.StatusOK, resp)
}

// prospectInput builds the decision input of a prospective deal with the
// client named in req: if the register knows an organization of that name,
// its findings, screening results and exposure (through a contract it is
// the buyer of, when there is one); and in every case the live screening
// of the name against the lists.
func (s *Server) prospectInput(r *http.Request, d *decide.Decider, req decideRequest) (policy.Input, *probity.OrgRef, error) {
	ctx := r.Context()
	proposed := policy.Contract{ID: "proposed:" + req.Name, Title: "proposed deal with " + req.Name, Status: probity.StatusPlanned}
	var in policy.Input
	var ref *probity.OrgRef
	norm := match.Normalize(req.Name)
	orgs, err := s.store.Organizations(ctx, probity.OrgFilter{Name: req.Name, Limit: 50})
	if err != nil {
		return in, nil, err
	}
	var org *probity.Organization
	for i := range orgs {
		if match.Normalize(orgs[i].Name) == norm {
			org = &orgs[i]
			break
		}
		for _, a := range orgs[i].Aliases {
			if match.Normalize(a.Name) == norm {
				org = &orgs[i]
				break
			}
		}
		if org != nil {
			break
		}
	}
	if org != nil {
		ref = &probity.OrgRef{ID: org.ID, Name: org.Name}
		cs, err := s.store.Contracts(ctx, probity.ContractFilter{Buyer: org.Name, Limit: 200})
		if err != nil {
			return in, nil, err
		}
		for i := range cs {
			if cs[i].Buyer != nil && cs[i].Buyer.ID == org.ID {
				in = d.Input(&cs[i])
				break
			}
		}
		if len(in.Parties) == 0 {
			in.Parties = []policy.Party{{OrgID: org.ID, Name: org.Name, Roles: []string{policy.RoleBuyer}, Kind: string(org.Kind)}}
			fs, err := s.store.Findings(ctx, probity.FindingFilter{OrgID: org.ID})
			if err != nil {
				return in, nil, err
			}
			for _, f := range fs {
				in.Findings = append(in.Findings, policy.Finding{ID: f.ID, OrgID: org.ID, OrgName: org.Name, Category: f.Category, Status: f.Status, Severity: f.Severity, LegalBasis: f.LegalBasis})
			}
			hits, err := s.store.Screenings(ctx, org.ID)
			if err != nil {
				return in, nil, err
			}
			for _, h := range hits {
				in.Screening = append(in.Screening, policy.Hit{ID: decide.HitID(h), OrgID: org.ID, OrgName: org.Name, List: h.List, SourceID: h.SourceID, Name: h.EntryName, Programs: h.Programs, Score: h.Score, Match: h.Match})
			}
		}
	} else {
		in.Parties = []policy.Party{{Name: req.Name, Roles: []string{policy.RoleBuyer}, Kind: string(probity.KindUnknown)}}
	}
	in.Contract = proposed
	// Live screening of the name as given.
	schema := req.Schema
	if schema == "" {
		schema = "LegalEntity"
	}
	var orgID int64
	if org != nil {
		orgID = org.ID
		schema = screen.QuerySchema(org.Kind)
	}
	hits, err := s.screener.Search(match.Query{Name: req.Name, Schema: schema, Country: req.Country}, match.DefaultThreshold, 10)
	if err != nil {
		return in, nil, err
	}
	seen := map[string]bool{}
	for _, h := range in.Screening {
		seen[h.List+":"+h.SourceID] = true
	}
	for _, h := range hits {
		if seen[entityID(&h.Entry)] {
			continue
		}
		sr := probity.ScreeningResult{OrgID: orgID, List: h.Entry.List, SourceID: h.Entry.SourceID}
		in.Screening = append(in.Screening, policy.Hit{ID: decide.HitID(sr), OrgID: orgID, OrgName: req.Name, List: h.Entry.List,
			SourceID: h.Entry.SourceID, Name: h.Entry.Name, Programs: h.Entry.Programs, Score: h.Score, Match: h.Match})
	}
	return in.Normalize(), ref, nil
}
