// Package sqlite is probity's embedded store: the register (releases,
// organizations, contracts, relationships) in one SQLite file through
// modernc.org/sqlite (pure Go, no cgo). The database runs in WAL mode with
// foreign keys on; its schema comes from the numbered migrations embedded
// from migrations/*.sql, applied in order, each in its own transaction,
// forward only.
package sqlite
