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
package register
