// Package postgres is probity's PostgreSQL store, for several stateless
// `probity serve` replicas sharing one database. It implements
// probity.Store with the same behaviour as package sqlite (the reference,
// checked by the shared conformance suite internal/storetest) through
// github.com/jackc/pgx/v5 and its connection pool.
//
// The schema comes from the numbered migrations embedded from
// migrations/*.sql, applied in order, each in its own transaction, forward
// only, under a transaction-level advisory lock so that replicas starting
// together do not race. Times are stored as fixed-width UTC text and JSON
// as text (not jsonb), exactly as in SQLite: times sort as text and
// round-trip to the nanosecond, and stored JSON (decision inputs, match
// explanations) comes back byte for byte.
//
// Write transactions (Update, UpdateReview and every method that writes)
// take a transaction-level advisory lock first, so that there is one
// writer at a time across all replicas, as with SQLite: read-then-write
// steps such as organization resolution, "record a decision unless it
// repeats the latest" and "one undecided case per contract" keep their
// meaning without serializable retries. Reads never wait for it.
// Authenticate's time-of-use update and DeleteSession write one row each
// outside it.
//
// Differences from SQLite, all deliberate:
//   - text cannot hold a NUL byte or invalid UTF-8: such input is refused
//     with EINVALID (SQLite stores it);
//   - ids come from identity sequences, which a rolled-back transaction
//     does not give back, so ids may have gaps;
//   - a statement that fails inside a transaction aborts the transaction,
//     so fn cannot carry on after a store error as it could with SQLite
//     (the store checks first where an error is expected: a second
//     undecided case, a second signature);
//   - Organization lists merge reasons tied on (time, rule, source) by
//     name, the order SQLite's scan happens to give.
package postgres
