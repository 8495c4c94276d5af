package match_test

import (
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

// TestTyposAndShortenedNames: the rules of probity-match/10 that need the
// index's word counts, each beside a pair it must still keep apart. The
// list and register are small and made up; what a rule reads from them is
// whether a query word is in any name at all (unseen), in at most one
// (rare), or in several register names (common).
func TestTyposAndShortenedNames(t *testing.T) {
	list := []string{
		"CUBAEXPORT", "FARATECH", "INTERPAL", "REVOLUTIONARY CELLS", "SANAM INDUSTRIES GROUP",
		"PARS PETROCHEMICAL SHIPPING COMPANY", "FIRST OCEAN ADMINISTRATION GMBH",
		"JOINT STOCK COMPANY COMPEL", "VECTURA TRANS DOO", "ORION OIL LLC", "MACRO TEAM LTD",
		"ISLAMIC RADIO AND TELEVISION UNION", "TAMAS COMPANY", "SALDA MANAGEMENT MARITIME AND TRADE",
		"SADA HOLDINGS", "SEVEN SEA TRADING LLC", "HANLEY LIMITED",
	}
	var entries []probity.WatchlistEntry
	for i, n := range list {
		entries = append(entries, probity.WatchlistEntry{SourceID: string(rune('a' + i)), Schema: "Organization", Name: n})
	}
	// Register names: their words are known words, not typos; Orion is
	// common among them.
	corpus := []string{"Fedratech LLC", "Interpark", "Orion Systems Inc", "Orion Health LLC", "Tamis Corporation", "Macro", "Sada Group", "Ranley Group", "Ranley Homes"}
	ix := match.NewIndexWith(entries, match.IndexOptions{Corpus: corpus})
	tests := []struct {
		query, want string // want: the list name that must be a match, "" for none
		why         string
	}{
		{"Cubaepiort", "CUBAEXPORT", "two edits in ten letters of a word no name holds"},
		{"Fedratech LLC", "", "two edits, but the word is a registered company's name"},
		{"Interpark", "", "two edits, but the word is a registered company's name"},
		{"Revoluionary Cels", "REVOLUTIONARY CELLS", "every word misspelt, each a typo"},
		{"Saanm Industries Grup", "SANAM INDUSTRIES GROUP", "a misspelt common word (Grup) is a typo"},
		{"Purs Petrochemical Shipping Cospany", "PARS PETROCHEMICAL SHIPPING COMPANY", "Shipping against Shipping Company"},
		{"Firts Ocean Administration Gmbh", "FIRST OCEAN ADMINISTRATION GMBH", "a misspelt number word"},
		{"Sevn Sea Trading LLC", "SEVEN SEA TRADING LLC", "a misspelt number word"},
		{"Joint Stocxk Company Cmopel", "JOINT STOCK COMPANY COMPEL", "a misspelt legal form is the same form"},
		{"Vectura DOO", "VECTURA TRANS DOO", "one rare word and the same legal form, a word left out"},
		{"Orion LLC", "", "one common word: a qualifier must agree"},
		{"Macro", "", "a word alone is not a shortened name"},
		{"Islamic Television Union", "ISLAMIC RADIO AND TELEVISION UNION", "the list name with one word left out"},
		{"Tamis Corporation", "", "distinctive word misspelt, legal forms only of one class"},
		{"Sada Management Maritime and Tradke", "", "the misspelt distinctive word (Sada) is another known name"},
		{"Zanley Limited", "HANLEY LIMITED", "another first letter in a word no other name has: a typo"},
		{"Ranley Limited", "", "another first letter in a word other names have: another name"},
	}
	for _, tt := range tests {
		hits, err := ix.Search(match.Query{Name: tt.query, Schema: "Organization"}, match.DefaultThreshold, 3)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(hits) > 0 {
			got = hits[0].Entry.Name
		}
		if got != tt.want {
			expl := ""
			if len(hits) > 0 {
				expl = hits[0].Explanation.String()
			}
			t.Errorf("%q (%s): top match %q, want %q %s", tt.query, tt.why, got, tt.want, expl)
		}
	}
}

// TestNameForms: reading rules that need no index.
func TestNameForms(t *testing.T) {
	tests := []struct {
		schema, a, b string
		match        bool
	}{
		{"Organization", "3%ers", "Three Percenters", true},
		{"Vessel", "aMrlin", "MARLIN", true},  // the first two letters swapped: a typo
		{"Vessel", "Sarlin", "MARLIN", false}, // another first letter: another name
		{"Organization", "PLA China", "People's Liberation Army", true},
		{"Company", "JSC Murom Instrument-Making Plant", "AO Muromskiy Priborostroitelnyy Zavod", true},
		{"Company", "JSC Murom Plant", "AO Muromets Zavod", false},
		{"Person", "Kowal Jan", "Kowalski Jan", false},
		{"Company", "Kowal Sp. z o.o.", "Kowalski Sp. z o.o.", false}, // surnames are not adjectives of each other
	}
	for _, tt := range tests {
		if r := match.Compare(tt.schema, tt.a, tt.b); r.Match != tt.match {
			t.Errorf("%s %q ~ %q: want match=%v, got %s", tt.schema, tt.a, tt.b, tt.match, r.Explanation)
		}
	}
}
