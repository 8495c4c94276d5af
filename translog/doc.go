// Package translog is probity's transparency log: every item probity
// publishes (a contract summary, a decision and its reasons, a case
// outcome, a policy version, a public finding) is appended, as canonical
// JSON, to an append-only Merkle tree in the same database transaction that
// publishes it, so that nothing published can later change or disappear
// without anyone who watches the log noticing.
//
// What it owns:
//   - the entry format (entry.go, items.go): RFC 8785 (JCS) canonical JSON
//     with the item's type, id, version, the SHA-256 of any attachment and,
//     for a changed item, the index of the entry it supersedes. Only what
//     the public sees enters the log (items.go decides, field by field).
//   - appending (append.go): RFC 6962 hashing and the stored hashes of
//     golang.org/x/mod/sumdb/tlog, written through a small Tx interface
//     that each store implements inside its own write transaction.
//   - signed checkpoints (checkpoint.go, key.go, checkpointer.go): C2SP
//     tlog-checkpoint notes signed with Ed25519 by golang.org/x/mod/sumdb/note;
//     the signing key is a file (mode 0600) outside the database.
//   - serving (handler.go, tilepath.go, tiles.go, proof.go): the C2SP
//     tlog-tiles layout under /log/ plus inclusion and consistency proofs,
//     and the same files written as a static tree (export.go).
//
// Canonical JSON comes from github.com/gowebpki/jcs (an RFC 8785
// implementation derived from the reference one); the Merkle tree, tiles
// and proofs from golang.org/x/mod/sumdb/tlog. What is hand-written here is
// only what those do not cover: the C2SP path syntax (tlog's own tile paths
// carry the tile height and say "data" where C2SP says "entries") and the
// checkpoint body (tlog.FormatTree writes the Go checksum database's
// header, not an origin line).
//
// The independent client is package translog/verify.
package translog
