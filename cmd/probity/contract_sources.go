package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/probity/probity"
	"github.com/probity/probity/register"
)

// Where a contract comes from, for `contracts show`: the files' accounts
// it was composed from (USAspending awards told by several files, see
// register/award_merge.go) and the former ids merged into it. A former
// id, asked for, leads to the contract it is now part of.

// contractProvenance is what contracts show adds to a contract.
type contractProvenance struct {
	RequestedID string                  `json:"requested_id,omitempty"` // the former id asked for
	Merged      []probity.ContractAlias `json:"merged,omitempty"`       // former ids now part of this contract, with the rule
	Sources     []provenanceSource      `json:"sources,omitempty"`      // the accounts, best first
}

// provenanceSource is one file's account of the contract.
type provenanceSource struct {
	File      string         `json:"file"`
	Layout    string         `json:"layout"`
	AwardKey  string         `json:"award_key,omitempty"`
	Rule      string         `json:"rule"`
	Note      string         `json:"note,omitempty"`
	Title     string         `json:"title,omitempty"`
	Value     *probity.Value `json:"value"`
	Obligated *probity.Value `json:"obligated"`
	Potential *probity.Value `json:"potential"`
	// ValuesUsed marks the account whose values the contract carries.
	ValuesUsed bool `json:"values_used,omitempty"`
}

// lookupContract reads the contract id, or the contract a former id id
// was merged into, with where it comes from.
func lookupContract(ctx context.Context, store probity.RegisterStore, id string) (*probity.Contract, *contractProvenance, error) {
	prov := &contractProvenance{}
	css, _ := store.(probity.ContractSourceStore)
	c, err := store.Contract(ctx, id)
	if probity.ErrorCode(err) == probity.ENOTFOUND && css != nil {
		a, aerr := css.ContractAlias(ctx, id)
		if aerr != nil {
			return nil, nil, err // no alias either: the contract's own error
		}
		prov.RequestedID = id
		c, err = store.Contract(ctx, a.ContractID)
	}
	if err != nil || css == nil {
		return c, prov, err
	}
	if prov.Merged, err = css.ContractAliases(ctx, c.ID); err != nil {
		return nil, nil, err
	}
	srcs, err := css.ContractSources(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	register.RankSources(srcs)
	values := register.ValuesFrom(srcs)
	for i, s := range srcs {
		prov.Sources = append(prov.Sources, provenanceSource{File: s.File, Layout: s.Layout, AwardKey: s.AwardKey, Rule: s.Rule, Note: s.Note,
			Title: s.Contract.Title, Value: s.Contract.Value, Obligated: s.Contract.Obligated, Potential: s.Contract.Potential,
			ValuesUsed: i == values && len(srcs) > 1})
	}
	return c, prov, nil
}

// withProvenance adds requested_id, merged and sources to a contract's
// JSON (contractJSON).
func withProvenance(contract any, prov *contractProvenance) (any, error) {
	b, err := json.Marshal(contract)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	if prov.RequestedID != "" {
		out["requested_id"] = prov.RequestedID
	}
	if len(prov.Merged) > 0 {
		out["merged"] = prov.Merged
	}
	if len(prov.Sources) > 0 {
		out["sources"] = prov.Sources
	}
	return out, nil
}

// print writes the provenance under a contract's text.
func (p *contractProvenance) print(w io.Writer) {
	if p.RequestedID != "" {
		fmt.Fprintf(w, "Asked for    %s, a former id of this contract\n", p.RequestedID)
	}
	if len(p.Sources) > 1 || (len(p.Sources) == 1 && p.Sources[0].Rule != register.RuleOwnKey) {
		fmt.Fprintf(w, "Composed     from %d files' accounts, best first; the values are those of the account marked *, award-level totals before sums of transactions (register/award_merge.go)\n", len(p.Sources))
		for i, s := range p.Sources {
			key := s.AwardKey
			if key == "" {
				key = "no unique award key"
			}
			mark := " "
			if s.ValuesUsed {
				mark = "*"
			}
			fmt.Fprintf(w, "  %d.%s %s (%s, %s): value %s, obligated %s, potential %s\n", i+1, mark, s.File, s.Layout, key,
				formatValue(s.Value), formatValue(s.Obligated), formatValue(s.Potential))
			fmt.Fprintf(w, "     rule %s", s.Rule)
			if s.Note != "" {
				fmt.Fprintf(w, ": %s", s.Note)
			}
			fmt.Fprintln(w)
		}
	}
	for _, a := range p.Merged {
		fmt.Fprintf(w, "Former id    %s (merged %s by %s: %s)\n", a.Alias, a.At, a.Rule, a.Note)
	}
}
