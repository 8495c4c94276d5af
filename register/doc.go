// Package register turns what the readers produce (OCDS releases,
// USAspending awards and subawards) into the contract register: it stores
// source records, resolves organizations across sources, and writes
// contracts and relationships — all of one ingest in one transaction.
//
// Resolution never merges on a fuzzy name. Two records are taken to be the
// same organization when they share an identifier (scheme and id), or when
// their names are equal after a strict normalisation (case, accents,
// punctuation, legal-form suffixes) and nothing contradicts it: no
// identifier in the same scheme with another value, and the same kind of
// body. Every attachment is recorded with its rule and key, so `probity orgs
// show` can say why records were merged.
//
// Contracts are merged by a rule of their own (award_merge.go): the same
// USAspending award told by several files (prime-award summaries, the
// transaction extract, subawards, the Torn Apart list, which gives no
// unique award key) is one contract, composed from every file's account
// by a documented precedence, whatever the order of ingest; a contract
// absorbed that way keeps its id as an alias, and `probity contracts show`
// lists the accounts and the rule.
package register
