// Package sqlstore is probity's one SQL store: every query of the register,
// the lists, findings, decisions, policy versions, the audit log, accounts
// and review is written here once, on database/sql, and runs on SQLite
// (modernc.org/sqlite) and on PostgreSQL (pgx through its stdlib adapter).
// Packages sqlite and postgres only open the database (pragmas, pool),
// run their embedded migrations and give the Dialect: what truly differs.
//
// Conventions for a file of this package (one file per service, named for
// what it holds):
//
//   - Write SQL once, with ? placeholders. The Dialect rebinds them ($1, $2…
//     on PostgreSQL) in DB.query, Tx.exec and the other helpers: never
//     write $n. A value used twice is passed twice.
//   - Use SQL both engines accept: coalesce (not ifnull), true/false,
//     ON CONFLICT (target columns) DO UPDATE SET c = excluded.c for
//     upserts, INSERT … RETURNING id for a new id (Tx.insertID), limit(n)
//     for a page (a number the planner sees, not a parameter).
//     Where they truly differ, add a field to Dialect rather than a branch
//     on its name.
//   - Times are fixed-width UTC text (formatTime, parseTime): they sort as
//     text and round-trip to the nanosecond on both engines. JSON is text.
//   - Reads outside a transaction go through DB (its read pool); reads that
//     must run both inside and outside a write transaction take a querier,
//     which DB and Tx both are.
//   - Every write runs in DB.write (or DB.Update for probity.Tx callers):
//     one writer at a time (SQLite: BEGIN IMMEDIATE on a one-connection
//     pool; PostgreSQL: a transaction-level advisory lock), so that
//     read-then-write steps keep their meaning without retries.
//   - A statement that fails aborts a PostgreSQL transaction: check first
//     where an error is expected (a duplicate, a missing row) instead of
//     catching the error and carrying on.
//   - Errors from the driver go through DB.wrap, which turns a unique or
//     foreign key violation, a busy database and text the engine refuses
//     into probity error codes (ECONFLICT, ENOTFOUND, EINVALID).
//   - A write whose result nobody reads goes through Tx.put: on PostgreSQL
//     it is queued and sent with the others in one round trip (a pgx
//     batch) before the next statement that returns something, or at
//     commit. Use Tx.exec (or execN, insertID) when the result matters.
//   - Bulk loads (many rows into one table) use Tx.bulkInsert: PostgreSQL
//     COPY, SQLite one prepared INSERT. A first load (first_load.go) is
//     the ingest into an empty register: on PostgreSQL it answers the
//     ingest's lookups from what it wrote and loads releases with COPY.
//   - A method added to DB is a method of sqlite.DB and postgres.DB (they
//     embed it); DB.CopyTo moves every table, so a new table needs
//     nothing more to be copied by 'probity copy'.
//
// The package is hand-written rather than generated (sqlc, an ORM): the
// queries are few, and the two dialects differ in exactly the places
// Dialect names.
package sqlstore
