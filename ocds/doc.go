// Package ocds owns everything about the Open Contracting Data Standard
// (OCDS) in probity:
//
//   - Read streams releases out of every OCDS shape (release and record
//     packages, records, bare, compiled and versioned releases; one value,
//     an array, concatenated JSON or JSON Lines) with flat memory;
//   - Rules, Compile and Versioned merge releases with the exact OCDS 1.0
//     and 1.1 rules, derived from the release schemas embedded in schema/
//     (see schema/NOTICE.md for their origin and licences);
//   - Map turns a compiled release into a contracting process (buyer,
//     suppliers, parties, value, period, status);
//   - WriteRecordPackage streams an OCDS 1.1 record package, with extra
//     package and record members if asked (OCDS allows additional
//     properties; the portal adds a "probity" member carrying the
//     transparency log's checkpoint and each record's log indexes).
//
// JSON is read with internal/jsonscan, which keeps every scalar exactly as
// read and member order as written, so that merged releases reproduce
// their sources; memberNames (names.go) gives it the schemas' member names
// to share. The merge follows the OCDS merging specification and is checked
// against every case of the official conformance fixtures
// (open-contracting/ocds-merge tests/fixtures), including its rule
// overrides (Append, MergeByPosition).
package ocds
