// Package faulttest is the fault-injection suite (run with
// PROBITY_FAULT_TESTS=1): it builds the probity binary once, runs it as a
// child process, kills it with SIGKILL at each commit point (during a
// large ingest after a batch committed, right after "findings add",
// "lists load", "policy publish" and a case decision committed), fills the
// disk under it and makes its database read-only, and then shows that
// every contract is decided under the policy and evidence in force and
// that no write the process acknowledged was lost. The suite prints its
// summary (faults injected, contracts checked, undecided after recovery,
// acknowledged writes lost) when it ends.
//
// The package has no code besides its tests.
package faulttest
