package policy_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/policy"
)

func mustDefaultEngine(tb testing.TB) *policy.Engine {
	tb.Helper()
	b, err := policy.Default()
	if err != nil {
		tb.Fatal(err)
	}
	eng, err := b.Prepare(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return eng
}

// realisticInput has 5 parties, 10 findings, 5 exposure paths and 2 hits.
func realisticInput(seed int) policy.Input {
	statuses := probity.FindingStatuses()
	sev := probity.Severities()
	in := policy.Input{
		Contract: policy.Contract{ID: fmt.Sprintf("ocds-%d", seed), Title: "Cloud services", Status: "active", Value: &probity.Value{Amount: 19.4e6, Currency: "USD"}},
		Parties: []policy.Party{
			{OrgID: 1, Name: "Immigration and Customs Enforcement", Roles: []string{"buyer"}, Kind: "government"},
			{OrgID: 10, Name: "Reseller Inc", Roles: []string{"supplier"}, Kind: "company"},
			{OrgID: 11, Name: "Sub One", Roles: []string{"subcontractor"}, Kind: "company"},
			{OrgID: 12, Name: "Sub Two", Roles: []string{"subcontractor"}, Kind: "company"},
			{OrgID: 13, Name: "Field Office", Roles: []string{"end_user"}, Kind: "government"},
		},
		Screening: []policy.Hit{
			{ID: "h1", OrgID: 11, List: "us_ofac_sdn", SourceID: "123", Programs: []string{"SDGT"}, Score: 0.91, Match: true},
			{ID: "h2", OrgID: 2, List: "us_ofac_sdn", SourceID: "456", Programs: []string{"GLOMAG"}, Score: 0.99, Match: true, Confirmed: seed%3 == 0},
		},
		Exposure: []policy.Path{
			{ID: "1>2", From: 1, Roles: []string{"buyer"}, To: 2, Kinds: []string{"part_of"}, Nodes: []int64{1, 2}, Depth: 1},
			{ID: "1>2>3", From: 1, Roles: []string{"buyer"}, To: 3, Kinds: []string{"part_of", "part_of"}, Nodes: []int64{1, 2, 3}, Depth: 2},
			{ID: "13>1", From: 13, Roles: []string{"end_user"}, To: 1, Kinds: []string{"part_of"}, Nodes: []int64{13, 1}, Depth: 1},
			{ID: "10>20", From: 10, Roles: []string{"supplier"}, To: 20, Kinds: []string{"subsidiary_of"}, Nodes: []int64{10, 20}, Depth: 1},
			{ID: "1>30", From: 1, Roles: []string{"buyer"}, To: 30, Kinds: []string{"supports"}, Nodes: []int64{1, 30}, Depth: 1},
		},
	}
	orgs := []int64{1, 2, 3, 10, 20, 30, 11, 12, 13, 99}
	for i := range 10 {
		in.Findings = append(in.Findings, policy.Finding{
			ID: int64(100 + i), OrgID: orgs[(i+seed)%len(orgs)], OrgName: "Org",
			Category: probity.FindingCategories()[i%len(probity.FindingCategories())],
			Status:   statuses[(i+seed)%len(statuses)], Severity: sev[(i*7+seed)%len(sev)],
			LegalBasis: []probity.LegalBasis{{Instrument: "ICCPR", Article: "9"}, {Instrument: "CRC", Article: "9"}},
		})
	}
	return in
}

func reversed[T any](s []T) []T {
	c := slices.Clone(s)
	slices.Reverse(c)
	return c
}

// TestDeterministic: the same input gives the same output every time, in
// any list order, and the recorded canonical JSON reproduces it.
func TestDeterministic(t *testing.T) {
	eng := mustDefaultEngine(t)
	ctx := context.Background()
	outcomes := map[string]int{}
	for seed := range 12 {
		in := realisticInput(seed)
		first, err := eng.Decide(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		outcomes[first.Outcome]++
		if len(first.Reasons) == 0 && first.Outcome != "allow" {
			t.Errorf("seed %d: %s without reasons", seed, first.Outcome)
		}
		for range 3 {
			again, err := eng.Decide(ctx, in)
			if err != nil || !reflect.DeepEqual(first, again) {
				t.Fatalf("seed %d: second decision differs: %v %+v", seed, err, again)
			}
		}
		shuffled := in
		shuffled.Parties, shuffled.Findings, shuffled.Exposure, shuffled.Screening = reversed(in.Parties), reversed(in.Findings), reversed(in.Exposure), reversed(in.Screening)
		if got, err := eng.Decide(ctx, shuffled); err != nil || !reflect.DeepEqual(first, got) {
			t.Errorf("seed %d: order changed the decision: %v", seed, err)
		}
		if in.Hash() != shuffled.Hash() {
			t.Errorf("seed %d: order changed the input hash", seed)
		}
		recorded, err := policy.ParseInput("recorded", in.Canonical())
		if err != nil {
			t.Fatal(err)
		}
		if got, err := eng.Decide(ctx, recorded); err != nil || !reflect.DeepEqual(first, got) {
			t.Errorf("seed %d: recorded input gives %+v, %v; want %+v", seed, got, err, first)
		}
		d, err := eng.Decision(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if d.InputHash != in.Hash() || d.PolicyHash != eng.PolicyHash() || d.ContractID != in.Contract.ID || d.Outcome != first.Outcome {
			t.Errorf("Decision = %+v", d)
		}
		if err := d.Validate(); err != nil {
			t.Error(err)
		}
	}
	if len(outcomes) < 2 {
		t.Errorf("realistic inputs all decided the same: %v", outcomes)
	}
}

// TestDefaultScenarios checks the default policy end to end from Go.
func TestDefaultScenarios(t *testing.T) {
	eng := mustDefaultEngine(t)
	ice := policy.Party{OrgID: 1, Name: "ICE", Roles: []string{"buyer"}, Kind: "government"}
	ms := policy.Party{OrgID: 10, Name: "Microsoft", Roles: []string{"supplier"}, Kind: "company"}
	dhsFinding := policy.Finding{ID: 7, OrgID: 2, OrgName: "DHS", Category: probity.CatFamilySeparation, Status: "substantiated", Severity: "critical"}
	up := policy.Path{ID: "1>2", From: 1, Roles: []string{"buyer"}, To: 2, Kinds: []string{"part_of"}, Nodes: []int64{1, 2}, Depth: 1}
	tests := []struct {
		name    string
		in      policy.Input
		outcome string
		rules   []string
	}{
		{"clean", policy.Input{Parties: []policy.Party{ice, ms}}, "allow", nil},
		{"department finding", policy.Input{Parties: []policy.Party{ice, ms}, Findings: []policy.Finding{dhsFinding}, Exposure: []policy.Path{up}}, "deny", []string{"deny.client-violations"}},
		{"finding without path", policy.Input{Parties: []policy.Party{ice, ms}, Findings: []policy.Finding{dhsFinding}}, "allow", nil},
		{"alleged", policy.Input{Parties: []policy.Party{ice, ms}, Findings: []policy.Finding{{ID: 8, OrgID: 1, Category: "torture", Status: "alleged", Severity: "critical"}}}, "review", []string{"review.client-findings"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := eng.Decide(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			var rules []string
			for _, r := range out.Reasons {
				rules = append(rules, r.RuleID)
			}
			if out.Outcome != tt.outcome || !slices.Equal(rules, tt.rules) {
				t.Errorf("got %s %v, want %s %v", out.Outcome, rules, tt.outcome, tt.rules)
			}
		})
	}
}

func TestParseInput(t *testing.T) {
	good := realisticInput(1).Canonical()
	if _, err := policy.ParseInput("good", good); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, json, field string }{
		{"not json", `{`, ""},
		{"missing lists", `{"contract": {"id": "", "title": "", "status": ""}}`, "/"},
		{"bad role", `{"contract": {"id": "", "title": "", "status": ""}, "parties": [{"org_id": 1, "name": "x", "roles": ["boss"], "kind": ""}], "screening": [], "findings": [], "exposure": []}`, "/parties/0/roles/0"},
		{"unknown field", `{"contract": {"id": "", "title": "", "status": "", "x": 1}, "parties": [], "screening": [], "findings": [], "exposure": []}`, "/contract"},
		{"huge id", `{"contract": {"id": "", "title": "", "status": ""}, "parties": [{"org_id": 1e30, "name": "x", "roles": [], "kind": ""}], "screening": [], "findings": [], "exposure": []}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := policy.ParseInput("in.json", []byte(tt.json))
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *InputError", err)
			}
			if ie.File != "in.json" || ie.Field != tt.field {
				t.Errorf("file %q field %q, want field %q (%v)", ie.File, ie.Field, tt.field, err)
			}
		})
	}
}

func FuzzParseInput(f *testing.F) {
	f.Add(realisticInput(0).Canonical())
	f.Add([]byte(`{"contract":{"id":"","title":"","status":""},"parties":[],"screening":[],"findings":[],"exposure":[]}`))
	f.Add([]byte(`[]`))
	eng := mustDefaultEngine(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := policy.ParseInput("fuzz", data)
		if err != nil {
			return
		}
		// Any valid input gets a well-formed decision.
		out, err := eng.Decide(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(probity.Outcomes(), out.Outcome) {
			t.Fatalf("outcome %q", out.Outcome)
		}
		_ = in.Hash()
	})
}

// BenchmarkDecide runs the default policy in parallel on realistic inputs
// (5 parties, 10 findings, 5 exposure paths, 2 hits). decisions/s is the
// wall-clock throughput; cpu-ns/op is the process CPU time per decision, a
// steadier figure on a shared machine (2 cores: 2e9/cpu-ns/op decisions/s).
func BenchmarkDecide(b *testing.B) {
	b.Run("realistic", func(b *testing.B) {
		inputs := make([]policy.Input, 16)
		for i := range inputs {
			inputs[i] = realisticInput(i)
		}
		benchDecide(b, inputs)
	})
	b.Run("clean", func(b *testing.B) {
		in := realisticInput(0)
		in.Findings, in.Screening, in.Exposure = nil, nil, nil
		benchDecide(b, []policy.Input{in})
	})
}

// BenchmarkDecideBaseline runs a policy that only answers "allow" on the
// realistic inputs: the cost of building the input and of one OPA
// evaluation, against which the default policy's cost can be read.
func BenchmarkDecideBaseline(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte("package probity\n\ndecision := {\"outcome\": \"allow\", \"reasons\": []}\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	bu, err := policy.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	eng, err := bu.Prepare(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	benchEngine(b, eng, []policy.Input{realisticInput(0)})
}

func benchDecide(b *testing.B, inputs []policy.Input) { benchEngine(b, mustDefaultEngine(b), inputs) }

func benchEngine(b *testing.B, eng *policy.Engine, inputs []policy.Input) {
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := eng.Decide(ctx, inputs[i%len(inputs)]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
	b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
}

func BenchmarkInputHash(b *testing.B) {
	in := realisticInput(1)
	b.ReportAllocs()
	for b.Loop() {
		_ = in.Hash()
	}
}
