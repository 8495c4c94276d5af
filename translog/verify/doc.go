// Package verify is the client side of probity's transparency log: it
// checks a log served the C2SP tlog-tiles way (by probity serve or by any
// static web host holding a probity log export) without trusting the
// server. It keeps the last checkpoint it trusted in a state file, checks
// each new checkpoint's signature and that the new tree contains the
// trusted one, downloads every entry bundle and level-0 tile, recomputes
// every leaf hash and the root, and with a mirror directory keeps a copy of
// every entry it has seen, so that a rewritten entry is named with its old
// and new hash.
//
// It depends on package translog only for the shared formats (checkpoint
// text, tile paths, bundle framing); the hashing is golang.org/x/mod/sumdb/tlog.
package verify
