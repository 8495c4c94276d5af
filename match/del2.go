package match

import (
	"hash/maphash"
	"slices"
	"unicode/utf8"
)

// Two edits in one word. The deletion keys of index.go (a token and the
// token with one letter deleted, probed with the query word and the word
// with one letter deleted) find every token one edit away and only some
// two edits away: a query word with two letters missing ("Fciimex" /
// "Fincimex") or two letters too many shares no key with its token. Long
// words take two typos as easily as short ones take one (editBudget), so
// the index also keeps the keys of its tokens of minDel2 letters or more
// with two letters deleted, in one sorted array (8 bytes a key),
// and a query word of minDel2 letters or more that found no token in the
// usual ways probes them with itself and with one and two letters deleted,
// and the one-deletion keys with two letters deleted. Every token the
// probes find is checked with the bounded edit distance before it counts.

// minDel2 is the fewest letters of a word that is looked up two edits
// away; minTwoEdits the fewest letters of the longer of a query word and a
// token that the lookup takes two edits apart: a word of six letters is
// not another two edits away ("Silvus" / "Silver"), one of eight may be
// ("Fciimex" / "Fincimex").
const (
	minDel2     = 6
	minTwoEdits = 8
)

// del2Index holds the two-deletion keys of the index's long tokens: each
// the key's top 40 bits above the token id's 24 (the id of a token of the
// key follows from its value; two keys that share 40 bits only cost an
// edit-distance check), sorted.
type del2Index struct {
	keys []uint64
}

const del2IDBits = 24

// buildDel2 collects the two-deletion keys of tokens (ASCII tokens of
// minDel2 letters or more). With more than 2^24 tokens (never in practice)
// it keeps none, and words two edits away are found as before.
func buildDel2(seed maphash.Seed, tokens []string) del2Index {
	if len(tokens) >= 1<<del2IDBits {
		return del2Index{}
	}
	var all []uint64
	buf := make([]byte, 0, 64)
	for id, t := range tokens {
		if len(t) < minDel2 || len(t) > 40 || !isASCIIWord(t) {
			continue
		}
		for i := range len(t) {
			for j := i + 1; j < len(t); j++ {
				buf = append(append(append(buf[:0], t[:i]...), t[i+1:j]...), t[j+1:]...)
				all = append(all, maphash.Bytes(seed, buf)>>del2IDBits<<del2IDBits|uint64(id))
			}
		}
	}
	slices.Sort(all)
	// A token's keys repeat where it has doubled letters.
	return del2Index{keys: slices.Clip(slices.Compact(all))}
}

// lookup calls fn with the token ids of key k.
func (d *del2Index) lookup(k uint64, fn func(id uint32)) {
	k = k >> del2IDBits << del2IDBits
	i, _ := slices.BinarySearch(d.keys, k)
	for ; i < len(d.keys) && d.keys[i]>>del2IDBits<<del2IDBits == k; i++ {
		fn(uint32(d.keys[i] & (1<<del2IDBits - 1)))
	}
}

// twoEdits calls found with the id of every token within the edit budget
// of query word t (ASCII, minDel2 letters or more) that the two-deletion
// keys reach.
func (ix *Index) twoEdits(t string, found func(id uint32)) {
	if len(t) < minDel2 || len(t) > 40 || !isASCIIWord(t) {
		return
	}
	tl := len(t)
	check := func(id uint32) {
		ct := ix.tokens[id]
		cl := utf8.RuneCountInString(ct)
		b := editBudget(max(tl, cl))
		if max(tl, cl) >= minTwoEdits && abs(tl-cl) <= b && strBounded(t, ct, b) <= b {
			found(id)
		}
	}
	var h maphash.Hash
	h.SetSeed(ix.seed)
	buf := make([]byte, 0, 64)
	hash := func(b []byte) uint64 {
		h.Reset()
		h.Write(b)
		return h.Sum64()
	}
	// The word itself and with one letter deleted, against tokens with two
	// deleted.
	ix.del2.lookup(hash(append(buf[:0], t...)), check)
	for i := range tl {
		ix.del2.lookup(hash(append(append(buf[:0], t[:i]...), t[i+1:]...)), check)
	}
	// The word with two letters deleted, against tokens with none, one
	// (the deletion keys) or two deleted.
	for i := range tl {
		for j := i + 1; j < tl; j++ {
			k := hash(append(append(append(buf[:0], t[:i]...), t[i+1:j]...), t[j+1:]...))
			for _, id := range ix.delKeys[k] {
				check(id)
			}
			ix.del2.lookup(k, check)
		}
	}
}
