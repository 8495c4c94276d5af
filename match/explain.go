package match

import (
	"fmt"
	"strings"
)

// Explanation says how a score came about. It is stored with screening
// results and shown to reviewers, so every field is plain data.
type Explanation struct {
	Query         string       `json:"query"`               // the query name as given
	Candidate     string       `json:"candidate"`           // the list name or alias as given
	NameType      string       `json:"name_type,omitempty"` // "name", "alias" or "weak_alias" (index searches only)
	Logic         string       `json:"logic"`               // "person", "organization", "object" or "entity"
	QueryNorm     string       `json:"query_norm"`          // normalised query
	CandidateNorm string       `json:"candidate_norm"`      // normalised candidate
	Alignment     []PartMatch  `json:"alignment"`           // query part ↔ candidate part; unmatched parts have one side empty
	Adjustments   []Adjustment `json:"adjustments,omitempty"`
	NameScore     float64      `json:"name_score"` // score of the names alone, before qualifiers
	Score         float64      `json:"score"`      // final score
	// NeedsQualifier: the names agree on one common word only (idf.go);
	// the pair is a match only when a qualifier agrees (country,
	// identifier), which lifts the name score back to what the words gave.
	NeedsQualifier bool `json:"needs_qualifier,omitempty"`
	// Romanisation: how names written in another script were romanised,
	// part by part, with the rule and other usual spellings (script.go).
	Romanisation *Romanisation `json:"romanised,omitempty"`

	quiet    bool    // scoring only: adjust records nothing
	uncapped float64 // with NeedsQualifier: the name score before the cap
}

// PartMatch is one line of the alignment.
type PartMatch struct {
	Query      string  `json:"query,omitempty"`
	Candidate  string  `json:"candidate,omitempty"`
	Kind       string  `json:"kind"`       // name, initial, number, stopword, legal_form, common_word, domain_word
	How        string  `json:"how"`        // exact, synonym, initial, edit distance N, phonetic, joined, unmatched
	Similarity float64 `json:"similarity"` // 0..1
	Weight     float64 `json:"weight"`     // weight of this line in the name score
}

// Adjustment is one penalty or qualifier applied to the score.
type Adjustment struct {
	Reason string  `json:"reason"`
	Before float64 `json:"before"`
	After  float64 `json:"after"`
}

// String renders the explanation on one line, e.g.
//
//	0.867 person "Tom Cook" ~ "Tim Cook": tom~tim 0.67 (edit distance 1), cook=cook 1.00 (exact)
func (e Explanation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.3f %s %q ~ %q", e.Score, e.Logic, e.Query, e.Candidate)
	if e.NameType != "" && e.NameType != "name" {
		fmt.Fprintf(&b, " (%s)", e.NameType)
	}
	b.WriteString(":")
	for i, p := range e.Alignment {
		if i > 0 {
			b.WriteString(",")
		}
		switch {
		case p.Query == "":
			fmt.Fprintf(&b, " +%s (candidate only)", p.Candidate)
		case p.Candidate == "":
			fmt.Fprintf(&b, " +%s (query only)", p.Query)
		default:
			sep := "~"
			if p.How == "exact" {
				sep = "="
			}
			fmt.Fprintf(&b, " %s%s%s %.2f (%s)", p.Query, sep, p.Candidate, p.Similarity, p.How)
		}
	}
	for _, a := range e.Adjustments {
		fmt.Fprintf(&b, "; %s: %.3f→%.3f", a.Reason, a.Before, a.After)
	}
	if e.Romanisation != nil {
		e.Romanisation.summary(&b)
	}
	return b.String()
}

func (e *Explanation) adjust(reason string, before, after float64) float64 {
	if e.quiet {
		return after
	}
	e.Adjustments = append(e.Adjustments, Adjustment{Reason: reason, Before: round3(before), After: round3(after)})
	return after
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
