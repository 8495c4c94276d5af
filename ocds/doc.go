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
//   - WriteRecordPackage streams an OCDS 1.1 record package.
//
// The package has its own small JSON scanner and value tree
// (jsonvalue.go, scan.go, skim.go) rather than encoding/json or a
// third-party parser: releases must be kept and merged with every scalar
// exactly as read (number forms such as 1.50e3, string escapes) and with
// member order kept, the reader must cut a stream into values without
// decoding them, and the whole must run at hundreds of MB/s; encoding/json
// decodes into Go values that re-encode differently and is several times
// slower. The merge follows the OCDS merging specification and is checked
// against every case of the official conformance fixtures
// (open-contracting/ocds-merge tests/fixtures), including its rule
// overrides (Append, MergeByPosition).
package ocds
