// Package ocds owns everything about the Open Contracting Data Standard
// (OCDS) in probity: reading every OCDS shape from a stream (Read),
// merging releases into compiled and versioned releases with the exact
// OCDS 1.0 and 1.1 merge rules derived from the embedded release schemas
// (Rules, Compile, Versioned), mapping a compiled release to a contracting
// process with its buyer, suppliers, parties, value, period and status
// (Map), and writing record packages (WriteRecordPackage).
//
// The package has its own small JSON scanner and value tree (jsonvalue.go)
// rather than encoding/json: the merge must keep every scalar exactly as it
// was read (numbers such as 1.50 or 1e3, string escapes), keep member order,
// and run at hundreds of MB/s; encoding/json's generic decoding re-encodes
// values and is several times slower, and the fast third-party parsers
// re-escape strings on output. The merge algorithm follows the OCDS merging
// specification and is checked against every case of the official
// conformance fixtures (open-contracting/ocds-merge tests/fixtures).
package ocds
