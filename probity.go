// Package probity holds the domain of probity — human-rights due diligence and
// contract transparency for technology vendors: the types that every stage
// shares (organizations, contracts, relationships, source releases, watch-list
// entries), the interfaces that the storage backends implement, and one error
// type with codes. It imports only the standard library.
//
// Data flows one way: ingest → store → screen → policy → review → publish.
// Each stage lives in its own package; only cmd/probity wires them together.
package probity
