package ocds_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/ocds"
)

var fuzzSeeds = []string{
	`{"ocid":"a","id":"1","date":"2020-01-01T00:00:00Z","tag":["tender"],"tender":{"id":"t","items":[{"id":1,"q":2},{"id":"1","q":null},{"x":{}}]}}`,
	`{"version":"1.1","releases":[{"ocid":"a","id":"1","date":"d","awards":[{"id":"x","suppliers":[{"id":"s","name":"S"}]}]},{"url":"u"}]}`,
	`{"records":[{"ocid":"a","releases":[{"url":"u","date":"d"}],"compiledRelease":{"ocid":"a","id":"a-d","date":"d"}}]}`,
	`{"ocid":"a","tender":{"title":[{"releaseID":"1","releaseDate":"d","releaseTag":["tender"],"value":"T"}]}}`,
	`[{"ocid":"a","id":"1","date":"d"},{"ocid":"a","id":"2","date":"e"}]`,
	"{\"ocid\":\"a\",\"id\":\"1\",\"date\":\"d\"}\n{\"ocid\":\"b\",\"id\":\"1\",\"date\":\"d\"}",
	`{"ocid":"a","id":"1","date":"d","x":[1,`,
}

func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var rd ocds.Reader
		err := rd.Read(context.Background(), bytes.NewReader(data), "fuzz.json", func(r probity.Release) error {
			if r.OCID == "" || r.ID == "" || r.Date == "" {
				t.Fatalf("release without ocid, id or date: %+v", r)
			}
			if !json.Valid(r.Raw) {
				t.Fatalf("raw release is not valid JSON: %q", r.Raw)
			}
			return nil
		})
		var ie *probity.InputError
		if err != nil && !errors.As(err, &ie) {
			t.Fatalf("error is not an InputError: %v", err)
		}
	})
}

func FuzzCompile(f *testing.F) {
	f.Add([]byte(`[` + fuzzSeeds[0] + `,{"ocid":"a","id":"2","date":"2019-01-01T00:00:00+05:00","tender":{"items":[{"id":1,"q":null}]}}]`))
	f.Add([]byte(`[{"ocid":"a","id":"1","date":"d","a":[{"id":1},{"id":1,"k":2},{"k":3}],"b":{"c":null}}]`))
	f.Add([]byte(`[{"ocid":"a","id":"1","date":"d","a":{"b":1}},{"ocid":"a","id":"2","date":"e","a":[{"id":"x"}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var rels []json.RawMessage
		if json.Unmarshal(data, &rels) != nil {
			return
		}
		for _, version := range []string{"1.0", "1.1"} {
			rules := ocds.RulesFor(version)
			c, err := ocds.Compile(rules, rels)
			if err != nil {
				continue
			}
			if !json.Valid(c) {
				t.Fatalf("compiled release is not valid JSON: %s", c)
			}
			v, err := ocds.Versioned(rules, rels)
			if err != nil || !json.Valid(v) {
				t.Fatalf("versioned release: %v %s", err, v)
			}
			if _, err := ocds.Map(c); err != nil {
				t.Fatalf("map of a compiled release: %v", err)
			}
			// The single-release fast path must agree with the general merge.
			if len(rels) == 1 {
				general, err := ocds.CompileGeneral(rules, rels)
				if err != nil {
					t.Fatal(err)
				}
				assertJSONEqual(t, c, general)
			}
		}
	})
}

func FuzzMap(f *testing.F) {
	f.Add([]byte(`{"ocid":"o","parties":[{"id":"b","roles":["buyer"],"name":"B"}],"awards":[{"suppliers":[{"name":"S"}],"value":{"amount":"1.5","currency":"x"}}]}`))
	f.Add([]byte(`{"ocid":"o","buyer":{"name":1},"tender":{"status":[],"value":{"amount":{}}},"contracts":[{"period":{"startDate":5}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ocds.Map(data)
		if err == nil && p == nil {
			t.Fatal("nil process without error")
		}
	})
}
