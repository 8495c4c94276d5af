package match

import (
	"cmp"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/probity/probity"
)

// Index is an immutable, in-memory search structure over watch-list
// entries: their names, aliases and weak aliases. It is safe for concurrent
// use by any number of goroutines; it is never modified after NewIndex.
//
// Candidate generation never scans the list. Every name part of every list
// name is a token in a vocabulary; each token has a posting list of the names
// containing it. A query part finds vocabulary tokens by exact lookup, by
// symmetric single-deletion keys (which find every token one edit away and
// many two edits away), by phonetic key, and by splitting or joining words.
// Names are ranked by the summed inverse document frequency of the tokens
// they share with the query (rare tokens first, very common tokens skipped
// when rarer ones exist), and only the best few are scored by Compare.
type Index struct {
	entries   []probity.WatchlistEntry
	schemas   []string // entry index → canonical schema
	names     []indexedName
	vocab     map[string]uint32 // token → id
	tokens    []string          // id → token
	df        []uint32          // token id → number of names containing it
	postings  [][]uint32        // token id → name ids
	partTab   []part            // distinct analysed parts of list names
	nameParts []uint32          // part ids of every name, see indexedName.off
	delKeys   map[uint64][]uint32
	del2      del2Index // two-deletion keys of long tokens (del2.go)
	phon      map[string][]uint32
	folds     map[string][]uint32 // spelling key (fold.go) → tokens of that key, where it differs from the token
	ids       map[string][]uint32 // normalised identifier → entry indices
	byNorm    map[string][]uint32 // normalised name → name ids: an exact match is always a candidate
	first     []uint32            // entry index → id of its first name; len(entries)+1 values
	seed      maphash.Seed
	accPool   sync.Pool
	wordDF    map[string]uint32 // name word → list entries and register names containing it (idf.go)
	corpusDF  map[string]uint32 // name word → register names containing it (idf.go)
	docs      int               // list entries and register names counted in wordDF
	refIDF    float64           // inverse document frequency of a word in fullDF names
}

// indexedName is one analysed list name, stored compactly: its parts are
// ids into the index's table of distinct parts (list names share most of
// their parts), and its raw text is read from the entry.
type indexedName struct {
	entry  uint32
	off    uint32 // first part id in Index.nameParts
	norm   string // normalised text
	alias  uint16 // position in Aliases or WeakAliases
	nparts uint16
	typ    uint8 // 0 name, 1 alias, 2 weak alias
	flags  uint8 // nameOrgish, nameScript
}

const (
	nameOrgish = 1 << iota
	nameScript
)

// partKey identifies a distinct analysed part: everything else in a part
// follows from these.
type partKey struct {
	text, key string
	kind      partKind
	groups    bool
}

var nameTypes = [...]string{"name", "alias", "weak_alias"}

// Tuning of candidate generation.
const (
	maxCandidates  = 48    // names scored by Compare per query
	maxPostings    = 20000 // posting entries read per query
	maxPhonVariant = 64    // phonetic keys shared by more tokens are not used
	minShare       = 0.4   // candidates below this share of the best candidate's token mass are dropped
)

// NewIndex builds an index over entries. The entries are copied (shallowly);
// names with no letter or digit are left out. Word weights come from the
// entries alone; NewIndexWith adds the register's names.
func NewIndex(entries []probity.WatchlistEntry) *Index {
	ix := newIndex(entries)
	ix.finishWeights()
	return ix
}

func newIndex(entries []probity.WatchlistEntry) *Index {
	ix := &Index{
		wordDF:  map[string]uint32{},
		docs:    len(entries),
		entries: append([]probity.WatchlistEntry(nil), entries...),
		vocab:   map[string]uint32{},
		delKeys: map[uint64][]uint32{},
		phon:    map[string][]uint32{},
		folds:   map[string][]uint32{},
		ids:     map[string][]uint32{},
		byNorm:  map[string][]uint32{},
		seed:    maphash.MakeSeed(),
	}
	partIDs := map[partKey]uint32{}
	for ei := range ix.entries {
		ix.first = append(ix.first, uint32(len(ix.names)))
		e := &ix.entries[ei]
		es := canonicalSchema(e.Schema)
		ix.schemas = append(ix.schemas, es)
		c := classOf(es, es)
		seen := map[string]bool{}
		words := map[string]bool{}
		add := func(raw string, typ uint8, alias int) {
			n := analyse(c, raw)
			ix.countWords(n.parts, words)
			if n.norm == "" || seen[n.norm] || alias > math.MaxUint16 || len(n.parts) > math.MaxUint16 {
				return
			}
			seen[n.norm] = true
			id := uint32(len(ix.names))
			in := indexedName{entry: uint32(ei), typ: typ, alias: uint16(alias), norm: n.norm,
				off: uint32(len(ix.nameParts)), nparts: uint16(len(n.parts))}
			if n.orgish {
				in.flags |= nameOrgish
			}
			if n.script {
				in.flags |= nameScript
			}
			for _, p := range n.parts {
				k := partKey{p.text, p.key, p.kind, p.groups != nil}
				pid, ok := partIDs[k]
				if !ok {
					pid = uint32(len(ix.partTab))
					partIDs[k] = pid
					ix.partTab = append(ix.partTab, p)
				}
				ix.nameParts = append(ix.nameParts, pid)
			}
			ix.names = append(ix.names, in)
			ix.byNorm[n.norm] = append(ix.byNorm[n.norm], id)
			if c != classPerson {
				for _, g := range phraseGroups(n.parts) {
					ix.post(ix.token(groupToken+g.group), id)
				}
			}
			for _, p := range n.parts {
				if !indexable(p) {
					continue
				}
				ix.post(ix.token(p.text), id)
			}
		}
		add(e.Name, 0, 0)
		for i, a := range e.Aliases {
			add(a, 1, i)
		}
		for i, a := range e.WeakAliases {
			add(a, 2, i)
		}
		for _, idf := range e.Identifiers {
			if k := normID(idf.ID); k != "" {
				ix.ids[k] = append(ix.ids[k], uint32(ei))
			}
		}
	}
	ix.first = append(ix.first, uint32(len(ix.names)))
	ix.del2 = buildDel2(ix.seed, ix.tokens)
	ix.names = slices.Clip(ix.names)
	ix.nameParts = slices.Clip(ix.nameParts)
	for i, pl := range ix.postings {
		ix.postings[i] = slices.Clip(pl)
	}
	ix.accPool.New = func() any { return &accumulator{score: make([]float32, len(ix.names))} }
	return ix
}

// rawName returns the list name, alias or weak alias in as written.
func (ix *Index) rawName(in *indexedName) string {
	e := &ix.entries[in.entry]
	switch in.typ {
	case 1:
		return e.Aliases[in.alias]
	case 2:
		return e.WeakAliases[in.alias]
	}
	return e.Name
}

// load fills n with the analysed name in, its parts copied into buf.
func (ix *Index) load(in *indexedName, n *name, buf []part) {
	*n = name{raw: ix.rawName(in), norm: in.norm, orgish: in.flags&nameOrgish != 0, script: in.flags&nameScript != 0}
	for _, pid := range ix.nameParts[in.off : in.off+uint32(in.nparts)] {
		buf = append(buf, ix.partTab[pid])
	}
	n.parts = buf
}

// groupToken starts the vocabulary token of a synonym group with a
// multi-word variant (no normalised word starts with it).
const groupToken = "\x00"

// maxGroupDF: group tokens of more names than this are not used by queries
// ("company" is in such a group).
const maxGroupDF = 2000

// maxGroupCandidates is how many names found through synonym groups are
// scored besides the maxCandidates found through tokens.
const maxGroupCandidates = 8

// post adds name id to the posting list of token tid.
func (ix *Index) post(tid, id uint32) {
	if pl := ix.postings[tid]; len(pl) == 0 || pl[len(pl)-1] != id {
		ix.postings[tid] = append(pl, id)
		ix.df[tid]++
	}
}

// indexable parts get posting lists; stop words and legal forms do not.
func indexable(p part) bool {
	return p.kind == kindName || p.kind == kindNumber || p.kind == kindDomain || p.kind == kindSymbol || p.kind == kindPlace
}

func (ix *Index) token(t string) uint32 {
	if id, ok := ix.vocab[t]; ok {
		return id
	}
	id := uint32(len(ix.df))
	ix.vocab[t] = id
	ix.tokens = append(ix.tokens, t)
	ix.df = append(ix.df, 0)
	ix.postings = append(ix.postings, nil)
	if strings.HasPrefix(t, groupToken) {
		return id
	}
	if len(t) >= 3 {
		for _, k := range ix.deletions(t) {
			ix.delKeys[k] = append(ix.delKeys[k], id)
		}
	}
	if k := phonetic(t); len(k) >= 3 {
		ix.phon[k] = append(ix.phon[k], id)
	}
	if f := foldSpelling(t); len(f) > shortWord && f != t {
		ix.folds[f] = append(ix.folds[f], id)
	}
	return id
}

// deletions returns hashes of t and of t with one rune deleted.
func (ix *Index) deletions(t string) []uint64 {
	out := []uint64{maphash.String(ix.seed, t)}
	for i := range t {
		_, size := firstRune(t[i:])
		out = append(out, maphash.String(ix.seed, t[:i]+t[i+size:]))
	}
	return out
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// Len returns the number of entries and of indexed names (names, aliases
// and weak aliases).
func (ix *Index) Len() (entries, names int) { return len(ix.entries), len(ix.names) }

// normID normalises an identifier for exact comparison: letters and digits
// only, upper case.
func normID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	if b.Len() < 4 {
		return "" // too short to identify anything
	}
	return b.String()
}

type accumulator struct {
	score   []float32
	touched []uint32
}

// candidates returns up to maxCandidates name ids sharing rare tokens with
// the query parts, best first.
func (ix *Index) candidates(parts []part) []uint32 {
	type tokHit struct {
		id     uint32
		factor float32
	}
	var hitBuf [64]tokHit
	hits := hitBuf[:0]
	addTok := func(id uint32, f float32) {
		for i := range hits {
			if hits[i].id == id {
				return
			}
		}
		hits = append(hits, tokHit{id, f})
	}
	seen := func(id uint32) bool {
		for i := range hits {
			if hits[i].id == id {
				return true
			}
		}
		return false
	}
	var textBuf [16]string
	texts := textBuf[:0]
	var h maphash.Hash
	h.SetSeed(ix.seed)
	for _, p := range parts {
		if !indexable(p) {
			continue
		}
		t := p.text
		texts = append(texts, t)
		before := len(hits)
		if id, ok := ix.vocab[t]; ok {
			addTok(id, 1)
		}
		if len(t) >= 3 {
			tl := utf8.RuneCountInString(t)
			probe := func(k uint64) {
				for _, id := range ix.delKeys[k] {
					if seen(id) {
						continue
					}
					ct := ix.tokens[id]
					cl := utf8.RuneCountInString(ct)
					b := editBudget(max(tl, cl))
					if abs(tl-cl) <= b && strBounded(t, ct, b) <= b {
						addTok(id, 0.8)
					}
				}
			}
			probe(maphash.String(ix.seed, t))
			for i := range t {
				_, size := firstRune(t[i:])
				h.Reset()
				h.WriteString(t[:i])
				h.WriteString(t[i+size:])
				probe(h.Sum64())
			}
		}
		if f := p.fold; len(f) > shortWord {
			// Spellings of one sound: tokens of the word's spelling key,
			// and the token that is the key itself (fold.go).
			if id, ok := ix.vocab[f]; ok && f != t {
				addTok(id, 0.8)
			}
			if ids := ix.folds[f]; len(ids) <= maxPhonVariant {
				for _, id := range ids {
					addTok(id, 0.8)
				}
			}
		}
		if len(hits) == before && p.kind == kindName {
			// No token one edit away: two (del2.go).
			ix.twoEdits(t, func(id uint32) {
				if !seen(id) {
					addTok(id, 0.7)
				}
			})
		}
		if k := p.phon; len(k) >= 3 {
			if ids := ix.phon[k]; len(ids) <= maxPhonVariant {
				for _, id := range ids {
					addTok(id, 0.6)
				}
			}
		}
		// A query word that is two list words written together.
		if _, ok := ix.vocab[t]; !ok && len(t) >= 6 {
			for k := 2; k <= len(t)-2; k++ {
				a, aok := ix.vocab[t[:k]]
				b, bok := ix.vocab[t[k:]]
				if aok && bok {
					addTok(a, 0.7)
					addTok(b, 0.7)
				}
			}
		}
	}
	// Synonym groups with multi-word variants: "PLA" finds "People's
	// Liberation Army".
	// Synonym groups with multi-word variants are looked up on their own;
	// their names are added after the ranked ones (below).
	var groupBuf [8]uint32
	groups := groupBuf[:0]
	for _, g := range phraseGroups(parts) {
		if id, ok := ix.vocab[groupToken+g.group]; ok && ix.df[id] <= maxGroupDF {
			groups = append(groups, id)
		}
	}
	// Two query words that are one list word.
	var jb []byte
	for i := 0; i+1 < len(texts); i++ {
		jb = append(append(jb[:0], texts[i]...), texts[i+1]...)
		if id, ok := ix.vocab[string(jb)]; ok {
			addTok(id, 1)
		}
	}
	if len(hits) == 0 && len(groups) == 0 {
		return nil
	}
	// Rare tokens first.
	slices.SortFunc(hits, func(a, b tokHit) int { return cmp.Compare(ix.df[a.id], ix.df[b.id]) })
	acc := ix.accPool.Get().(*accumulator)
	defer func() {
		for _, n := range acc.touched {
			acc.score[n] = 0
		}
		acc.touched = acc.touched[:0]
		ix.accPool.Put(acc)
	}()
	total := float32(len(ix.names)) + 1
	read := 0
	var top float32
	for i, h := range hits {
		pl := ix.postings[h.id]
		if i > 0 && read+len(pl) > maxPostings {
			break
		}
		read += len(pl)
		w := h.factor * idf(total, float32(len(pl)))
		for _, n := range pl {
			v := acc.score[n]
			if v == 0 {
				acc.touched = append(acc.touched, n)
			}
			v += w
			acc.score[n] = v
			top = max(top, v)
		}
	}
	// Keep the best maxCandidates, dropping names that share much less
	// rare-token mass than the best: they cannot score near it.
	// Of names sharing as much, the shorter first: a query of common words
	// ("OOO Gas") is more likely the name that is little more than them.
	better := func(a, b uint32) bool {
		sa, sb := acc.score[a], acc.score[b]
		if sa != sb {
			return sa > sb
		}
		if na, nb := ix.names[a].nparts, ix.names[b].nparts; na != nb {
			return na < nb
		}
		return a < b
	}
	out := make([]uint32, 0, maxCandidates)
	for _, n := range acc.touched {
		if acc.score[n] < minShare*top {
			continue
		}
		if len(out) == maxCandidates {
			if !better(n, out[len(out)-1]) {
				continue
			}
			out = out[:len(out)-1]
		}
		i := len(out)
		out = append(out, n)
		for i > 0 && better(n, out[i-1]) {
			out[i] = out[i-1]
			i--
		}
		out[i] = n
	}
	// Names sharing a multi-word synonym group with the query ("PLA" /
	// "People's Liberation Army") share few tokens with it: add them,
	// rarest group first, up to maxGroupCandidates.
	slices.SortFunc(groups, func(a, b uint32) int { return cmp.Compare(ix.df[a], ix.df[b]) })
	added := 0
	for _, g := range groups {
		for _, n := range ix.postings[g] {
			if added == maxGroupCandidates {
				return out
			}
			if !slices.Contains(out, n) {
				out = append(out, n)
				added++
			}
		}
	}
	return out
}

func idf(total, df float32) float32 {
	return float32(math.Log2(float64(total / (df + 1))))
}
