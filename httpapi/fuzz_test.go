package httpapi

import (
	"encoding/json"
	"testing"

	"github.com/probity/probity"
)

// FuzzMatchRequest feeds arbitrary bodies to the /match decoders: they
// must never panic, and every error must be EINVALID.
func FuzzMatchRequest(f *testing.F) {
	for _, s := range []string{
		`{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Vladimir Putin"], "birthDate": ["1952"], "country": "Russia"}}}}`,
		`{"queries": {"e": {"schema": "Company", "properties": {"name": "Acme", "registrationNumber": [12345, null]}}}, "weights": {"name_literal": 0.8}}`,
		`{"queries": {"x": {"id": null, "schema": "Thing", "properties": {}}}}`,
		`{"queries": []}`, `[]`, `null`, `{"queries": {"q": {"schema": 1}}}`, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var req matchRequest
		if err := decodeStrict(data, &req, ""); err != nil {
			if probity.ErrorCode(err) != probity.EINVALID {
				t.Fatalf("decode error %v has code %s", err, probity.ErrorCode(err))
			}
			return
		}
		for k, raw := range req.Queries {
			pq, err := parseExample(k, raw)
			if err != nil {
				if probity.ErrorCode(err) != probity.EINVALID {
					t.Fatalf("parse error %v has code %s", err, probity.ErrorCode(err))
				}
				continue
			}
			if len(pq.queries) == 0 {
				t.Fatalf("query %q parsed to no matcher query", k)
			}
			if _, err := json.Marshal(pq.echo); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// FuzzDecideRequest does the same for the /decide and /login bodies.
func FuzzDecideRequest(f *testing.F) {
	for _, s := range []string{`{"contract_id": "x"}`, `{"name": "Acme", "schema": "Company", "country": "us"}`, `{"token": "prb_x"}`, `{"name": 5}`, `{} {}`, ``} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d decideRequest
		if err := decodeStrict(data, &d, ""); err != nil && probity.ErrorCode(err) != probity.EINVALID {
			t.Fatalf("decide: %v has code %s", err, probity.ErrorCode(err))
		}
		var l loginRequest
		if err := decodeStrict(data, &l, ""); err != nil && probity.ErrorCode(err) != probity.EINVALID {
			t.Fatalf("login: %v has code %s", err, probity.ErrorCode(err))
		}
	})
}
