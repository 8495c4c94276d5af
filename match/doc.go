// Package match is probity's name matcher: it decides whether a counterparty
// name is (probably) a name on a watch list, says how sure it is, and says
// why.
//
// It owns
//   - normalisation (Normalize): Unicode case folding and NFKD with marks
//     removed (golang.org/x/text), transliteration of Cyrillic, Greek,
//     Armenian, Georgian, Hangul, Arabic, Hebrew and kana to Latin with small
//     tables of our own (translit.go), punctuation handling;
//   - name analysis: parts classified as names, initials, numbers, stop words,
//     legal forms and common organisation words, using rigour's MIT tables
//     (data/, see data/ATTRIBUTION.md) for legal forms, title prefixes and
//     synonym groups;
//   - pairwise scoring (Compare): an order-free alignment of name parts with
//     an edit distance per part (never one similarity over the whole string),
//     initials, joined/split words and acronyms, phonetic keys, weights that
//     make common words count little, penalties for disagreeing numbers,
//     legal forms and name parts, and the FollowTheMoney schema hierarchy;
//     every score carries an Explanation;
//   - the in-memory index (NewIndex, Index.Search) over list names, aliases
//     and weak aliases, and the Screener that swaps index snapshots
//     atomically.
//
// Scores: 1 means the normalised names are equal; DefaultThreshold is the
// measured cut between match and non-match. The list loaders (package
// lists) and the command line are not part of this package.
//
// Why hand-written: edit distance (the optimal string alignment variant),
// the phonetic key and the transliteration tables are each small and need to
// behave exactly as documented here; the Go libraries we know for them
// either lack the scripts we need or would add dependencies for a few dozen
// lines.
package match
