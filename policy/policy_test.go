package policy_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/policy"
)

const okModule = `package probity

default decision := {"outcome": "allow", "reasons": []}

decision := {"outcome": "deny", "reasons": [{"rule_id": "d", "effect": "deny", "message": "m", "refs": [{"kind": "finding", "id": 1}]}]} if {
	some f in input.findings
	f.status == "adjudicated"
}
`

const okTest = `package probity_test

import data.probity

test_allow if probity.decision.outcome == "allow" with input as {"findings": []}

test_deny if probity.decision.outcome == "deny" with input as {"findings": [{"status": "adjudicated"}]}
`

const okDoc = "# Policy\n\nWe refuse adjudicated cases.\n"

// writePolicy writes a policy folder and returns its path.
func writePolicy(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func okFiles(edit map[string]string) map[string]string {
	files := map[string]string{"probity.rego": okModule, "probity_test.rego": okTest, "POLICY.md": okDoc}
	for k, v := range edit {
		if v == "" {
			delete(files, k)
		} else {
			files[k] = v
		}
	}
	return files
}

func TestLoad(t *testing.T) {
	dir := writePolicy(t, okFiles(map[string]string{"notes.txt": "ignored", ".hidden.rego": "not rego"}))
	b, err := policy.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b.Files(), []string{"POLICY.md", "probity.rego", "probity_test.rego"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Files() = %v, want %v", got, want)
	}
	if len(b.Hash) != 64 {
		t.Errorf("Hash = %q", b.Hash)
	}
	// The hash covers the files' contents and names, not the folder.
	same, err := policy.Load(writePolicy(t, okFiles(nil)))
	if err != nil {
		t.Fatal(err)
	}
	if same.Hash != b.Hash {
		t.Errorf("same files, different hash: %s vs %s", same.Hash, b.Hash)
	}
	for name, edit := range map[string]map[string]string{
		"doc changed":   {"POLICY.md": okDoc + "More.\n"},
		"doc renamed":   {"POLICY.md": "", "README.md": okDoc},
		"module edited": {"probity.rego": okModule + "\n"},
	} {
		other, err := policy.Load(writePolicy(t, okFiles(edit)))
		if err != nil {
			t.Fatal(name, err)
		}
		if other.Hash == b.Hash {
			t.Errorf("%s: hash unchanged", name)
		}
	}
}

func TestValidateAcceptsGoodPolicy(t *testing.T) {
	b, err := policy.Load(writePolicy(t, okFiles(nil)))
	if err != nil {
		t.Fatal(err)
	}
	eng, err := b.Validate(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if eng.PolicyHash() != b.Hash {
		t.Errorf("engine hash %s, bundle %s", eng.PolicyHash(), b.Hash)
	}
	out, err := eng.Decide(context.Background(), policy.Input{Findings: []policy.Finding{{ID: 1, Status: "adjudicated"}}})
	if err != nil {
		t.Fatal(err)
	}
	if out.Outcome != "deny" || len(out.Reasons) != 1 || out.Reasons[0].Refs[0] != (probity.Ref{Kind: "finding", ID: "1"}) {
		t.Errorf("Decide = %+v", out)
	}
}

// TestRefused: a policy that does not load, compile, pass its tests or
// answer properly is refused, naming the step and, where OPA gives one, the
// file and line.
func TestRefused(t *testing.T) {
	tests := []struct {
		name     string
		edit     map[string]string
		step     string
		file     string // expected file base name of the first problem
		line     int    // expected line, 0 to skip the check
		contains string
	}{
		{"parse error", map[string]string{"probity.rego": "package probity\n\ndecision := {\n"}, "parse", "probity.rego", 0, "rego_parse_error"},
		{"unsafe var", map[string]string{"probity.rego": "package probity\n\ndecision := x if {\n\ty == 1\n}\n"}, "compile", "probity.rego", 3, "rego_unsafe_var_error"},
		{"http.send", map[string]string{"probity.rego": okModule + "\nx := http.send({\"method\": \"get\", \"url\": \"http://example.org\"})\n"}, "compile", "probity.rego", 10, "http.send"},
		{"time.now_ns", map[string]string{"probity.rego": okModule + "\nnow := time.now_ns()\n"}, "compile", "probity.rego", 10, "time.now_ns"},
		{"rand.intn", map[string]string{"probity.rego": okModule + "\nr := rand.intn(\"x\", 10)\n"}, "compile", "probity.rego", 10, "rand.intn"},
		{"uuid", map[string]string{"probity.rego": okModule + "\nu := uuid.rfc4122(\"x\")\n"}, "compile", "probity.rego", 10, "uuid.rfc4122"},
		{"opa.runtime", map[string]string{"probity.rego": okModule + "\nrt := opa.runtime()\n"}, "compile", "probity.rego", 10, "opa.runtime"},
		{"net lookup", map[string]string{"probity.rego": okModule + "\nips := net.lookup_ip_addr(\"example.org\")\n"}, "compile", "probity.rego", 10, "net.lookup_ip_addr"},
		{"failing test", map[string]string{"probity_test.rego": okTest + "\ntest_wrong if probity.decision.outcome == \"deny\" with input as {\"findings\": []}\n"}, "test", "probity_test.rego", 9, "test_wrong"},
		{"no tests", map[string]string{"probity_test.rego": ""}, "test", "", 0, "no Rego tests"},
		{"no text", map[string]string{"POLICY.md": ""}, "load", "", 0, "no published text"},
		{"bad outcome", map[string]string{
			"probity.rego":      "package probity\n\ndecision := {\"outcome\": \"maybe\", \"reasons\": []}\n",
			"probity_test.rego": "package probity_test\n\ntest_any if data.probity.decision\n",
		}, "sample", "", 0, `"maybe"`},
		{"undefined", map[string]string{
			"probity.rego":      "package probity\n\ndecision := {\"outcome\": \"allow\"} if input.parties[0]\n",
			"probity_test.rego": "package probity_test\n\ntest_any if data.probity.decision with input as {\"parties\": [1]}\n",
		}, "sample", "", 0, "undefined"},
		{"wrong reasons", map[string]string{
			"probity.rego":      "package probity\n\ndecision := {\"outcome\": \"review\", \"reasons\": [\"because\"]}\n",
			"probity_test.rego": "package probity_test\n\ntest_any if data.probity.decision\n",
		}, "sample", "", 0, "reasons[0]"},
		{"bad ref kind", map[string]string{
			"probity.rego":      "package probity\n\ndecision := {\"outcome\": \"review\", \"reasons\": [{\"rule_id\": \"r\", \"message\": \"m\", \"refs\": [{\"kind\": \"rumour\", \"id\": \"1\"}]}]}\n",
			"probity_test.rego": "package probity_test\n\ntest_any if data.probity.decision\n",
		}, "sample", "", 0, "refs[0].kind"},
		{"no module", map[string]string{"probity.rego": ""}, "load", "", 0, "no Rego module"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePolicy(t, okFiles(tt.edit))
			b, err := policy.Load(dir)
			if err == nil {
				_, err = b.Validate(context.Background(), nil)
			}
			var pe *policy.Error
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *policy.Error", err)
			}
			if pe.Step != tt.step {
				t.Errorf("step = %q, want %q (%v)", pe.Step, tt.step, err)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not contain %q", err, tt.contains)
			}
			if probity.ErrorCode(err) != probity.EINVALID {
				t.Errorf("code = %q", probity.ErrorCode(err))
			}
			p := pe.Problems[0]
			if tt.file != "" && p.File != filepath.Join(dir, tt.file) {
				t.Errorf("file = %q, want %q", p.File, filepath.Join(dir, tt.file))
			}
			if tt.line != 0 && p.Line != tt.line {
				t.Errorf("line = %d, want %d (%v)", p.Line, tt.line, err)
			}
			var ie *probity.InputError
			if tt.file != "" && (!errors.As(err, &ie) || ie.File != p.File || ie.Line != p.Line) {
				t.Errorf("InputError = %+v, want file and line of %+v", ie, p)
			}
		})
	}
}

func TestCapabilities(t *testing.T) {
	c := policy.Capabilities()
	have := map[string]bool{}
	for _, b := range c.Builtins {
		have[b.Name] = true
		if b.Nondeterministic {
			t.Errorf("non-deterministic built-in %s allowed", b.Name)
		}
	}
	for _, name := range []string{"http.send", "time.now_ns", "rand.intn", "uuid.rfc4122", "opa.runtime", "net.lookup_ip_addr", "net.cidr_contains"} {
		if have[name] {
			t.Errorf("%s allowed", name)
		}
	}
	for _, name := range []string{"count", "sprintf", "concat", "upper", "object.union", "time.parse_rfc3339_ns"} {
		if !have[name] {
			t.Errorf("%s refused", name)
		}
	}
	if c.AllowNet == nil || len(c.AllowNet) != 0 {
		t.Errorf("AllowNet = %#v, want empty", c.AllowNet)
	}
}
