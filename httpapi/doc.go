// Package httpapi is probity's HTTP service: one Server holding the store,
// the screening index and the decider, one route table (routes.go), one
// error-code → status map (errors.go) and a short middleware chain
// (recover, metrics and logs, authentication, role check, rate limit, body
// limit).
//
// # Routes
//
// The route table in routes.go holds the register, screening and decision
// routes; ReviewRoutes (cases and concerns, cases.go and concerns.go) and
// AccountRoutes (users and tokens, accounts.go) are passed to New as extra
// routes and go through the same middleware. openapi.json documents the
// built-in routes in full, extra routes get an entry generated from their
// summaries, and tests keep the documents and the routes in step. Screening follows OpenSanctions' yente API (POST /match/{dataset},
// GET /search/{dataset}), so that yente clients work unchanged; everything
// else is probity's own JSON.
//
// # Authentication and roles
//
// A caller is one of four roles, each able to do what the ones below it
// can: public (no credentials: the published register, never a
// confidential field), employee (screening, decisions for a prospective
// deal), reviewer (confidential evidence and decision inputs), admin (the
// audit log, reloading the index). API clients send
// "Authorization: Bearer prb_…"; tokens are created with
// "probity tokens create" and only their SHA-256 is stored. A token that is
// unknown, expired or revoked is answered 401 — never silently downgraded
// to public. Every request looks its token or session up in the store, so
// a revocation, a disabled user or a changed role takes effect on the next
// request on every replica; revoking a token ends the web sessions signed
// in with it, and disabling a user ends all of theirs for good.
//
// # Web sessions and CSRF
//
// For the web console, POST /login with {"token": "prb_…"} exchanges a
// token for a session: the response sets the cookie "probity_session"
// (HttpOnly, Secure, SameSite=Strict, Path=/) and returns a per-session
// CSRF token in its body. Requests authenticated by that cookie must send
// the CSRF token in the X-CSRF-Token header (a URL-encoded form: in the
// field csrf_token) on every unsafe method (POST, PUT, PATCH, DELETE), or
// they are refused (403). A session cookie that has expired or was signed
// out is ignored: the request is the public's. Only the SHA-256 of the
// cookie value is stored; POST /logout ends the session. A request that
// carries a Bearer token ignores cookies altogether, so API clients are
// not subject to CSRF checks (a browser never adds that header by itself).
//
// # Browser pages
//
// One URL per thing: Config.Pages maps a GET route's pattern to its browser
// view (package web). A request for that route that accepts text/html, or
// asks for an export with ?format=, is answered by the page; API clients
// keep getting JSON.
//
// # Limits
//
// Request bodies are limited (MaxBodyBytes, default 1 MiB; larger bodies
// are answered 413). JSON bodies are decoded strictly: an unknown field or
// a value of the wrong type is answered 400 naming the field. Each caller
// (token, session user, or client address for the public) has a token
// bucket (golang.org/x/time/rate); an empty bucket is answered 429 with
// Retry-After. A panic in a handler is logged with its stack and answered
// 500 with a request id, never with the stack.
package httpapi
