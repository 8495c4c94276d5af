package policy

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// forbidden names built-ins refused in addition to those OPA marks as
// non-deterministic; a name ending in "." refuses a whole namespace.
var forbidden = []string{"http.", "net.", "time.now_ns", "rand.", "uuid.", "opa.runtime"}

// Capabilities returns the OPA capabilities policies are compiled with:
// those of this OPA version without any non-deterministic built-in (network,
// clock, randomness, runtime) and with no network host allowed.
func Capabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	kept := c.Builtins[:0]
	for _, b := range c.Builtins {
		if !b.Nondeterministic && !isForbidden(b.Name) {
			kept = append(kept, b)
		}
	}
	c.Builtins = kept
	c.AllowNet = []string{}
	return c
}

func isForbidden(name string) bool {
	for _, f := range forbidden {
		if name == f || (strings.HasSuffix(f, ".") && strings.HasPrefix(name, f)) {
			return true
		}
	}
	return false
}
