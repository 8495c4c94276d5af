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
// which round-trips structs through JSON) and the check of the output shape.
// Everything about Rego — parsing, compiling, testing, evaluating — is OPA's.
//
// Evaluation is tuned for one decision per contract: the answer is taken as
// OPA's own term (rego.GenerateJSON) and checked without converting it to Go
// maps; OPA's metrics are discarded (metrics.NoOp); and when the context can
// never be cancelled OPA is given an external cancel instead of starting a
// watcher goroutine per evaluation. The default policy itself is written for
// evaluation cost (see the comment at the top of default/probity.rego).
package policy
