package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/probity/probity"
)

// randomInput is a realistic but randomized input: a few parties with one
// or more roles (now and then an unknown one), findings on parties, on
// organizations the paths reach and on organizations nothing reaches, with
// every status and severity (and odd ones), hits of every kind, and paths
// of every step kind (some empty) from the parties.
func randomInput(r *rand.Rand) Input {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	roles := []string{RoleBuyer, RoleSupplier, RoleSubcontractor, RoleEndUser}
	kinds := []string{"part_of", "end_user", "supports", "subsidiary_of", "parent_of", "reseller_for", "subcontractor"}
	statuses := append(probity.FindingStatuses(), "unknown", "")
	severities := append(probity.Severities(), "")
	programs := []string{"GLOMAG", "glomag", "IRAN-HR", "HRIT-SY", "SDGT", "UKRAINE-EO13662"}
	in := Input{Contract: Contract{ID: fmt.Sprintf("c%d", r.IntN(1000)), Title: "t", Status: probity.StatusActive}}
	orgs := []int64{}
	for i := range 1 + r.IntN(6) {
		p := Party{OrgID: int64(1 + i), Name: fmt.Sprintf("Party %d", i), Kind: "company"}
		for range 1 + r.IntN(2) {
			p.Roles = append(p.Roles, pick(roles))
		}
		if r.IntN(20) == 0 {
			p.Roles = append(p.Roles, "observer")
		}
		in.Parties = append(in.Parties, p)
		orgs = append(orgs, p.OrgID)
	}
	for i := range r.IntN(7) {
		from := in.Parties[r.IntN(len(in.Parties))]
		x := Path{ID: fmt.Sprintf("p%d", i), From: from.OrgID, Roles: from.Roles, To: int64(100 + r.IntN(8))}
		for range r.IntN(4) {
			x.Kinds = append(x.Kinds, pick(kinds))
		}
		x.Depth = len(x.Kinds)
		x.Nodes = []int64{x.From, x.To}
		in.Exposure = append(in.Exposure, x)
		orgs = append(orgs, x.To)
	}
	orgs = append(orgs, 999) // reached by nothing
	for i := range r.IntN(13) {
		f := Finding{ID: int64(1000 + i), OrgID: orgs[r.IntN(len(orgs))], Category: pick(probity.FindingCategories()),
			Status: pick(statuses), Severity: pick(severities), LegalBasis: []probity.LegalBasis{{Instrument: "CRC", Article: "9"}}}
		if r.IntN(3) > 0 {
			f.OrgName = fmt.Sprintf("Org %d", f.OrgID)
		}
		in.Findings = append(in.Findings, f)
	}
	for i := range r.IntN(4) {
		h := Hit{ID: fmt.Sprintf("h%d", i), OrgID: orgs[r.IntN(len(orgs))], List: "us_ofac_sdn", SourceID: fmt.Sprint(r.IntN(9999)),
			Score: float64(r.IntN(100)) / 100, Match: r.IntN(3) > 0, Confirmed: r.IntN(2) == 0}
		for range r.IntN(3) {
			h.Programs = append(h.Programs, pick(programs))
		}
		if r.IntN(2) == 0 {
			h.OrgName = "Listed"
		}
		in.Screening = append(in.Screening, h)
	}
	return in
}

// equivalenceInputs are the sample inputs and 400 randomized ones.
func equivalenceInputs() []Input {
	inputs := SampleInputs()
	r := rand.New(rand.NewPCG(4, 2018))
	for range 400 {
		inputs = append(inputs, randomInput(r))
	}
	return inputs
}

func prepareDir(t *testing.T, dir string) *Engine {
	t.Helper()
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := b.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// TestPreviousPolicyEquivalence: the default policy decides every input
// exactly as its previous version (testdata/previous, which computed the
// join of findings to paths in Rego) did — same outcome, rule ids, effects,
// messages, severities and refs — both with the derived field the engine
// adds and without it (the Rego fallback).
func TestPreviousPolicyEquivalence(t *testing.T) {
	previous := prepareDir(t, filepath.Join("testdata", "previous"))
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	current, err := b.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	outcomes := map[string]int{}
	rules := map[string]int{}
	for i, in := range equivalenceInputs() {
		want, err := previous.eval(ctx, in.Value())
		if err != nil {
			t.Fatal(err)
		}
		got, err := current.Decide(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("input %d with derived:\n got %+v\nwant %+v", i, got, want)
		}
		fallback, err := current.eval(ctx, in.Value())
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fallback, want) {
			t.Errorf("input %d without derived:\n got %+v\nwant %+v", i, fallback, want)
		}
		outcomes[want.Outcome]++
		for _, r := range want.Reasons {
			rules[r.RuleID]++
		}
	}
	// The inputs must exercise every outcome and rule, or the comparison
	// proves little.
	if len(outcomes) != 3 || len(rules) != 7 {
		t.Errorf("inputs cover outcomes %v and rules %v", outcomes, rules)
	}
}

var emptyReaches = ast.MustParseTerm(`{"client": [], "contractor": [], "related": []}`).Value

// TestDerivedMatchesRego: the derived field built in Go equals the value
// the default policy computes itself when the field is absent.
func TestDerivedMatchesRego(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.compile()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pq, err := rego.New(rego.Query("data.probity.derived"), rego.Compiler(c), rego.GenerateJSON(keepTerm)).PrepareForEval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nonEmpty := 0
	for i, in := range equivalenceInputs() {
		rs, err := pq.Eval(ctx, rego.EvalParsedInput(in.Value()))
		if err != nil || len(rs) != 1 {
			t.Fatalf("input %d: %v %v", i, rs, err)
		}
		want := rs[0].Expressions[0].Value.(*ast.Term)
		tb := &terms{}
		got := in.derived(tb, in.hitTerms(tb))
		if got.Value.Compare(want.Value) != 0 {
			t.Errorf("input %d:\n Go   %v\n Rego %v", i, got, want)
		}
		if got.Value.(ast.Object).Get(ast.StringTerm("findings")).Value.Compare(emptyReaches) != 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 100 {
		t.Errorf("only %d inputs derive any finding", nonEmpty)
	}
}

// TestDerivedIsRecomputed: a derived field sent with the input is not
// trusted: the parsed input drops it and the engine derives it afresh.
func TestDerivedIsRecomputed(t *testing.T) {
	eng := prepareDir(t, writeDir(t, "package probity\n\ndecision := {\"outcome\": \"allow\", \"reasons\": [{\"rule_id\": \"n\", \"message\": sprintf(\"%d\", [count(input.derived.findings.client)]), \"refs\": []}]}\n"))
	in := Input{
		Parties:  []Party{{OrgID: 1, Name: "A", Roles: []string{RoleBuyer}}},
		Findings: []Finding{{ID: 1, OrgID: 1, Status: "alleged", Severity: "low", LegalBasis: []probity.LegalBasis{}}},
	}
	n := in.Normalize()
	data := []byte(`{"contract":{"id":"","title":"","status":""},"parties":[{"org_id":1,"name":"A","roles":["buyer"],"kind":""}],"screening":[],"findings":[{"id":1,"org_id":1,"category":"","status":"alleged","severity":"low","legal_basis":[]}],"exposure":[],` +
		`"derived":{"basis":{"role_side":{},"client_chain_kinds":[],"path_side":{},"established_statuses":[],"serious_severities":[]},"findings":{"client":[],"contractor":[],"related":[]},"hits":[]}}`)
	parsed, err := ParseInput("sent", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(parsed, n) {
		t.Fatalf("parsed %+v, want %+v", parsed, n)
	}
	out, err := eng.Decide(context.Background(), parsed)
	if err != nil {
		t.Fatal(err)
	}
	if out.Reasons[0].Message != "1" {
		t.Errorf("policy saw %s derived findings, want 1", out.Reasons[0].Message)
	}
}

func writeDir(t *testing.T, module string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte(module), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestEvalValueMaterializes: every part of the lazily converted input, once
// read, equals the part Value builds, and the derived field is there.
func TestEvalValueMaterializes(t *testing.T) {
	for i, in := range equivalenceInputs()[:60] {
		tb := &terms{}
		hits := in.hitTerms(tb)
		want := ast.NewObject(
			item("contract", in.contractTerm(tb)),
			item("parties", tb.array(in.partyTerms(tb)...)),
			item("screening", tb.array(hits...)),
			item("findings", tb.array(in.findingTerms(tb)...)),
			item("exposure", tb.array(in.pathTerms(tb)...)),
			item("derived", in.derived(tb, hits)),
		)
		got := in.evalValue()
		for _, k := range want.Keys() {
			if g, w := got.(ast.Object).Get(k), want.Get(k); g == nil || g.Value.Compare(w.Value) != 0 {
				t.Errorf("input %d: %v is\n %v\nwant\n %v", i, k, g, w)
			}
		}
		if got.Compare(want) != 0 { // converts the whole input
			t.Errorf("input %d: whole input differs", i)
		}
	}
	odd := Input{Contract: Contract{Value: &probity.Value{Amount: math.Inf(1)}}, Parties: []Party{{OrgID: 1}}, Findings: []Finding{{ID: 1}}, Exposure: []Path{{ID: "x"}}}
	if got, want := odd.evalValue().(ast.Object), odd.Value().(ast.Object); got.Get(ast.StringTerm("contract")).Value.Compare(want.Get(ast.StringTerm("contract")).Value) != 0 ||
		got.Get(ast.StringTerm("exposure")).Value.Compare(want.Get(ast.StringTerm("exposure")).Value) != 0 ||
		got.Get(ast.StringTerm("findings")).Value.Compare(want.Get(ast.StringTerm("findings")).Value) != 0 ||
		got.Get(ast.StringTerm("parties")).Value.Compare(want.Get(ast.StringTerm("parties")).Value) != 0 {
		t.Errorf("odd input: got %v, want %v", got, want)
	}
}

// TestDefaultPolicyReadsLazily: deciding with the default policy never
// converts the parts it does not read, while a policy that reads them
// converts them and sees them.
func TestDefaultPolicyReadsLazily(t *testing.T) {
	b, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := b.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	before := materialized.Load()
	for _, in := range equivalenceInputs()[:50] {
		if _, err := eng.Decide(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	if n := materialized.Load() - before; n != 0 {
		t.Errorf("default policy converted %d lazy parts", n)
	}
	reader := prepareDir(t, writeDir(t, "package probity\n\ndecision := {\"outcome\": \"allow\", \"reasons\": [{\"rule_id\": \"n\", \"message\": sprintf(\"%d %d %s %d\", [count(input.parties[0].roles), count(input.findings[0].legal_basis), input.contract.id, count(input.derived.hits)]), \"refs\": []}]}\n"))
	in := Input{Contract: Contract{ID: "c9"}, Parties: []Party{{OrgID: 1}}, Findings: []Finding{{ID: 1, LegalBasis: []probity.LegalBasis{{Instrument: "CRC"}, {Instrument: "CAT"}}}}}
	out, err := reader.Decide(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if out.Reasons[0].Message != "0 2 c9 0" {
		t.Errorf("policy read %q, want \"0 2 c9 0\"", out.Reasons[0].Message)
	}
	if n := materialized.Load() - before; n != 3 {
		t.Errorf("converted %d parts, want 3", n)
	}
}

// TestDerivedMatchesSchema: the derived field, as JSON, is what
// input.schema.json documents.
func TestDerivedMatchesSchema(t *testing.T) {
	checked := 0
	for i, in := range equivalenceInputs()[:80] {
		canonical := in.Canonical()
		if _, err := ParseInput("canonical", canonical); err != nil {
			continue // a role the schema does not know, which Go inputs may carry
		}
		tb := &terms{}
		d, err := ast.JSON(in.derived(tb, in.hitTerms(tb)).Value)
		if err != nil {
			t.Fatal(err)
		}
		derived, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		doc := append(append(append(canonical[:len(canonical)-1:len(canonical)-1], `,"derived":`...), derived...), '}')
		if _, err := ParseInput(fmt.Sprintf("input %d", i), doc); err != nil {
			t.Fatalf("%v\n%s", err, derived)
		}
		checked++
	}
	if checked < 60 {
		t.Errorf("only %d inputs checked", checked)
	}
}

// TestEngineDerivesOnlyForPoliciesThatReadIt: a policy that never reads
// input.derived (here the previous default policy) gets the input as Value
// builds it — nothing lazy to convert — while one that reads the input as a
// whole gets the derived field too.
func TestEngineDerivesOnlyForPoliciesThatReadIt(t *testing.T) {
	previous := prepareDir(t, filepath.Join("testdata", "previous"))
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	current, err := def.Prepare(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	whole := prepareDir(t, writeDir(t, "package probity\n\ndecision := {\"outcome\": \"allow\", \"reasons\": [{\"rule_id\": \"k\", \"message\": concat(\" \", sort(object.keys(input))), \"refs\": []}]}\n"))
	for _, tt := range []struct {
		name string
		eng  *Engine
		want bool
	}{{"previous", previous, false}, {"default", current, true}, {"whole input", whole, true}} {
		if tt.eng.derived != tt.want {
			t.Errorf("%s: derived = %v, want %v", tt.name, tt.eng.derived, tt.want)
		}
	}
	before := materialized.Load()
	for _, in := range equivalenceInputs()[:20] {
		if _, err := previous.Decide(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	if n := materialized.Load() - before; n != 0 {
		t.Errorf("previous policy converted %d lazy parts", n)
	}
	out, err := whole.Decide(context.Background(), Input{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := out.Reasons[0].Message, "contract derived exposure findings parties screening"; got != want {
		t.Errorf("input keys %q, want %q", got, want)
	}
}
