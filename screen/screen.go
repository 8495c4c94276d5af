// Package screen connects the matcher to the register: it builds the
// screening index from the watch lists kept in the store, and screens the
// organizations of the register against it, storing every hit with the
// list version and matcher version that produced it. When a list changes,
// ScreenRegister is run again and replaces the stored results.
package screen

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

// Index is a screening index with the list versions it was built from.
type Index struct {
	*match.Index
	Versions map[string]probity.ListVersion // by list name
}

// BuildIndex builds an index over the current version of every stored
// list, with word weights from the list names and the register's names
// (so that a word many registered companies share, "Solutions" or
// "Spectrum", weighs little). It returns ENOTFOUND when no list has been
// loaded.
func BuildIndex(ctx context.Context, store Store) (*Index, error) {
	versions, err := store.CurrentLists(ctx)
	if err != nil {
		return nil, err
	}
	if len(versions) == 0 {
		return nil, probity.Errorf(probity.ENOTFOUND, "no watch list has been loaded: run 'probity lists load ofac DIR' (or un, ftm, csv) first")
	}
	var entries []probity.WatchlistEntry
	byName := map[string]probity.ListVersion{}
	for _, v := range versions {
		_, es, err := store.CurrentList(ctx, v.List)
		if err != nil {
			return nil, err
		}
		entries = append(entries, es...)
		byName[v.List] = v
	}
	orgs, err := store.Organizations(ctx, probity.OrgFilter{})
	if err != nil {
		return nil, err
	}
	corpus := make([]string, 0, len(orgs))
	for _, o := range orgs {
		corpus = append(corpus, o.Name)
		for _, a := range o.Aliases {
			corpus = append(corpus, a.Name)
		}
	}
	return &Index{Index: match.NewIndexWith(entries, match.IndexOptions{Corpus: corpus}), Versions: byName}, nil
}

// QuerySchema is the FollowTheMoney schema to screen an organization of the
// given kind as: people as Person, companies as Organization (which finds
// Company entries too), government bodies as PublicBody's parent
// Organization, anything else as LegalEntity.
func QuerySchema(kind probity.OrgKind) string {
	switch kind {
	case probity.KindPerson:
		return "Person"
	case probity.KindCompany, probity.KindGovernment, probity.KindNGO:
		return "Organization"
	}
	return "LegalEntity"
}

// Stats counts what ScreenRegister did. Changed lists the organizations
// whose stored results changed (entry, score or verdict), so that only the
// contracts they affect are decided again.
type Stats struct {
	Organizations int     `json:"organizations"`
	Hits          int     `json:"hits"`
	Changed       []int64 `json:"changed,omitempty"`
}

// Store is what screening the register reads and writes: the lists, their
// results, and the organizations to screen.
type Store interface {
	probity.ListStore
	Organizations(ctx context.Context, f probity.OrgFilter) ([]probity.Organization, error)
}

// Rescreen builds the index over the stored lists and screens the register
// with it (see ScreenRegister).
func Rescreen(ctx context.Context, store Store, threshold float64) (Stats, error) {
	ix, err := BuildIndex(ctx, store)
	if err != nil {
		return Stats{}, err
	}
	return ScreenRegister(ctx, store, ix, threshold)
}

// ScreenRegister screens every organization of the register (each under
// its name and aliases, with its identifiers and country as qualifiers)
// and replaces its stored results with the hits scoring at least
// threshold.
func ScreenRegister(ctx context.Context, store Store, ix *Index, threshold float64) (Stats, error) {
	orgs, err := store.Organizations(ctx, probity.OrgFilter{})
	if err != nil {
		return Stats{}, err
	}
	prev, err := store.Screenings(ctx, 0)
	if err != nil {
		return Stats{}, err
	}
	now := time.Now().UTC().Truncate(time.Second)
	var st Stats
	ids := make([]int64, 0, len(orgs))
	var results []probity.ScreeningResult
	for _, o := range orgs {
		ids = append(ids, o.ID)
		hits, err := ScreenOrg(ix, o, threshold)
		if err != nil {
			return st, err
		}
		for _, h := range hits {
			results = append(results, Result(ix, o, h, now))
		}
		st.Hits += len(hits)
	}
	st.Organizations = len(orgs)
	st.Changed = changedOrgs(prev, results)
	return st, store.ReplaceScreenings(ctx, ids, results)
}

// changedOrgs returns, sorted, the organizations whose results differ
// between before and after in entry, score or verdict.
func changedOrgs(before, after []probity.ScreeningResult) []int64 {
	key := func(rs []probity.ScreeningResult) map[int64]string {
		out := map[int64]string{}
		for _, h := range rs {
			out[h.OrgID] += fmt.Sprintf("%s:%s:%.4f:%v;", h.List, h.SourceID, h.Score, h.Match)
		}
		return out
	}
	b, a := key(before), key(after)
	var out []int64
	for id, k := range b {
		if a[id] != k {
			out = append(out, id)
		}
	}
	for id := range a {
		if _, ok := b[id]; !ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// ScreenOrg searches for one organization, keeping the best hit per entry.
func ScreenOrg(ix *Index, o probity.Organization, threshold float64) ([]match.Hit, error) {
	q := match.Query{Name: o.Name, Schema: QuerySchema(o.Kind), Country: o.Country, Identifiers: o.Identifiers}
	hits, err := ix.Search(q, threshold, 10)
	if err != nil {
		if probity.ErrorCode(err) == probity.EINVALID {
			return nil, nil // a name with nothing to match on cannot hit
		}
		return nil, err
	}
	return hits, nil
}

// Result turns a hit into the stored form.
func Result(ix *Index, o probity.Organization, h match.Hit, now time.Time) probity.ScreeningResult {
	expl, _ := json.Marshal(h.Explanation)
	return probity.ScreeningResult{
		OrgID: o.ID, OrgName: o.Name, List: h.Entry.List, ListVersionID: ix.Versions[h.Entry.List].ID,
		SourceID: h.Entry.SourceID, EntryName: h.Entry.Name, EntrySchema: h.Entry.Schema, Programs: h.Entry.Programs,
		MatchedName: h.MatchedName, Score: h.Score, Match: h.Match, Explanation: expl,
		MatcherVersion: match.Version, ScreenedAt: now,
	}
}
