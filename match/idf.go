package match

import (
	"math"

	"github.com/probity/probity"
)

// Word weights from the names the system holds. An organisation word that
// many names share ("Digital", "Phoenix", "Spectrum") says less about which
// body a name means than a rare one ("Arcticgeo", "Rosneft"). The index
// counts, for every name word, the list entries and the register names
// (IndexOptions.Corpus: the counterparties the system holds) that contain
// it, and weighs organisation name words by their inverse document
// frequency (idfWeight). The counts are part of the index snapshot, so
// that a search is scored with the weights of the lists and register it
// was built from. Compare, which has no index, weighs every name word
// fully.
//
// A word in commonDF or more of the register's names is common in business
// names: two organisation names that agree on one common word and nothing
// else distinctive need a qualifier (country, identifier, address) to match (see
// scoreNames and qualify). Only the register counts here: a word in many
// list entries names a family of listed bodies ("Cubanacan", "Melli"),
// which is no reason to hold a match back.

const (
	fullDF       = 3   // a word in at most this many names weighs fully
	minIDFWeight = 0.4 // the least weight of a name word
	commonDF     = 2   // a word in this many register names or more is common (a name screened is one of them)
)

// IndexOptions tunes NewIndexWith.
type IndexOptions struct {
	// Corpus holds the register's names (suppliers, recipients, parents):
	// their words count in the word weights. They are not searched.
	Corpus []string
}

// NewIndexWith builds an index over entries, with the word weights of the
// entries and of opt.Corpus.
func NewIndexWith(entries []probity.WatchlistEntry, opt IndexOptions) *Index {
	ix := newIndex(entries)
	ix.corpusDF = map[string]uint32{}
	for _, raw := range opt.Corpus {
		parts := analyse(classOrg, raw).parts
		ix.countWords(parts, nil)
		for i := range parts {
			if parts[i].kind == kindName && !dup(parts[:i], parts[i].text) {
				ix.corpusDF[parts[i].text]++
			}
		}
		ix.docs++
	}
	ix.finishWeights()
	return ix
}

// countWords counts the name words of parts once per document; seen (if
// not nil) holds the words the document already counted.
func (ix *Index) countWords(parts []part, seen map[string]bool) {
	for i := range parts {
		p := &parts[i]
		if p.kind != kindName {
			continue
		}
		if seen != nil {
			if seen[p.text] {
				continue
			}
			seen[p.text] = true
		} else if dup(parts[:i], p.text) {
			continue
		}
		ix.wordDF[p.text]++
	}
}

func dup(ps []part, text string) bool {
	for i := range ps {
		if ps[i].kind == kindName && ps[i].text == text {
			return true
		}
	}
	return false
}

// finishWeights sets the weight of every list-name part from the counts.
func (ix *Index) finishWeights() {
	ix.refIDF = math.Log(float64(ix.docs+1) / (fullDF + 1))
	for i := range ix.partTab {
		ix.weighPart(&ix.partTab[i])
	}
}

// weigh sets the word weights of a query's parts.
func (ix *Index) weigh(parts []part) {
	if ix.refIDF <= 0 {
		return
	}
	for i := range parts {
		ix.weighPart(&parts[i])
	}
}

func (ix *Index) weighPart(p *part) {
	if p.kind != kindName {
		return
	}
	df := ix.wordDF[p.text]
	p.iw = float32(idfWeight(ix.docs, df, ix.refIDF))
	p.common = ix.corpusDF[p.text] >= commonDF
	p.rare = df <= 1
	p.unseen = df == 0
}

// idfWeight is the weight of a word in df of docs names: its inverse
// document frequency relative to that of a word in fullDF names, between
// minIDFWeight and 1.
func idfWeight(docs int, df uint32, ref float64) float64 {
	if ref <= 0 {
		return 1
	}
	w := math.Log(float64(docs+1)/float64(df+1)) / ref
	return min(1, max(minIDFWeight, w))
}
