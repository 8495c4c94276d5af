// Package pipeline owns what follows a change of the register: screening
// the register again when lists or organizations changed, finding the
// contracts a change affects, deciding them under the policy in force and
// bringing the review cases in line with the new decisions. The command
// line and the HTTP server both call it; neither assembles these steps
// itself.
//
// The work is durable. Every change to lists, screening results, findings,
// relationships, policy versions and the register is recorded by the store,
// in the same transaction as the change, as a pending change (an outbox);
// Drain does the work those changes call for and then removes them. A
// process that stops half-way leaves the changes pending, and the next
// Drain, by any command or by serve, does the work again: every step is
// idempotent (a decision is recorded only when its outcome or reasons
// changed; case sync changes nothing the second time).
//
// The package also keeps the snapshot that serve answers from (the
// screening index and the decider with its policy engine), reloaded when
// the store's change counter moves instead of by hashing what it holds.
package pipeline
