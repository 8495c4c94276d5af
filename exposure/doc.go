// Package exposure owns the exposure of contracts: which organizations with
// findings or screening hits ("flagged") a contract reaches from its parties
// through the relationship graph, and by which path; and the reverse, which
// contracts can reach a given organization, so that a change re-decides
// only the contracts it affects.
//
// # Directions
//
// A step A → B means "a contract with A is exposed to B's conduct". Each
// stored relationship gives one step, in the direction of responsibility or
// benefit, named in paths as follows:
//
//	relationship                 step            why
//	A part_of B                  A → B  part_of        an agency acts for its department: DHS findings reach ICE contracts
//	A subsidiary_of B            A → B  subsidiary_of  a subsidiary is controlled by its parent
//	A subsidiary_of B            B → A  parent_of      a parent profits from and answers for its subsidiaries
//	A reseller_for B             A → B  reseller_for   a reseller acts for the vendor it resells
//	E end_user_of R (orgs)       R → E  end_user       what R buys or resells is used by E
//	A supports B                 A → B  supports       the supporter is exposed to what it supports
//	S subcontractor_on P (orgs)  P → S  subcontractor  a prime answers for its subcontractors
//
// part_of is followed upward only. Following it downward as well would let
// every agency's contract reach every sibling agency through their
// department; a department-wide contract that serves a particular agency
// should record that agency as an end user instead.
//
// A relationship between an organization and a contract (subcontractor_on
// or end_user_of with a contract id) makes the organization a party of that
// contract with the role subcontractor or end_user. Contract parties come
// from the contract itself (buyer, supplier, subcontractor) and from these
// relationships (end_user, subcontractor).
//
// Paths are walked breadth first from each party and stop at the maximum
// depth; flagged organizations do not stop the walk. For each party and
// each flagged organization it reaches (other than itself) the shortest
// path is reported — among equal ones the first found, taking steps in the
// order part_of, end_user, subsidiary_of, parent_of, reseller_for,
// subcontractor, supports, then by organization id. When that path leaves
// the client (has a step other than part_of and end_user), the shortest
// path made of part_of and end_user steps only is reported too, if there is
// one, so that a policy can always tell "within the client" from "related to
// the client". A party's own findings are not a path: policies read them
// from the parties. Paths sort by depth, starting party, organization
// reached and id, so results are deterministic.
//
// The graph is built once (Add*) and then only read; reads are safe for
// concurrent use, additions are not. Written by hand because the graph is
// small and the walk is a plain bounded breadth-first search; a graph
// library would add a dependency without saving code.
package exposure
