// Package web is probity's face: the public transparency portal (the
// register, contracts, organizations, the policy, charts, an Atom feed and
// the register's CSV and OCDS exports) and the signed-in console where
// employees raise and sign concerns, reviewers work their cases and admins
// see the lists, the policy and the accounts.
//
// Pages are server-rendered with html/template from templates embedded in
// the binary and parsed once; the stylesheet and the scripts are embedded
// and served under names carrying their hash (cached for ever, gzipped to
// clients that take it, scripts with Subresource Integrity). Every page
// and form works without JavaScript. A little htmx (2.0.11, vendored in
// static/vendor with its licence and hashes) saves round trips where it
// can, each time on top of a plain form or link that does the same: the
// register's filters and pages replace only the results (the server sends
// only them to such a request, and the address is pushed so that the view
// stays shareable); signing a concern updates its count, progress bar and
// signatures in place; a reviewer's comment is appended in place. When an
// htmx request fails, static/site.js lets the browser submit the form or
// follow the link as it would without JavaScript. htmx runs with eval,
// script tags, indicator styles and its history cache off, so the
// Content-Security-Policy allows scripts and requests from this site only
// and still needs no 'unsafe-inline' or 'unsafe-eval'; every htmx request
// carries Accept: text/html (the register's address answers JSON to */*)
// and, signed in, the session's CSRF token. Charts and exposure graphs are
// SVG drawn on the server (no inline style), each with its numbers in a
// table beside it.
//
// The package plugs into httpapi: Site.Routes are extra routes (they go
// through the same middleware: sessions, CSRF, rate limits, logs) and
// Site.Pages are the browser views of the API's own GET /contracts,
// /contracts/{id} and /orgs/{id}, chosen by the Accept header, so that a
// link in a news story and a script read the same address.
//
// What the public sees is only what is published: a finding marked
// confidential is never shown, and neither is a reason, path or piece of
// evidence that rests on one (the reason is replaced by a note); findings
// are attributed to "probity reviewers", never to their author; anonymous
// signers of a concern stay anonymous. The register's queries go through
// Searcher, an interface this package owns; NewMemorySearcher answers it
// from any probity.Store.
//
// Everything published shows its proof (logproof.go). A page, export or
// feed reads the newest signed checkpoint of the transparency log once
// and cites every item against it: "log entry I" and a link to
// /log/proof/inclusion?index=I&size=N, N being that checkpoint's size, so
// that the proof verifies against the root hash the page prints beside
// it. An entry newer than the checkpoint is named without a link ("not
// yet in a signed checkpoint": the signer catches up within seconds).
// Where it shows:
//   - the contract page: the contract, its latest and earlier decisions,
//     the findings behind them and its decided case's outcome; the
//     organization page: its findings (a confidential one, which only
//     reviewers see, has no entry and says so); the policy page: every
//     version (and GET /policy as JSON: log_index, log_proof and the
//     checkpoint); the reviewers' case page: the decision under review
//     and the published outcome;
//   - the CSV export: columns log_index, log_proof, decision_log_index,
//     decision_log_proof (empty while no checkpoint covers the entry) and,
//     on every row, checkpoint_size and checkpoint_root_hash (base64, as
//     the checkpoint writes it), so that the checkpoint survives any
//     sorting or cutting of rows in a spreadsheet; a comment line would
//     break spreadsheets and CSV readers. The hash is written as it is, for
//     scripts to compare (one root in 64 begins with "+", which a
//     spreadsheet that evaluates formulas on import may misread; the
//     headers X-Log-Checkpoint-Size and X-Log-Root-Hash and /log/checkpoint
//     say the same);
//   - the OCDS record package: a "probity" member of the package
//     ({"checkpoint": {"origin", "size", "rootHash"} or null,
//     "checkpointURL"}) and of each record ({"logIndex", "logProof",
//     "decisionLogIndex", "decisionLogProof"}); OCDS allows additional
//     properties, and the package validates against the record package
//     schema;
//   - /feed.atom: a checkpoint element of namespace tag:probity,2026:log
//     (signed, origin, size, rootHash, href) on the feed, and on each entry
//     a logEntry element (type, index, proof), a link rel="related" to the
//     inclusion proof and a sentence of the summary.
package web
