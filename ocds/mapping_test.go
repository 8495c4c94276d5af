package ocds_test

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/ocds"
)

func TestMap(t *testing.T) {
	tests := []struct {
		name       string
		compiled   string
		buyer      string
		suppliers  []string
		value      *probity.Value
		period     probity.Period
		status     string
		identifier []probity.Identifier // of the first supplier
		country    string               // of the buyer
	}{
		{
			name: "1.1 parties, contracts summed",
			compiled: `{"ocid":"o","parties":[
				{"id":"b","name":"Ministry","roles":["buyer"],"address":{"countryName":"United Kingdom"}},
				{"id":"s1","name":"Acme","roles":["supplier"],"identifier":{"scheme":"GB-COH","id":"123"},"additionalIdentifiers":[{"scheme":"","id":"X9"}]},
				{"id":"s2","name":"Beta","roles":["supplier"]}],
				"awards":[{"id":"a","status":"active","suppliers":[{"id":"s1","name":"Acme Ltd"}],"value":{"amount":5,"currency":"GBP"}},
				          {"id":"a2","suppliers":[{"id":"s2"}]}],
				"contracts":[{"id":"c1","status":"active","value":{"amount":"1234.50","currency":"gbp"},"period":{"startDate":"2020-01-02T00:00:00-05:00","endDate":"2021-01-01T00:00:00Z"}},
				             {"id":"c2","status":"pending","value":{"amount":100,"currency":"GBP"},"period":{"startDate":"2019-12-31T23:00:00Z"}}]}`,
			buyer: "Ministry", suppliers: []string{"Acme", "Beta"},
			value:  &probity.Value{Amount: 1334.5, Currency: "GBP"},
			period: probity.Period{Start: "2019-12-31", End: "2021-01-01"}, status: probity.StatusActive,
			identifier: []probity.Identifier{{Scheme: "GB-COH", ID: "123"}, {Scheme: "", ID: "X9"}}, country: "GB",
		},
		{
			name: "1.0 buyer object, suppliers by name, awards value",
			compiled: `{"ocid":"o","buyer":{"name":"City","identifier":{"scheme":"MX-RFC","id":"C1"},"address":{"countryName":"México"}},
				"tender":{"status":"complete","tenderers":[{"name":"Gamma"}]},
				"awards":[{"id":"1","status":"active","value":{"amount":10,"currency":"MXN"},"suppliers":[{"name":"Gamma","identifier":{"id":"G1"}}],"contractPeriod":{"startDate":"2016-05-01"}},
				          {"id":"2","status":"cancelled","value":{"amount":99,"currency":"MXN"},"suppliers":[{"name":"gamma "}]},
				          {"id":"3","status":"active","value":{"amount":1,"currency":"USD"}}]}`,
			buyer: "City", suppliers: []string{"Gamma"},
			value: &probity.Value{Amount: 10, Currency: "MXN"}, period: probity.Period{Start: "2016-05-01"},
			status: probity.StatusCompleted, country: "MX",
		},
		{
			name:     "procuring entity, tender value, unknown status",
			compiled: `{"ocid":"o","tender":{"procuringEntity":{"id":"p","name":"Agency"},"value":{"amount":"7","currency":""},"tenderPeriod":{"endDate":"not a date"}}}`,
			buyer:    "Agency", value: &probity.Value{Amount: 7, Currency: ""},
			period: probity.Period{End: "not a date"}, status: probity.StatusUnknown,
		},
		{
			name:     "planning budget, withdrawn tender",
			compiled: `{"ocid":"o","planning":{"budget":{"amount":{"amount":3e3,"currency":"AMD"}}},"tender":{"status":"withdrawn"}}`,
			value:    &probity.Value{Amount: 3000, Currency: "AMD"}, status: probity.StatusCancelled,
		},
		{
			name:     "currency typo kept, lower case upper-cased",
			compiled: `{"ocid":"o","tender":{"value":{"amount":"1,234.5","currency":" mnx"}}}`,
			value:    &probity.Value{Amount: 1234.5, Currency: "MNX"}, status: probity.StatusUnknown,
		},
		{
			name:     "contract statuses",
			compiled: `{"ocid":"o","contracts":[{"id":"1","status":"cancelled"},{"id":"2","status":"terminated"}],"tender":{"status":"active"}}`,
			status:   probity.StatusTerminated,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ocds.Map(json.RawMessage(tt.compiled))
			if err != nil {
				t.Fatal(err)
			}
			buyer := ""
			if p.Buyer != nil {
				buyer = p.Buyer.Name
				if p.Buyer.Country != tt.country {
					t.Errorf("buyer country %q, want %q", p.Buyer.Country, tt.country)
				}
			}
			if buyer != tt.buyer {
				t.Errorf("buyer %q, want %q", buyer, tt.buyer)
			}
			var sup []string
			for _, s := range p.Suppliers {
				sup = append(sup, s.Name)
			}
			if !reflect.DeepEqual(sup, tt.suppliers) {
				t.Errorf("suppliers %q, want %q", sup, tt.suppliers)
			}
			if tt.identifier != nil && !reflect.DeepEqual(p.Suppliers[0].Identifiers, tt.identifier) {
				t.Errorf("identifiers %+v, want %+v", p.Suppliers[0].Identifiers, tt.identifier)
			}
			if !reflect.DeepEqual(p.Value, tt.value) {
				t.Errorf("value %+v, want %+v", p.Value, tt.value)
			}
			if p.Period != tt.period {
				t.Errorf("period %+v, want %+v", p.Period, tt.period)
			}
			if p.Status != tt.status {
				t.Errorf("status %q, want %q", p.Status, tt.status)
			}
		})
	}
}

// TestMapRealData compiles and maps every contracting process of every
// real data folder: no errors, and the publishers' oddities come through.
func TestMapRealData(t *testing.T) {
	root := shareddata.Dir(t, "ocds")
	dirs := []string{"paraguay-dncp/releases", "mexico-cdmx/releases", "mexico-cdmx/records", "mexico-gacm/gacm-releases.jsonl",
		"uk-contracts-finder/releases", "ukraine-prozorro/records", "nigeria-bpp/records", "moldova-mtender/records",
		"armenia-armeps/release-packages", "colombia-cce/2021-03-03.json"}
	procs := map[string][]*ocds.Process{}
	for _, d := range dirs {
		rels, _ := readAll(t, filepath.Join(root, d))
		byOCID := map[string][]json.RawMessage{}
		ver := map[string]string{}
		var order []string
		for _, r := range rels {
			if _, ok := byOCID[r.OCID]; !ok {
				order = append(order, r.OCID)
			}
			byOCID[r.OCID] = append(byOCID[r.OCID], r.Raw)
			ver[r.OCID] = r.Version
		}
		for _, ocid := range order {
			c, err := ocds.Compile(ocds.RulesFor(ver[ocid]), byOCID[ocid])
			if err != nil {
				t.Fatalf("%s %s: compile: %v", d, ocid, err)
			}
			p, err := ocds.Map(c)
			if err != nil {
				t.Fatalf("%s %s: map: %v", d, ocid, err)
			}
			if p.OCID != ocid {
				t.Fatalf("%s: ocid %q, want %q", d, p.OCID, ocid)
			}
			procs[d] = append(procs[d], p)
		}
	}
	count := func(d string, f func(p *ocds.Process) bool) int {
		n := 0
		for _, p := range procs[d] {
			if f(p) {
				n++
			}
		}
		return n
	}
	// Moldova: lower-case "mdl" becomes MDL; string amounts are read.
	if n := count("moldova-mtender/records", func(p *ocds.Process) bool { return p.Value != nil && p.Value.Currency == "MDL" && p.Value.Amount > 0 }); n == 0 {
		t.Error("moldova: no process valued in MDL")
	}
	// UK: buyers only, identifier scheme "" kept.
	if n := count("uk-contracts-finder/releases", func(p *ocds.Process) bool { return p.Buyer != nil }); n != 11 {
		t.Errorf("uk: %d processes with a buyer, want 11", n)
	}
	// Armenia: every process has a buyer, suppliers carry AM-TIN.
	if n := count("armenia-armeps/release-packages", func(p *ocds.Process) bool { return p.Buyer != nil }); n != 900 {
		t.Errorf("armenia: %d processes with a buyer, want 900", n)
	}
	if n := count("armenia-armeps/release-packages", func(p *ocds.Process) bool {
		return len(p.Suppliers) > 0 && len(p.Suppliers[0].Identifiers) > 0 && p.Suppliers[0].Identifiers[0].Scheme == "AM-TIN"
	}); n == 0 {
		t.Error("armenia: no supplier with an AM-TIN identifier")
	}
	// Colombia: a prison among the buyers.
	if n := count("colombia-cce/2021-03-03.json", func(p *ocds.Process) bool {
		return p.Buyer != nil && strings.Contains(p.Buyer.Name, "CARCELARIO")
	}); n == 0 {
		t.Error("colombia: the prison buyer was not found")
	}
	// GACM: values in pesos (the MNX typo sits in tender values, which the
	// awards' and contracts' values take precedence over).
	if n := count("mexico-gacm/gacm-releases.jsonl", func(p *ocds.Process) bool {
		return p.Value != nil && p.Value.Amount > 0 && (p.Value.Currency == "MXN" || p.Value.Currency == "MNX")
	}); n < 200 {
		t.Errorf("gacm: %d processes valued in pesos, want at least 200", n)
	}
	for d, ps := range procs {
		for _, p := range ps {
			switch p.Status {
			case probity.StatusPlanned, probity.StatusActive, probity.StatusCompleted, probity.StatusTerminated, probity.StatusCancelled, probity.StatusUnknown:
			default:
				t.Fatalf("%s %s: status %q", d, p.OCID, p.Status)
			}
		}
	}
}
