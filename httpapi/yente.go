package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/lists"
	"github.com/probity/probity/match"
)

// yente compatibility: the request and response shapes of OpenSanctions'
// yente (POST /match/{dataset}, GET /search/{dataset}), so that its
// clients work unchanged. Matching itself is probity's (package match);
// "features" and "explanations" describe probity's score.

// Limits, as yente's defaults.
const (
	matchDefaultLimit = 5
	matchMaxLimit     = 500
	maxBatch          = 100
	maxExcludeIDs     = 50
	searchDefault     = 10
	searchMaxLimit    = 500
	searchCutoff      = 0.5 // lowest score /search returns
)

// matchRequest is yente's EntityMatchQuery. Weights and config tune
// yente's own algorithms; they are accepted and ignored.
type matchRequest struct {
	Queries map[string]json.RawMessage `json:"queries"`
	Weights map[string]float64         `json:"weights"`
	Config  map[string]any             `json:"config"`
}

// entityExample is yente's EntityExample: a query entity.
type entityExample struct {
	ID         string                     `json:"id,omitempty"`
	Schema     string                     `json:"schema"`
	Properties map[string]json.RawMessage `json:"properties"`
}

// exampleEcho is the query as it is echoed back, properties cleaned.
type exampleEcho struct {
	ID         string              `json:"id,omitempty"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

type totalSpec struct {
	Value    int    `json:"value"`
	Relation string `json:"relation"`
}

type entityResponse struct {
	ID         string              `json:"id"`
	Caption    string              `json:"caption"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
	Referents  []string            `json:"referents"`
	Target     bool                `json:"target"`
	FirstSeen  string              `json:"first_seen,omitempty"`
	LastSeen   string              `json:"last_seen,omitempty"`
	LastChange string              `json:"last_change,omitempty"`
}

// featureResult explains one part of the score.
type featureResult struct {
	Score  float64 `json:"score"`
	Weight float64 `json:"weight"`
	Detail string  `json:"detail"`
}

type scoredEntity struct {
	entityResponse
	Score        float64                  `json:"score"`
	Match        bool                     `json:"match"`
	Features     map[string]float64       `json:"features"`
	Explanations map[string]featureResult `json:"explanations"`
}

type entityMatches struct {
	Status  int            `json:"status"`
	Results []scoredEntity `json:"results"`
	Total   totalSpec      `json:"total"`
	Query   exampleEcho    `json:"query"`
}

type matchResponse struct {
	Responses map[string]entityMatches `json:"responses"`
	Limit     int                      `json:"limit"`
}

// knownSchemata are the FollowTheMoney schemata a query may have.
var knownSchemata = []string{"Thing", "LegalEntity", "Person", "Organization", "Company", "PublicBody", "Vessel", "Airplane"}

// Properties read from a query; the others are accepted and ignored.
var (
	nameProps    = []string{"name", "alias", "previousName", "weakAlias"}
	countryProps = []string{"country", "nationality", "citizenship", "jurisdiction", "mainCountry", "registrationCountry"}
	idProps      = []string{"idNumber", "registrationNumber", "taxNumber", "passportNumber", "innCode", "ogrnCode", "leiCode",
		"swiftBic", "imoNumber", "vatCode", "dunsCode", "uniqueEntityId", "npiCode", "bikCode", "okpoCode", "permId", "mmsi"}
)

// parsedQuery is one example turned into matcher queries: one per name.
type parsedQuery struct {
	echo    exampleEcho
	queries []match.Query
}

// parseExample validates one example; key is its id in the batch.
func parseExample(key string, raw json.RawMessage) (parsedQuery, error) {
	path := "queries." + key + "."
	var ex entityExample
	if err := decodeStrict(raw, &ex, path); err != nil {
		return parsedQuery{}, err
	}
	if ex.Schema == "" {
		return parsedQuery{}, &missingFieldError{loc: []string{"body", "queries", key, "schema"}}
	}
	i := slices.IndexFunc(knownSchemata, func(s string) bool { return strings.EqualFold(s, ex.Schema) })
	if i < 0 {
		return parsedQuery{}, errorf(probity.EINVALID, "field %q: unknown schema %q (want one of %s)", path+"schema", ex.Schema, strings.Join(knownSchemata, ", "))
	}
	pq := parsedQuery{echo: exampleEcho{ID: ex.ID, Schema: knownSchemata[i], Properties: map[string][]string{}}}
	for prop, rv := range ex.Properties {
		vals, err := propertyValues(rv, path+"properties."+prop)
		if err != nil {
			return parsedQuery{}, err
		}
		if len(vals) > 0 {
			pq.echo.Properties[prop] = vals
		}
	}
	props := pq.echo.Properties
	var names []string
	for _, p := range nameProps {
		names = append(names, props[p]...)
	}
	if len(names) == 0 && (len(props["firstName"]) > 0 || len(props["lastName"]) > 0) {
		names = append(names, strings.TrimSpace(strings.Join(append(slices.Clone(props["firstName"]), props["lastName"]...), " ")))
	}
	names = slices.Compact(names)
	if len(names) == 0 {
		return parsedQuery{}, errorf(probity.EINVALID, "field %q: a query needs at least one name", path+"properties.name")
	}
	if len(names) > 50 {
		return parsedQuery{}, errorf(probity.EINVALID, "field %q: at most 50 names per query", path+"properties.name")
	}
	var country string
	for _, p := range countryProps {
		for j, v := range props[p] {
			if code, ok := lists.CountryCode(v); ok {
				props[p][j] = strings.ToLower(code)
				if country == "" {
					country = code
				}
			}
		}
	}
	var birth string
	if ds := props["birthDate"]; len(ds) > 0 {
		birth = ds[0]
		if !probity.ValidDate(birth) && len(birth) >= 10 && probity.ValidDate(birth[:10]) {
			birth = birth[:10]
		}
		if !probity.ValidDate(birth) {
			return parsedQuery{}, errorf(probity.EINVALID, "field %q: %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", path+"properties.birthDate", ds[0])
		}
	}
	var ids []probity.Identifier
	for _, p := range idProps {
		for _, v := range props[p] {
			ids = append(ids, probity.Identifier{Scheme: p, ID: v})
		}
	}
	// FtM's address property: every address given, one line each (a
	// qualifier when one of them places the query where the entry is).
	address := strings.Join(props["address"], "\n")
	if len(address) > match.MaxQueryLen {
		return parsedQuery{}, errorf(probity.EINVALID, "field %q: at most %d bytes of addresses", path+"properties.address", match.MaxQueryLen)
	}
	for _, n := range names {
		pq.queries = append(pq.queries, match.Query{Name: n, Schema: pq.echo.Schema, Country: country, BirthDate: birth, Identifiers: ids, Address: address})
	}
	return pq, nil
}

// propertyValues reads a property: a string, or an array of strings (and
// numbers, taken as their text).
func propertyValues(raw json.RawMessage, field string) ([]string, error) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		if one = strings.TrimSpace(one); one == "" {
			return nil, nil
		}
		return []string{one}, nil
	}
	var many []any
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, errorf(probity.EINVALID, "field %q: want a string or an array of strings", field)
	}
	out := make([]string, 0, len(many))
	for i, v := range many {
		switch x := v.(type) {
		case string:
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		case float64:
			out = append(out, strconv.FormatFloat(x, 'f', -1, 64))
		case nil:
		default:
			return nil, errorf(probity.EINVALID, "field %q: want a string, got %T", fmt.Sprintf("%s[%d]", field, i), v)
		}
	}
	return out, nil
}

// matchParams are the query parameters of POST /match.
type matchParams struct {
	limit            int
	threshold        float64
	cutoff           float64
	includeDatasets  []string
	excludeDatasets  []string
	excludeSchemata  []string
	excludeEntityIDs map[string]bool
}

func floatParam(q url.Values, name string, def float64) (float64, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f >= 0 && f <= 1) { // NaN too
		return 0, errorf(probity.EINVALID, "query parameter %q: want a number between 0 and 1, got %q", name, s)
	}
	return f, nil
}

func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, errorf(probity.EINVALID, "query parameter %q: want an integer from %d to %d, got %q", name, lo, hi, s)
	}
	return n, nil
}

func parseMatchParams(q url.Values) (matchParams, error) {
	var p matchParams
	var err error
	if p.limit, err = intParam(q, "limit", matchDefaultLimit, 1, matchMaxLimit); err != nil {
		return p, err
	}
	if p.threshold, err = floatParam(q, "threshold", match.DefaultThreshold); err != nil {
		return p, err
	}
	if p.cutoff, err = floatParam(q, "cutoff", p.threshold); err != nil {
		return p, err
	}
	p.cutoff = min(p.cutoff, p.threshold)
	p.includeDatasets, p.excludeDatasets, p.excludeSchemata = q["include_dataset"], q["exclude_dataset"], q["exclude_schema"]
	if ids := q["exclude_entity_ids"]; len(ids) > 0 {
		if len(ids) > maxExcludeIDs {
			return p, errorf(probity.EINVALID, "query parameter \"exclude_entity_ids\": at most %d ids", maxExcludeIDs)
		}
		p.excludeEntityIDs = map[string]bool{}
		for _, id := range ids {
			p.excludeEntityIDs[id] = true
		}
	}
	return p, nil
}

// datasetLists resolves the {dataset} of a path to the lists it covers:
// nil for all ("default", "sanctions", "all"), else the one list of that
// name (ENOTFOUND if no such list is loaded).
func (s *Server) datasetLists(dataset string) (map[string]bool, error) {
	switch dataset {
	case "default", "sanctions", "all":
		return nil, nil
	}
	if _, ok := s.snap.listVersions()[dataset]; !ok {
		names := make([]string, 0)
		for n := range s.snap.listVersions() {
			names = append(names, n)
		}
		sort.Strings(names)
		return nil, errorf(probity.ENOTFOUND, "dataset %q not found: use default, or one of the loaded lists (%s)", dataset, strings.Join(names, ", "))
	}
	return map[string]bool{dataset: true}, nil
}

func entityID(e *probity.WatchlistEntry) string { return e.List + ":" + e.SourceID }

// keep reports whether a hit passes the dataset, schema and id filters.
func (p *matchParams) keep(only map[string]bool, e *probity.WatchlistEntry) bool {
	if only != nil && !only[e.List] {
		return false
	}
	if len(p.includeDatasets) > 0 && !slices.Contains(p.includeDatasets, e.List) {
		return false
	}
	if slices.Contains(p.excludeDatasets, e.List) || slices.Contains(p.excludeSchemata, e.Schema) {
		return false
	}
	return !p.excludeEntityIDs[entityID(e)]
}

func (p *matchParams) filtered(only map[string]bool) bool {
	return only != nil || len(p.includeDatasets) > 0 || len(p.excludeDatasets) > 0 || len(p.excludeSchemata) > 0 || len(p.excludeEntityIDs) > 0
}

// missingFieldError is a required field absent from a query. yente
// validates requests with FastAPI, which answers a missing field with 422
// Unprocessable Entity and a list of details naming where it is missing;
// clients written for yente read that shape.
type missingFieldError struct{ loc []string }

func (e *missingFieldError) Error() string {
	return fmt.Sprintf("field %q is required (Person, Organization, Company, LegalEntity, Vessel, …)", strings.Join(e.loc[1:], "."))
}

// validationDetail is one item of a FastAPI validation error.
type validationDetail struct {
	Type string   `json:"type"`
	Loc  []string `json:"loc"`
	Msg  string   `json:"msg"`
}

// writeMissing answers a missing field as yente does: 422, {"detail": [...]}.
func writeMissing(w http.ResponseWriter, e *missingFieldError) {
	WriteJSON(w, http.StatusUnprocessableEntity, struct {
		Detail []validationDetail `json:"detail"`
	}{[]validationDetail{{Type: "missing", Loc: e.loc, Msg: "Field required: " + e.Error()}}})
}

// handleMatch is POST /match/{dataset}.
func (s *Server) handleMatch(w http.ResponseWriter, r *http.Request) {
	only, err := s.datasetLists(r.PathValue("dataset"))
	if err != nil {
		WriteError(w, r, err)
		return
	}
	p, err := parseMatchParams(r.URL.Query())
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var req matchRequest
	if err := DecodeJSON(r, &req); err != nil {
		WriteError(w, r, err)
		return
	}
	if len(req.Queries) == 0 {
		WriteError(w, r, errorf(probity.EINVALID, "field \"queries\": no queries provided"))
		return
	}
	if len(req.Queries) > maxBatch {
		WriteError(w, r, errorf(probity.EINVALID, "field \"queries\": too many queries in one batch (limit: %d)", maxBatch))
		return
	}
	keys := make([]string, 0, len(req.Queries))
	for k := range req.Queries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parsed := make([]parsedQuery, len(keys))
	for i, k := range keys {
		if parsed[i], err = parseExample(k, req.Queries[k]); err != nil {
			var mf *missingFieldError
			if errors.As(err, &mf) {
				writeMissing(w, mf)
				return
			}
			WriteError(w, r, err)
			return
		}
	}
	ix := s.screener.Index()
	versions := s.snap.listVersions()
	resp := matchResponse{Responses: make(map[string]entityMatches, len(keys)), Limit: p.limit}
	for i, k := range keys {
		hits, err := s.matchOne(ix, parsed[i], &p, only)
		if err != nil {
			WriteError(w, r, fmt.Errorf("%w (query %q)", err, k))
			return
		}
		em := entityMatches{Status: http.StatusOK, Query: parsed[i].echo, Results: make([]scoredEntity, 0, len(hits))}
		em.Total = totalSpec{Value: len(hits), Relation: "eq"}
		if len(hits) > p.limit {
			hits = hits[:p.limit]
		}
		for _, h := range hits {
			em.Results = append(em.Results, scored(h, p.threshold, versions))
		}
		resp.Responses[k] = em
	}
	w.Header().Set("X-Batch-Size", strconv.Itoa(len(keys)))
	WriteJSON(w, http.StatusOK, resp)
}

// matchOne searches every name of a query and keeps each entry's best hit.
func (s *Server) matchOne(ix *match.Index, pq parsedQuery, p *matchParams, only map[string]bool) ([]match.Hit, error) {
	if ix == nil {
		return nil, nil
	}
	want := p.limit
	if p.filtered(only) {
		want = min(p.limit*10+len(p.excludeEntityIDs), matchMaxLimit*4)
	}
	best := map[string]int{}
	var hits []match.Hit
	for _, q := range pq.queries {
		hs, err := ix.Search(q, p.cutoff, want)
		if err != nil {
			if probity.ErrorCode(err) == probity.EINVALID && len(pq.queries) > 1 {
				continue // one unusable alias among others
			}
			return nil, err
		}
		for _, h := range hs {
			if !p.keep(only, &h.Entry) {
				continue
			}
			id := entityID(&h.Entry)
			if j, ok := best[id]; ok {
				if h.Score > hits[j].Score {
					hits[j] = h
				}
				continue
			}
			best[id] = len(hits)
			hits = append(hits, h)
		}
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].Score != hits[b].Score {
			return hits[a].Score > hits[b].Score
		}
		return entityID(&hits[a].Entry) < entityID(&hits[b].Entry)
	})
	return hits, nil
}

// entity renders a list entry as a FollowTheMoney entity.
func entity(e *probity.WatchlistEntry, versions map[string]probity.ListVersion) entityResponse {
	props := map[string][]string{"name": {e.Name}}
	add := func(k string, vs []string) {
		if len(vs) > 0 {
			props[k] = append(props[k], vs...)
		}
	}
	add("alias", e.Aliases)
	add("weakAlias", e.WeakAliases)
	add("birthDate", e.BirthDates)
	add("programId", e.Programs)
	add("address", e.Addresses)
	for _, c := range e.Countries {
		props["country"] = append(props["country"], strings.ToLower(c))
	}
	for _, id := range e.Identifiers {
		props["idNumber"] = append(props["idNumber"], id.ID)
	}
	if e.Remarks != "" {
		props["notes"] = []string{e.Remarks}
	}
	props["topics"] = []string{"sanction"}
	out := entityResponse{ID: entityID(e), Caption: e.Name, Schema: e.Schema, Properties: props,
		Datasets: []string{e.List}, Referents: []string{e.SourceID}, Target: true}
	if v, ok := versions[e.List]; ok {
		at := v.LoadedAt.UTC().Format(time.RFC3339)
		out.FirstSeen, out.LastSeen, out.LastChange = at, at, at
	}
	return out
}

// scored renders a hit as yente's ScoredEntityResponse.
func scored(h match.Hit, threshold float64, versions map[string]probity.ListVersion) scoredEntity {
	ex := h.Explanation
	out := scoredEntity{
		entityResponse: entity(&h.Entry, versions),
		Score:          round4(h.Score),
		Match:          h.Score >= threshold,
		Features:       map[string]float64{"name_match": round4(ex.NameScore)},
		Explanations: map[string]featureResult{
			"name_match": {Score: round4(ex.NameScore), Weight: 1, Detail: fmt.Sprintf("%s %q (%s) ~ query %q", ex.Logic, ex.Candidate, orName(ex.NameType), ex.Query)},
		},
	}
	for i, a := range ex.Adjustments {
		key := "qualifier_" + strconv.Itoa(i+1)
		out.Features[key] = round4(a.After - a.Before)
		out.Explanations[key] = featureResult{Score: round4(a.After - a.Before), Weight: 1, Detail: a.Reason}
	}
	return out
}

func orName(t string) string {
	if t == "" {
		return "name"
	}
	return t
}

func round4(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }

// searchResponse is yente's SearchResponse.
type searchResponse struct {
	Results []entityResponse       `json:"results"`
	Facets  map[string]searchFacet `json:"facets"`
	Total   totalSpec              `json:"total"`
	Limit   int                    `json:"limit"`
	Offset  int                    `json:"offset"`
}

// handleSearch is GET /search/{dataset}?q=.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	only, err := s.datasetLists(r.PathValue("dataset"))
	if err != nil {
		WriteError(w, r, err)
		return
	}
	qv := r.URL.Query()
	limit, err := intParam(qv, "limit", searchDefault, 0, searchMaxLimit)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	offset, err := intParam(qv, "offset", 0, 0, 10_000)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	schema := qv.Get("schema")
	if schema == "" {
		schema = "Thing"
	}
	if !slices.ContainsFunc(knownSchemata, func(k string) bool { return strings.EqualFold(k, schema) }) {
		WriteError(w, r, errorf(probity.EINVALID, "query parameter \"schema\": unknown schema %q", schema))
		return
	}
	resp := searchResponse{Results: []entityResponse{}, Facets: map[string]searchFacet{}, Limit: limit, Offset: offset, Total: totalSpec{Relation: "eq"}}
	q := strings.TrimSpace(qv.Get("q"))
	ix := s.screener.Index()
	if q == "" || ix == nil {
		WriteJSON(w, http.StatusOK, resp)
		return
	}
	p := matchParams{cutoff: searchCutoff, limit: offset + limit, includeDatasets: qv["datasets"]}
	countries := qv["countries"]
	var mq match.Query
	mq.Name, mq.Schema = q, schema
	want := min((offset+limit)*4+10, 2000)
	hits, err := ix.Search(mq, searchCutoff, want)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	versions := s.snap.listVersions()
	var kept []match.Hit
	for _, h := range hits {
		if !p.keep(only, &h.Entry) {
			continue
		}
		if len(countries) > 0 && !slices.ContainsFunc(h.Entry.Countries, func(c string) bool {
			return slices.ContainsFunc(countries, func(x string) bool { return strings.EqualFold(x, c) })
		}) {
			continue
		}
		kept = append(kept, h)
	}
	resp.Total.Value = len(kept)
	if len(hits) == want {
		resp.Total.Relation = "gte"
	}
	resp.Facets = searchFacets(kept, qv["facets"])
	for i := offset; i < len(kept) && i < offset+limit; i++ {
		resp.Results = append(resp.Results, entity(&kept[i].Entry, versions))
	}
	WriteJSON(w, http.StatusOK, resp)
}

// searchFacet is yente's SearchFacet: counts of one property over the
// results.
type searchFacet struct {
	Label  string            `json:"label"`
	Values []searchFacetItem `json:"values"`
}

type searchFacetItem struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// defaultFacets are the facets /search fills when the request names none
// (yente's default is countries, topics, datasets; schema is asked for by
// name there and filled here too).
var defaultFacets = []string{"countries", "topics", "datasets", "schema"}

// searchFacets counts the results' countries, topics (the lists'
// programmes: GLOMAG, SDGT…), datasets and schemata, largest first, for
// the facets asked for (unknown names are left out, as yente does).
func searchFacets(hits []match.Hit, asked []string) map[string]searchFacet {
	if len(asked) == 0 {
		asked = defaultFacets
	}
	out := map[string]searchFacet{}
	for _, f := range asked {
		var label string
		var values func(e *probity.WatchlistEntry) []string
		switch f {
		case "countries":
			label, values = "Countries", func(e *probity.WatchlistEntry) []string { return e.Countries }
		case "topics":
			label, values = "Topics", func(e *probity.WatchlistEntry) []string { return e.Programs }
		case "datasets":
			label, values = "Data sources", func(e *probity.WatchlistEntry) []string { return []string{e.List} }
		case "schema":
			label, values = "Entity types", func(e *probity.WatchlistEntry) []string { return []string{e.Schema} }
		default:
			continue
		}
		counts := map[string]int{}
		for i := range hits {
			seen := map[string]bool{}
			for _, v := range values(&hits[i].Entry) {
				if v = strings.TrimSpace(v); v != "" && !seen[v] {
					seen[v] = true
					counts[v]++
				}
			}
		}
		items := make([]searchFacetItem, 0, len(counts))
		for v, n := range counts {
			items = append(items, searchFacetItem{Name: v, Label: v, Count: n})
		}
		sort.Slice(items, func(a, b int) bool {
			if items[a].Count != items[b].Count {
				return items[a].Count > items[b].Count
			}
			return items[a].Name < items[b].Name
		})
		out[f] = searchFacet{Label: label, Values: items}
	}
	return out
}
