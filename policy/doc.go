// Package policy owns policy as code: loading a policy folder (Rego modules,
// their *_test.rego tests and the Markdown text that gets published), hashing
// it, running its tests, checking it before publication, and evaluating it
// for one contract at a time with Open Policy Agent
// (github.com/open-policy-agent/opa/v1).
//
// The decision input is documented by input.schema.json (embedded; see
// Schema) and mirrored by the Input type. A policy answers the query
// data.probity.decision with {"outcome": "allow"|"review"|"deny",
// "reasons": [{"rule_id", "effect", "message", "severity", "refs":
// [{"kind": "finding"|"hit"|"path", "id"}]}]}; anything else is an error.
//
// Policies run with restricted capabilities: no network (http.send, net.*),
// no clock (time.now_ns), no randomness (rand.*, uuid.*), no runtime
// (opa.runtime) and no other built-in OPA marks as non-deterministic, so a
// decision can be reproduced from its recorded input (Input.Hash) and the
// policy's content hash (Bundle.Hash).
//
// The default policy ships embedded (folder default/, see Default). It is
// written from the employees' open letter of June 2018: deny where a client,
// an end user or anything they are part of has established findings of
// serious violations or is listed under a human-rights sanctions programme;
// review where the evidence is unsettled, where a screening hit needs
// confirming, or where a contractor or a supporting relation is exposed;
// allow otherwise.
//
// Hand-written here: the conversion of Input into an OPA value (building the
// ast.Value directly is several times faster than OPA's generic conversion,
// which round-trips structs through JSON), the derived field below, and the
// check of the output shape. Everything about Rego — parsing, compiling,
// testing, evaluating — is OPA's.
//
// Before evaluating a policy that reads it, Engine.Decide adds
// input.derived (documented in input.schema.json, see derive.go): the join of findings and hits to what
// the contract reaches — for each finding, each way its organization is
// reached (as a party or through an exposure path), filed by side (client,
// contractor, related), with whether the finding is established and serious,
// the references and the finding and way in words; for each hit on a reached
// organization, its label and whether it is reached through the client.
// OPA evaluates such a join several times slower than Go computes it.
// Callers never send the field (Input has none; a sent one is dropped by
// ParseInput) and a policy may ignore it. The default policy uses it when
// present and otherwise computes the same value in Rego (rule
// data.probity.derived), so its Rego tests and `opa eval` on a recorded
// input, which lack the field, decide alike; tests check that Go and Rego
// derive equal values and that decisions equal those of the policy's
// previous version (testdata/previous) with and without the field.
//
// Evaluation is tuned for one decision per contract: for a policy that reads
// input.derived the input is an OPA lazy object whose other parts are
// converted only when the policy reads them (the default policy reads only
// the derived field and the screening hits; see lazy.go), while any other
// policy gets the input built whole, which is faster for it; input terms
// are allocated in chunks; the answer is taken as OPA's
// own term (rego.GenerateJSON) and checked without converting it to Go maps;
// OPA's metrics are discarded (metrics.NoOp); and when the context can never
// be cancelled OPA is given an external cancel instead of starting a watcher
// goroutine per evaluation. The default policy itself is written for
// evaluation cost (see the comment at the top of default/probity.rego).
//
// Decisions are not cached: the same policy and canonical input always give
// the same output, but every call evaluates the policy.
package policy
