package register

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/usaspending"
)

// One award, several files. USAspending files tell the same award in
// different ways: a prime-award summary row and an aggregate of the
// transaction extract carry USAspending's unique award key
// (CONT_AWD_<PIID>_<agency>_<parent PIID>_<parent agency>); the Torn Apart
// list of 2018 carries only the PIID. Each file's account is stored as it
// was read (probity.ContractSource), and the contracts of an award are
// composed from every account with the same match key (awarding sub-agency
// code / PIID, usaspending.Award.MatchKey) once the files are read
// (Finish). Composition depends only on the set of accounts, never on the
// order they came in, so ingesting the files in any order, or again, gives
// the same register.
//
// The rule, for the accounts of one match key:
//   - an account with a unique key belongs to the contract with that id
//     (RuleOwnKey); the same key in several files is one contract;
//   - an account without a key (Torn Apart) joins the award with a key
//     when exactly one award with a key has its match key
//     (RuleSameAgencyPIID): a PIID is unique within its awarding agency,
//     and the list names the agency (ICE, 7012) and the PIID. Its former
//     id, usaspending:<match key>, becomes an alias of the merged contract,
//     and whatever that contract had (decisions, cases, concerns) moves
//     with it;
//   - with no award with a key, it is a contract of its own,
//     usaspending:<match key> (RuleNoKeyedAward);
//   - with several (the same PIID under different parent awards), nothing
//     tells which one the list meant: it is not merged and stays a
//     contract of its own, with the reason (RuleAmbiguousPIID).
//
// The fields of a composed contract come from the accounts ranked by
// source: prime-award summaries first (the richest: obligated, current and
// potential values, period of performance, status), then the transaction
// extract (action dates, descriptions), then the Torn Apart list (a 2018
// snapshot), then the prime-award columns of a subaward file. Each scalar
// field (title, description, status, buyer, period, PIID) is the first
// account's that has it. The values (current, obligated, potential) are
// taken together from one account, so that figures of different dates and
// kinds are never mixed, and award-level totals beat window sums: the
// prime-award summary's, else the Torn Apart list's (the award's current
// and potential value in 2018), else the transaction extract's (the sum of
// the obligations in the extract only, which misses an award's years
// before it: an award of 2016 closed out in 2023 sums to 0 there), else
// the subaward file's prime amount. Suppliers, subcontractors and files
// are the union of all accounts. Every account stays stored with its own
// values: `probity contracts show` lists them.

// Rules recorded on contract sources and aliases.
const (
	RuleOwnKey         = "own-key"          // the account's unique award key is the contract id
	RuleSameAgencyPIID = "same-agency-piid" // no key: joined the one award with a key with its sub-agency and PIID
	RuleNoKeyedAward   = "no-keyed-award"   // no key, and no award with a key has its sub-agency and PIID
	RuleAmbiguousPIID  = "ambiguous-piid"   // no key, and several awards with keys have its sub-agency and PIID: not merged
)

// awardTx is what composing awards needs of the write transaction besides
// probity.Tx (package internal/sqlstore implements it).
type awardTx interface {
	PutContractSource(ctx context.Context, s probity.ContractSource) error
	ContractSourcesByMatchKey(ctx context.Context, keys []string) ([]probity.ContractSource, error)
	MergeContract(ctx context.Context, from, to, rule, note string) error
	DropContractAlias(ctx context.Context, id string) error
}

// awardState is what an ingest holds of the accounts read since its last
// Finish.
type awardState struct {
	pending map[string]*probity.ContractSource // match key, award key, file → account
	byMatch map[string][]string                // match key → its pending accounts' keys, in the order first seen
	keys    []string                           // match keys to compose, in the order first seen
}

func sourceKey(matchKey, awardKey, file string) string {
	return matchKey + "\x00" + awardKey + "\x00" + file
}

// keylessID is the id of the contract of accounts without a unique key.
func keylessID(matchKey string) string { return "usaspending:" + matchKey }

// groupKey is the match key of an account: its sub-agency and PIID, or,
// when the file gives neither (a key alone), the key.
func groupKey(matchKey, awardKey string) string {
	if matchKey != "" {
		return matchKey
	}
	return "key:" + awardKey
}

// account returns the pending account of (match key, award key) from this
// ingest's file, or nil.
func (in *Ingest) account(matchKey, awardKey, file string) *probity.ContractSource {
	return in.aw.pending[sourceKey(matchKey, awardKey, file)]
}

// addAccount notes an account read from a file, replacing what the same
// file said of the same award before in this ingest.
func (in *Ingest) addAccount(s *probity.ContractSource) {
	a := &in.aw
	if a.pending == nil {
		a.pending, a.byMatch = map[string]*probity.ContractSource{}, map[string][]string{}
	}
	k := sourceKey(s.MatchKey, s.AwardKey, s.File)
	if _, ok := a.pending[k]; !ok {
		if len(a.byMatch[s.MatchKey]) == 0 {
			a.keys = append(a.keys, s.MatchKey)
		}
		a.byMatch[s.MatchKey] = append(a.byMatch[s.MatchKey], k)
	}
	a.pending[k] = s
}

// storedAccount returns the account of (match key, award key, file) as
// stored by an earlier ingest or batch, or nil.
func (in *Ingest) storedAccount(ctx context.Context, matchKey, awardKey, file string) (*probity.ContractSource, error) {
	atx, err := in.awardTx()
	if err != nil {
		return nil, err
	}
	rows, err := atx.ContractSourcesByMatchKey(ctx, []string{matchKey})
	if err != nil {
		return nil, err
	}
	for i := range rows {
		if rows[i].AwardKey == awardKey && rows[i].File == file {
			return &rows[i], nil
		}
	}
	return nil, nil
}

func (in *Ingest) awardTx() (awardTx, error) {
	atx, ok := in.tx.(awardTx)
	if !ok {
		return nil, fmt.Errorf("internal error: the store's transaction %T keeps no contract sources", in.tx)
	}
	return atx, nil
}

// composeChunk is how many match keys are composed per read of their
// accounts.
const composeChunk = 500

// finishAwards composes the contracts of every match key the accounts read
// since the last Finish touched, from those accounts and the ones stored
// before, and stores the accounts with the contract each is part of.
func (in *Ingest) finishAwards(ctx context.Context) error {
	a := &in.aw
	if len(a.keys) == 0 {
		return nil
	}
	atx, err := in.awardTx()
	if err != nil {
		return err
	}
	for start := 0; start < len(a.keys); start += composeChunk {
		chunk := a.keys[start:min(start+composeChunk, len(a.keys))]
		stored, err := atx.ContractSourcesByMatchKey(ctx, chunk)
		if err != nil {
			return err
		}
		group := map[string][]account{}
		seen := map[string]bool{}
		for _, s := range stored {
			k := sourceKey(s.MatchKey, s.AwardKey, s.File)
			if a.pending[k] == nil {
				group[s.MatchKey] = append(group[s.MatchKey], account{ContractSource: s, before: s})
			} else {
				seen[k] = true // read again: the new account replaces it
			}
		}
		for _, mk := range chunk {
			for _, k := range a.byMatch[mk] {
				if !seen[k] {
					in.st.New.Add(1) // an award this file had not told before
				}
				group[mk] = append(group[mk], account{ContractSource: *a.pending[k], fresh: true})
			}
			if err := in.composeMatchKey(ctx, atx, group[mk]); err != nil {
				return err
			}
		}
	}
	*a = awardState{}
	return nil
}

// account is an account being composed: read in this ingest (fresh) or
// stored before, as it was stored.
type account struct {
	probity.ContractSource
	fresh  bool
	before probity.ContractSource
}

// layoutRank orders accounts by source, best first (see the rule above).
func layoutRank(layout string) int {
	switch usaspending.Layout(layout) {
	case usaspending.LayoutContractAwards, usaspending.LayoutAssistanceAwards:
		return 0
	case usaspending.LayoutTransactions:
		return 1
	case usaspending.LayoutTornApart:
		return 2
	case usaspending.LayoutSubawards:
		return 3
	}
	return 4
}

// valueRank orders accounts by the values they give, best first:
// award-level totals before window sums (see the rule above).
func valueRank(layout string) int {
	switch usaspending.Layout(layout) {
	case usaspending.LayoutContractAwards, usaspending.LayoutAssistanceAwards:
		return 0
	case usaspending.LayoutTornApart:
		return 1
	case usaspending.LayoutTransactions:
		return 2
	case usaspending.LayoutSubawards:
		return 3
	}
	return 4
}

// RankSources sorts accounts best first: by source rank, then file name.
func RankSources(rows []probity.ContractSource) {
	sort.SliceStable(rows, func(i, j int) bool {
		ri, rj := layoutRank(rows[i].Layout), layoutRank(rows[j].Layout)
		if ri != rj {
			return ri < rj
		}
		if rows[i].File != rows[j].File {
			return rows[i].File < rows[j].File
		}
		return rows[i].AwardKey < rows[j].AwardKey
	})
}

// composed is one contract of a match key and the accounts it is made of.
type composed struct {
	id      string
	sources []*account
	mergeTo string // the keyless contract usaspending:<match key> becomes an alias of id
}

// plan applies the rule to the accounts of one match key: which contract
// each account belongs to, and why.
func plan(rows []account) []composed {
	mk := rows[0].MatchKey
	var keys []string
	var keyless []*account
	byKey := map[string]*composed{}
	for i := range rows {
		s := &rows[i]
		if s.AwardKey == "" {
			keyless = append(keyless, s)
			continue
		}
		c := byKey[s.AwardKey]
		if c == nil {
			c = &composed{id: s.AwardKey}
			byKey[s.AwardKey] = c
			keys = append(keys, s.AwardKey)
		}
		s.ContractID, s.Rule, s.Note = s.AwardKey, RuleOwnKey, ""
		c.sources = append(c.sources, s)
	}
	sort.Strings(keys)
	var out []composed
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	if len(keyless) == 0 {
		return out
	}
	switch len(keys) {
	case 1:
		for _, s := range keyless {
			s.ContractID, s.Rule = keys[0], RuleSameAgencyPIID
			s.Note = fmt.Sprintf("%s gives no unique award key; %s is the one award with a key whose awarding sub-agency and PIID are %s, so they are the same contract (its former id %s leads here)",
				s.File, keys[0], mk, keylessID(mk))
		}
		out[0].sources = append(out[0].sources, keyless...)
		out[0].mergeTo = keys[0]
		return out
	case 0:
		for _, s := range keyless {
			s.ContractID, s.Rule = keylessID(mk), RuleNoKeyedAward
			s.Note = fmt.Sprintf("%s gives no unique award key, and no award with a key has awarding sub-agency and PIID %s in the register", s.File, mk)
		}
	default:
		for _, s := range keyless {
			s.ContractID, s.Rule = keylessID(mk), RuleAmbiguousPIID
			s.Note = fmt.Sprintf("not merged: %d awards with unique keys have awarding sub-agency and PIID %s (%s), and %s gives no parent award to tell which one it means",
				len(keys), mk, strings.Join(keys, ", "), s.File)
		}
	}
	return append(out, composed{id: keylessID(mk), sources: keyless})
}

// composeMatchKey writes the contracts of one match key from its accounts,
// and the accounts that are new or now belong elsewhere.
func (in *Ingest) composeMatchKey(ctx context.Context, atx awardTx, rows []account) error {
	if len(rows) == 0 {
		return nil
	}
	sort.Slice(rows, func(i, j int) bool { // as the store lists them: the plan does not depend on the order read
		if rows[i].AwardKey != rows[j].AwardKey {
			return rows[i].AwardKey < rows[j].AwardKey
		}
		return rows[i].File < rows[j].File
	})
	mk := rows[0].MatchKey
	for _, g := range plan(rows) {
		srcs := make([]probity.ContractSource, len(g.sources))
		for i, s := range g.sources {
			srcs[i] = s.ContractSource
		}
		RankSources(srcs)
		c := composeContract(g.id, srcs)
		old, err := in.tx.Contract(ctx, g.id)
		switch {
		case err == nil:
			// Subcontractors stored before contract sources were kept
			// (an older register) are not lost.
			for _, r := range old.Subcontractors {
				c.Subcontractors = appendRef(c.Subcontractors, r)
			}
		case probity.ErrorCode(err) == probity.ENOTFOUND:
			old = nil
			if g.id == keylessID(mk) {
				// It may have been merged before, and is a contract of its
				// own again (the award has become ambiguous).
				if err := atx.DropContractAlias(ctx, g.id); err != nil {
					return err
				}
			}
		default:
			return err
		}
		if err := in.putContract(ctx, old, c); err != nil {
			return err
		}
		for _, s := range g.sources {
			b := s.before
			if s.fresh || b.ContractID != s.ContractID || b.Rule != s.Rule || b.Note != s.Note {
				if err := atx.PutContractSource(ctx, s.ContractSource); err != nil {
					return err
				}
			}
		}
		if g.mergeTo != "" {
			from := keylessID(mk)
			note := fmt.Sprintf("the award without a unique key %s is the award %s: same awarding sub-agency and PIID, and no other award with a key has them", from, g.id)
			if err := atx.MergeContract(ctx, from, g.id, RuleSameAgencyPIID, note); err != nil {
				return err
			}
			in.changed = slices.DeleteFunc(in.changed, func(id string) bool { return id == from })
		}
	}
	return nil
}

// ValuesFrom returns the index of the account whose values (current,
// obligated, potential) the composed contract carries, or -1 when no
// account has any: the first with any by value rank (see the rule above).
func ValuesFrom(srcs []probity.ContractSource) int {
	best := -1
	for i, s := range srcs {
		if x := s.Contract; x.Value == nil && x.Obligated == nil && x.Potential == nil {
			continue
		}
		if best < 0 || valueRank(s.Layout) < valueRank(srcs[best].Layout) {
			best = i
		}
	}
	return best
}

// composeContract makes the contract id from its accounts, ranked best
// first (see the rule above).
func composeContract(id string, srcs []probity.ContractSource) probity.Contract {
	c := probity.Contract{ID: id, Source: "usaspending", Status: probity.StatusUnknown, Suppliers: []probity.OrgRef{}}
	if i := ValuesFrom(srcs); i >= 0 {
		x := srcs[i].Contract
		c.Value, c.Obligated, c.Potential = cloneValue(x.Value), cloneValue(x.Obligated), cloneValue(x.Potential)
	}
	for _, s := range srcs {
		x := s.Contract
		if c.Title == "" {
			c.Title = x.Title
		}
		if c.Description == "" {
			c.Description = x.Description
		}
		if c.Status == probity.StatusUnknown && x.Status != "" {
			c.Status = x.Status
		}
		if c.Buyer == nil && x.Buyer != nil {
			b := *x.Buyer
			c.Buyer = &b
		}
		if c.Period == (probity.Period{}) {
			c.Period = x.Period
		}
		if c.SourceReference == "" {
			c.SourceReference = x.SourceReference
		}
		for _, r := range x.Suppliers {
			c.Suppliers = appendRef(c.Suppliers, r)
		}
		for _, r := range x.Subcontractors {
			c.Subcontractors = appendRef(c.Subcontractors, r)
		}
		for _, f := range x.SourceFiles {
			c.SourceFiles = appendUnique(c.SourceFiles, f)
		}
	}
	return c
}

func cloneValue(v *probity.Value) *probity.Value {
	if v == nil {
		return nil
	}
	x := *v
	return &x
}
