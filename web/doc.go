// Package web is probity's face: the public transparency portal (the
// register, contracts, organizations, the policy, charts, an Atom feed and
// the register's CSV and OCDS exports) and the signed-in console where
// employees raise and sign concerns, reviewers work their cases and admins
// see the lists, the policy and the accounts.
//
// Pages are server-rendered with html/template from templates embedded in
// the binary and parsed once; the one stylesheet is embedded and served
// under a name carrying its hash, so it can be cached for ever. There is
// no JavaScript: every page and form works in any browser, and the
// Content-Security-Policy allows no script at all. Charts and exposure
// graphs are SVG drawn on the server (no inline style, so the policy needs
// no 'unsafe-inline'), each with its numbers in a table beside it.
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
package web
