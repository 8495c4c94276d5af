package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
)

// The request bodies below are the examples of yente's documentation (the
// /match route's docstring) and of its test suite (test_match.py): a yente
// client sends exactly these.
const yenteDocExample = `{"queries": {
	"entity1": {"schema": "Person", "properties": {"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]}},
	"entity2": {"schema": "Company", "properties": {"name": ["Brilliant Amazing Limited"], "jurisdiction": ["hk"], "registrationNumber": ["84BA99810"]}}
}}`

const yentePutin = `{"schema": "Person", "properties": {"name": ["Vladimir Putin"], "birthDate": ["1952"], "country": "Russia"}}`

type yenteResult struct {
	ID           string              `json:"id"`
	Caption      string              `json:"caption"`
	Schema       string              `json:"schema"`
	Properties   map[string][]string `json:"properties"`
	Datasets     []string            `json:"datasets"`
	Referents    []string            `json:"referents"`
	Target       bool                `json:"target"`
	Score        float64             `json:"score"`
	Match        bool                `json:"match"`
	Features     map[string]float64  `json:"features"`
	Explanations map[string]struct {
		Score  float64 `json:"score"`
		Detail string  `json:"detail"`
	} `json:"explanations"`
}

type yenteResponse struct {
	Responses map[string]struct {
		Status  int           `json:"status"`
		Results []yenteResult `json:"results"`
		Total   struct {
			Value    int    `json:"value"`
			Relation string `json:"relation"`
		} `json:"total"`
		Query struct {
			ID         string              `json:"id"`
			Schema     string              `json:"schema"`
			Properties map[string][]string `json:"properties"`
		} `json:"query"`
	} `json:"responses"`
	Limit int `json:"limit"`
}

func TestYenteMatchDocumentationExample(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	status, data, hdr := f.do(probity.RoleEmployee, "POST", "/match/default", yenteDocExample)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, data)
	}
	resp := decode[yenteResponse](t, data)
	if len(resp.Responses) != 2 || resp.Limit != 5 || hdr.Get("X-Batch-Size") != "2" {
		t.Fatalf("responses %d, limit %d, batch %q", len(resp.Responses), resp.Limit, hdr.Get("X-Batch-Size"))
	}
	e1 := resp.Responses["entity1"]
	if e1.Status != 200 || e1.Query.Schema != "Person" || e1.Total.Relation != "eq" {
		t.Errorf("entity1: %+v", e1)
	}
	if len(e1.Results) == 0 || e1.Results[0].ID != "test_list:4" || !e1.Results[0].Match {
		t.Fatalf("entity1 results %+v", e1.Results)
	}
	r := e1.Results[0]
	if r.Caption != "John DOE" || r.Schema != "Person" || r.Datasets[0] != "test_list" || r.Properties["name"][0] != "John DOE" ||
		r.Score <= 0 || r.Score > 1 || r.Features["name_match"] <= 0 || r.Explanations["name_match"].Detail == "" || !r.Target {
		t.Errorf("entity1 result %+v", r)
	}
	if got := resp.Responses["entity2"]; got.Status != 200 || len(got.Results) != 0 {
		t.Errorf("entity2: %+v", got)
	}
}

func TestYenteMatchPutin(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	body := fmt.Sprintf(`{"queries": {"vv": %s, "xx": %s, "zz": %s}}`, yentePutin, yentePutin, yentePutin)
	status, data, _ := f.do(probity.RoleEmployee, "POST", "/match/default", body)
	if status != 200 {
		t.Fatalf("status %d: %s", status, data)
	}
	res := decode[yenteResponse](t, data).Responses["vv"]
	if res.Query.Schema != "Person" || res.Query.Properties["country"][0] != "ru" {
		t.Errorf("query echoed as %+v", res.Query)
	}
	if res.Total.Value == 0 || res.Results[0].ID != "test_list:1" {
		t.Fatalf("results %+v", res.Results)
	}
	// An entry's addresses come back as FtM's address property.
	_, data, _ = f.do(probity.RoleEmployee, "POST", "/match/default", `{"queries": {"r": {"schema": "Company", "properties": {"name": ["Rosoboronexport"], "address": ["Moscow"]}}}}`)
	if r := decode[yenteResponse](t, data).Responses["r"]; len(r.Results) == 0 || len(r.Results[0].Properties["address"]) != 1 || r.Query.Properties["address"][0] != "Moscow" {
		t.Errorf("address: %+v", r)
	}
	// The same with the id passed through (test_id_pass_through).
	status, data, _ = f.do(probity.RoleEmployee, "POST", "/match/default", `{"queries": {"no1": {"id": "putin", "schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}`)
	if got := decode[yenteResponse](t, data).Responses["no1"].Query; status != 200 || got.ID != "putin" || got.Schema != "Person" {
		t.Errorf("id pass-through: %d %+v", status, got)
	}
}

func TestYenteMatchParameters(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	q := `{"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin"]}}}}`
	for _, tc := range []struct {
		path string
		want int // results
	}{
		{"/match/default", 1},
		{"/match/sanctions", 1},
		{"/match/test_list", 1},
		{"/match/default?exclude_entity_ids=test_list:1", 0},
		{"/match/default?exclude_dataset=test_list", 0},
		{"/match/default?include_dataset=other", 0},
		{"/match/default?exclude_schema=Person", 0},
		{"/match/default?algorithm=best&topics=sanction&changed_since=2020-01-01", 1},
		{"/match/default?threshold=0.99&cutoff=0.5", 1},
	} {
		status, data, _ := f.do(probity.RoleEmployee, "POST", tc.path, q)
		if status != 200 {
			t.Errorf("%s: status %d: %s", tc.path, status, data)
			continue
		}
		res := decode[yenteResponse](t, data).Responses["q"]
		if len(res.Results) != tc.want {
			t.Errorf("%s: %d results, want %d", tc.path, len(res.Results), tc.want)
		}
	}
	// A high threshold keeps the result (above the cutoff) but it is no
	// longer a match.
	fuzzy := `{"queries": {"q": {"schema": "Person", "properties": {"name": ["Wladimir Putin"]}}}}`
	_, data, _ := f.do(probity.RoleEmployee, "POST", "/match/default?threshold=0.999&cutoff=0.5", fuzzy)
	if r := decode[yenteResponse](t, data).Responses["q"].Results; len(r) != 1 || r[0].Match {
		t.Errorf("threshold 0.999: %+v", r)
	}
	// Many names: the best per entry, once.
	_, data, _ = f.do(probity.RoleEmployee, "POST", "/match/default", `{"queries": {"q": {"schema": "Person", "properties": {"name": ["Vladimir Putin", "PUTIN Vladimir Vladimirovich", "Путин Владимир"]}}}}`)
	if r := decode[yenteResponse](t, data).Responses["q"].Results; len(r) != 1 {
		t.Errorf("several names: %+v", r)
	}
	// Identifiers find entries whatever the name.
	_, data, _ = f.do(probity.RoleEmployee, "POST", "/match/default", `{"queries": {"q": {"schema": "Company", "properties": {"name": "Acme Watch Plc", "registrationNumber": ["0123456"]}}}}`)
	if r := decode[yenteResponse](t, data).Responses["q"].Results; len(r) != 1 || r[0].ID != "test_list:2" {
		t.Errorf("identifier: %+v", r)
	}
}

func TestYenteSearch(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	status, data, _ := f.do(probity.RoleEmployee, "GET", "/search/default?q=putin&limit=5", nil)
	if status != 200 {
		t.Fatalf("status %d: %s", status, data)
	}
	resp := decode[struct {
		Results []yenteResult  `json:"results"`
		Facets  map[string]any `json:"facets"`
		Total   struct{ Value int }
		Limit   int `json:"limit"`
		Offset  int `json:"offset"`
	}](t, data)
	if len(resp.Results) == 0 || resp.Results[0].ID != "test_list:1" || resp.Total.Value < 1 || resp.Limit != 5 || resp.Facets == nil {
		t.Errorf("search: %s", data)
	}
	_, data, _ = f.do(probity.RoleEmployee, "GET", "/search/default?q=putin&offset=1", nil)
	if r := decode[struct{ Results []yenteResult }](t, data).Results; len(r) != 0 {
		t.Errorf("offset 1: %+v", r)
	}
	if status, _, _ := f.do(probity.RoleEmployee, "GET", "/search/default?q=putin&schema=Spaceship", nil); status != 400 {
		t.Errorf("unknown schema: %d", status)
	}
}

// TestReloadSwapsTheIndex loads a new list version and checks that the
// server screens against it after POST /reload.
func TestReloadSwapsTheIndex(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	q := `{"queries": {"q": {"schema": "Company", "properties": {"name": ["Nordwind Logistik GmbH"]}}}}`
	_, data, _ := f.do(probity.RoleEmployee, "POST", "/match/default", q)
	if r := decode[yenteResponse](t, data).Responses["q"].Results; len(r) != 0 {
		t.Fatalf("before: %+v", r)
	}
	entries := append(append([]probity.WatchlistEntry(nil), testEntries...), probity.WatchlistEntry{List: "test_list", SourceID: "5", Schema: "Company", Name: "NORDWIND LOGISTIK GMBH"})
	if _, err := f.db.SaveList(t.Context(), probity.ListVersion{List: "test_list", Hash: "h2"}, entries); err != nil {
		t.Fatal(err)
	}
	if status, data, _ := f.do(probity.RoleAdmin, "POST", "/reload", nil); status != 200 {
		t.Fatalf("reload: %d %s", status, data)
	}
	_, data, _ = f.do(probity.RoleEmployee, "POST", "/match/test_list", q)
	if r := decode[yenteResponse](t, data).Responses["q"].Results; len(r) != 1 || r[0].ID != "test_list:5" {
		t.Errorf("after reload: %+v", r)
	}
}

// TestYenteMissingSchema: a query without a schema is answered 422 with
// FastAPI's detail list naming where the field is missing, as yente does;
// an unknown schema stays a 400.
func TestYenteMissingSchema(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	status, data, _ := f.do(probity.RoleEmployee, "POST", "/match/default", `{"queries": {"q1": {"properties": {"name": ["Vladimir Putin"]}}}}`)
	if status != 422 {
		t.Fatalf("missing schema: status %d: %s", status, data)
	}
	resp := decode[struct {
		Detail []struct {
			Type string   `json:"type"`
			Loc  []string `json:"loc"`
			Msg  string   `json:"msg"`
		} `json:"detail"`
	}](t, data)
	if len(resp.Detail) != 1 || resp.Detail[0].Type != "missing" || strings.Join(resp.Detail[0].Loc, ".") != "body.queries.q1.schema" {
		t.Errorf("detail: %s", data)
	}
	if status, _, _ := f.do(probity.RoleEmployee, "POST", "/match/default", `{"queries": {"q1": {"schema": "Spaceship", "properties": {"name": ["x"]}}}}`); status != 400 {
		t.Errorf("unknown schema: %d", status)
	}
}

// TestYenteSearchFacets: /search counts the results' countries, topics
// (programmes), datasets and schemata; ?facets= picks which.
func TestYenteSearchFacets(t *testing.T) {
	f := newFixture(t, httpapi.Config{})
	type facet struct {
		Label  string `json:"label"`
		Values []struct {
			Name  string `json:"name"`
			Label string `json:"label"`
			Count int    `json:"count"`
		} `json:"values"`
	}
	_, data, _ := f.do(probity.RoleEmployee, "GET", "/search/default?q=putin", nil)
	facets := decode[struct {
		Facets map[string]facet `json:"facets"`
	}](t, data).Facets
	want := map[string]string{"countries": "RU", "topics": "RUSSIA-EO14024", "datasets": "test_list", "schema": "Person"}
	for name, value := range want {
		fc, ok := facets[name]
		if !ok || len(fc.Values) == 0 || fc.Values[0].Name != value || fc.Values[0].Count < 1 {
			t.Errorf("facet %s: want %s first, got %+v (%s)", name, value, fc, data)
		}
	}
	_, data, _ = f.do(probity.RoleEmployee, "GET", "/search/default?q=putin&facets=countries", nil)
	facets = decode[struct {
		Facets map[string]facet `json:"facets"`
	}](t, data).Facets
	if len(facets) != 1 || facets["countries"].Label == "" {
		t.Errorf("facets=countries: %s", data)
	}
}
