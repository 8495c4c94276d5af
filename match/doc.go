// Package match is probity's name matcher: it decides whether a counterparty
// name is (probably) a name on a watch list, says how sure it is, and says
// why.
//
// It owns
//   - normalisation (Normalize): Unicode case folding and NFKD with marks
//     removed (golang.org/x/text), transliteration of Cyrillic, Greek,
//     Armenian, Georgian, Hangul, Arabic, Hebrew, kana and Ethiopic to Latin with small
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
// Rules against false positives on real company names (see
// register_test.go): organisation names sharing no distinctive word (only
// common or domain words, legal forms, places, initials, acronyms) match
// only when all their words agree; a single shared word does not carry a
// match when both names have other words, nor does a single short word
// (≤ 3 letters) next to other words; a distinctive word of one name
// missing from the other keeps the pair below the threshold when part of
// what agrees is generic ("Mastech Digital Technologies" / "LLC Digital
// Technologies"; with the index's word weights, when the missing words
// weigh more than the agreeing distinctive ones); a word of the list name
// that a query leaves out, keeping two or more of its words and adding
// none, costs less than a word of the query's own ("Babbar International"
// / "Babbar Khalsa International", not "Orion Oil LLC" / "Orion LLC");
// legal forms that agree weigh almost nothing (a
// qualifier, never evidence: "Fortra LLC" / "LLC Forta"), while a legal
// form only one name has still weighs as a difference; when the
// distinctive words agree only as misspelt, the other words must agree as
// written with none left over ("Macrosoft Corporation" / "Microsoft
// Corporation", not "Tamis Corporation" / "Tamas Company"); edits in
// organisation names are weighted (vowels and like-sounding letters cheaper) and cost more than in
// person names; a changed first letter costs more; a weak alias counts
// only when matched exactly (Index.Search); a query of no definite schema
// that reads as an organisation is marked down against a person. Country
// and continent names (from the CLDR region names of golang.org/x/text)
// are qualifiers in organisation names and weigh little. Multi-word
// variants of rigour's synonym groups ("People's Liberation Army" ~ "PLA")
// are joined when they help an alignment, and so is a run of words one edit
// away from a legal form of several words in the other name ("Joynt Stock
// Company"). Legal forms of different classes mark a pair down, except
// two company forms (rigour's LLC and JSC classes, or one of them and a
// word for a company: "Co., Ltd." / "Corp."), which agree in kind when
// they are all that differs (legalkind.go). In person names, an alignment
// that swaps a person's own and father's names around bin/ibn is marked
// down, and a left-over initial contradicts a left-over name. Edits in a
// person-name part are measured without a name-forming affix both parts
// share ("Shams-uddin" / "Shahab-uddin", "-ullah", "Abdul-", "-shvili",
// "-ovich"; affix.go), since such an affix is common to thousands of names.
// Person-name parts may also align on a spelling key that maps the
// spellings transliteration systems use for one sound to one (kh/h, zh/j,
// ou/u, y/j/i, w/v…; fold.go), when the keys are at most one edit apart;
// words of other names when their keys are equal (at a larger cost), and
// the index finds tokens by their spelling key.
//
// Words left over by the alignment beside a legal form of the other name
// that are words of it — as written, abbreviated or misspelt within the
// edits their length allows ("Limtied", "Gbh", "Jint" beside "Stock
// Compny") — are that legal form written another way, not words of the
// name; a legal form that aligned with nothing takes them only when they
// stand for half its words or more ("Co" is not "Private Military
// Company").
//
// Legal forms are qualifiers, recognised as written in practice (legal.go):
// misspelt ("Limitd", "Joint Stock Compny"), in any word order ("Liability
// Limited Company"), with one word of a form of three or more left out
// ("Joint Stock Admiralty Shipyards"), abbreviated or shortened ("Co., Ltd."
// / "Company Limited" / "Ltd."); a limited liability partnership (TOO)
// compares as an LLC. In organisation names an initial stands weakly for a
// word unless initials stand for neighbouring words in order ("U.S." /
// "United States"), and words of three letters or fewer (mostly acronyms)
// must agree exactly.
//
// Word weights (idf.go): the index counts, for every name word, the list
// entries and the register names (IndexOptions.Corpus, NewIndexWith) that
// contain it, and weighs organisation name words by inverse document
// frequency, kept in the index snapshot; Compare, without an index, weighs
// every name word fully. Two organisation names that agree on one word
// common among the register's names and nothing else distinctive
// ("Spectrum Center Inc." / "LLC Spectrum") are held below the threshold
// until a qualifier agrees (country, identifier, address); the explanation
// says so (Explanation.NeedsQualifier) and names the qualifier that lifted
// it. An address agrees when two of the query address's placing words
// (one, when it has only one: a city) are words of one of the entry's
// addresses (street and building words and country names left out). A
// query word in at most one name the index holds, one edit from a list
// word, is taken as that word misspelt: its
// edit costs as in a person name, and misspellings that are all such typos
// do not count as "other words differ". A query word in no name the index
// holds (not even a registered counterparty's) two edits from a list word
// of eight letters or more is taken alike ("Cubaepiort" / "Cubaexport");
// a word a registered company bears is a word, not a typo ("Fedratech" /
// "Faratech"). A common or domain word one edit from the other's
// ("Foudation", "Grup"), a legal form one edit from the other's ("Jiont
// Stock Company"), a number word misspelt ("Firts", "Sevn") and a phrase
// against its own head word ("Shipping" / "Shipping Company") are no
// difference either. A query that is the list name with one word left out
// and nothing added is weighed by what it leaves out, not held below the
// threshold by the rules above ("Islamic Television Union"); so is one
// distinctive word, not common in the register, with the same legal form
// ("Vectura DOO" / "Vectura Trans DOO"; never a word alone).
//
// Reading: "%" is the word "percent" ("3%ers" / "Three Percenters"); in
// organisation names a word and its Russian adjective pair up ("Murom" /
// "Muromskiy", -skiy/-skaya/-skoye as romanised; not the Polish -ski of
// surnames); a synonym phrase joined on the list side is offered back to the
// query, so that a longer variant of the query aligns ("PLA China").
//
// Candidate generation finds list words two edits from a query word of
// eight letters or more (del2.go: two-deletion keys of the long tokens in
// one sorted array), when no word one edit away was found.
//
// The index stores each list name compactly (ids into a table of distinct
// analysed parts; the raw text is read from the entry). Search scores
// candidates without building explanations and explains only the hits it
// returns; edit distances run on ASCII bytes, bounded by the edit budget.
//
// Scores: 1 means the normalised names are equal, with one exception: an
// exact match of one short capitalised organisation word (at most five
// letters, "SAIC", "JCT") is an "acronym-only match", capped at 0.9 and
// flagged in the explanation, because such a word is as likely another
// body's initials. DefaultThreshold is the measured cut between match and
// non-match. The list loaders (package
// lists) and the command line are not part of this package.
//
// Why hand-written: edit distance (the optimal string alignment variant),
// the phonetic key and the transliteration tables are each small and need to
// behave exactly as documented here; the Go libraries we know for them
// either lack the scripts we need or would add dependencies for a few dozen
// lines.
package match
