package match_test

import (
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/match"
)

// Real false positives found by screening the 2018 ICE contractor register
// (../shared/data/usaspending/torn_apart_2018/freezer.csv) against the OFAC
// SDN list of 2024-05-03 at DefaultThreshold, next to true matches that must
// survive the rules that removed them.
func TestRegisterPairs(t *testing.T) {
	tests := []struct {
		schema, query, list string
		match               bool
	}{
		// One shared word while each name has other words.
		{"Organization", "Spectrum Services", "LIMITED LIABILITY COMPANY SPECTRUM", false},
		{"Organization", "Spectrum Systems", "LIMITED LIABILITY COMPANY SPECTRUM", false},
		{"Organization", "Patriot Solutions", "PATRIOT PRIVATE MILITARY COMPANY", false},
		// Edits in short words, a different first letter.
		{"Organization", "Serco", "SEDCO", false},
		{"Organization", "Serco", "SINA ENERGY DEVELOPMENT COMPANY", false},
		{"Organization", "AT&T Mobility", "JOINT STOCK COMPANY NOBILITY", false},
		{"Organization", "Volicon", "VOLITON DMCC", false},
		{"Organization", "Spot", "SCOT", false},
		{"Organization", "Spot", "SYRIAN COMPANY FOR OIL TRANSPORT", false},
		{"Organization", "CSRA", "CIRA", false},
		{"Organization", "CSRA", "ISRA", false},
		{"Organization", "CSRA", "SRA", false},
		{"Organization", "CSRA", "CONTINUITY IRA", false},
		{"Organization", "SCI", "SCIT", false},
		{"Organization", "SAIC", "SAI", false},
		// Initialisms and generic words.
		{"Organization", "BNC Enterprises", "BNC", false},
		{"Organization", "BNC Enterprises", "BANCO NACIONAL DE CUBA", false},
		{"Organization", "SRA International", "SRA", false},
		{"Organization", "SRA International", "SANABEL RELIEF AGENCY LIMITED", false},
		{"Organization", "SAI Systems International", "SAI", false},
		{"Organization", "SAI Systems International", "SHAHID ALAMOLHODA INDUSTRIES", false},
		{"Organization", "Dev Technology Group", "TECHNOLOGY AND DEVELOPMENT GROUP LTD", false},
		{"Organization", "U.S. Bancorp", "BANCO CORPORATIVO SA", false},
		{"Organization", "Cogent Solutions", "SECONDEYE SOLUTION", false},
		// Screening the ICE contractor register (USAspending, 2018-2025)
		// against the SDN list of 2024-05-03: legal forms that agree are no
		// evidence; a distinctive word left unmatched next to generic
		// agreement.
		{"Company", "FORTRA LLC", "LLC FORTA", false},
		{"Organization", "FORTRA LLC", "LLC FORTA", false},
		{"Organization", "MASTECH DIGITAL TECHNOLOGIES, INC.", "LIMITED LIABILITY COMPANY DIGITAL TECHNOLOGIES", false},
		{"Organization", "DIGITAL RECEIVER TECHNOLOGY, INC.", "LIMITED LIABILITY COMPANY DIGITAL TECHNOLOGIES", false},
		{"Organization", "ADVANCED IT CONCEPTS, INC.", "ADVANCED INDUSTRIAL TECHNOLOGIES GMBH", false},
		// The only distinctive word misspelt, other words not as written.
		{"Organization", "ANDE CORP", "ANDA COMPANY", false},
		{"Organization", "TAMIS CORPORATION", "TAMAS COMPANY", false},
		{"Organization", "INEVENT, INC.", "LIMITED LIABILITY COMPANY INVENT", false},
		{"Organization", "EVERETT MANAGEMENT GROUP LLC", "OOO EVEREST GRUP", false},
		{"Organization", "PERATON INC.", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU PERITON INZHINIRING", false},
		{"Organization", "Peraton", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU PERITON INZHINIRING", false},
		{"Organization", "Macrosoft Corporation", "Microsoft Corporation", true},
		{"Organization", "Samsong Electronics Co., Ltd.", "Samsung Electronics Co., Ltd.", true},
		// True matches.
		{"Organization", "Mahan Air Co.", "MAHAN AIRLINES", true},
		{"Person", "Ramzan Kadyrov", "KADYROV, Ramzan Akhmatovich", true},
		{"Person", "Kim Jong Un", "KIM, Jong Un", true},
		{"Organization", "Banco Nacional de Cuba", "BANCO NACIONAL DE CUBA", true},
		{"Organization", "Rosneft", "ROSNEFT OIL COMPANY", true},
		{"Organization", "Sberbank of Russia", "SBERBANK", true},
		{"Organization", "Mahan Air", "MAHAN AIRLINES", true},
		{"Organization", "Bank Melli", "BANK MELLI IRAN", true},
		{"Organization", "Gazprom Neft", "GAZPROM NEFT PAO", true},
		{"Organization", "Hezbollah", "HIZBALLAH", true},
		{"Organization", "Siemens AG", "SIEMENS AKTIENGESELLSCHAFT", true},
		{"Organization", "Apple Inc.", "APPLE INC", true},
		{"Organization", "First International Bank", "FIRST INTERNATIONAL BANK", true},
		// A multi-word synonym (rigour's symbols table).
		{"Organization", "PLA", "People's Liberation Army", true},
	}
	for _, tt := range tests {
		t.Run(tt.query+"~"+tt.list, func(t *testing.T) {
			r := match.Compare(tt.schema, tt.query, tt.list)
			if r.Match != tt.match {
				t.Errorf("want match=%v, got %s", tt.match, r.Explanation)
			}
		})
	}
}

// TestAcronymOnly: an exact match of a short capitalised word is reported,
// capped below 1, and flagged.
func TestAcronymOnly(t *testing.T) {
	for _, tt := range []struct{ a, b string }{{"JCT", "JCT"}, {"SAIC", "SAIC"}, {"saic", "SAIC"}} {
		r := match.Compare("Organization", tt.a, tt.b)
		if !r.Match || r.Score >= 1 {
			t.Errorf("%s ~ %s: want a match below 1, got %s", tt.a, tt.b, r.Explanation)
		}
		if !hasAdjustment(r.Explanation, "acronym-only match") {
			t.Errorf("%s ~ %s: no acronym-only adjustment: %s", tt.a, tt.b, r.Explanation)
		}
	}
	// A longer word, or a person, is no acronym.
	for _, tt := range []struct{ schema, a string }{{"Organization", "ROSNEFT"}, {"Person", "KIM"}} {
		if r := match.Compare(tt.schema, tt.a, tt.a); r.Score != 1 {
			t.Errorf("%s: want 1, got %s", tt.a, r.Explanation)
		}
	}
}

func hasAdjustment(e match.Explanation, reason string) bool {
	for _, a := range e.Adjustments {
		if strings.Contains(a.Reason, reason) {
			return true
		}
	}
	return false
}

// TestRegisterSearch screens register names against entries shaped like the
// real SDN records that produced false positives (ent_num 306, 25647 and
// a person), with their weak aliases, through Index.Search.
func TestRegisterSearch(t *testing.T) {
	ix := match.NewIndex([]probity.WatchlistEntry{
		{SourceID: "306", Schema: "Organization", Name: "BANCO NACIONAL DE CUBA", WeakAliases: []string{"BNC"}},
		{SourceID: "25647", Schema: "Organization", Name: "ADVANCED TECHNOLOGIES COMPANY OF IRAN",
			Aliases: []string{"ADVANCED TECHNOLOGIES HOLDING COMPANY"}, WeakAliases: []string{"ADVANCED TECHNOLOGIES", "IATC"}},
		{SourceID: "p1", Schema: "Person", Name: "SCHNEIDER, Simon"},
		{SourceID: "o1", Schema: "Organization", Name: "SOME COMPANY", WeakAliases: []string{"BANCORP", "JCT"}},
	})
	tests := []struct {
		query, schema string
		want          string // SourceID of the expected hit, "" for none
	}{
		{"Advanced Technology Group", "Organization", ""},
		{"Advanced Defense Technologies", "Organization", ""},
		{"Advanced Technologies & Laboratories", "Organization", ""},
		{"BNC Enterprises", "Organization", ""},
		{"U.S. Bancorp", "Organization", ""},
		{"Simon Wiesenthal Center", "LegalEntity", ""},
		{"Banco Nacional de Cuba", "Organization", "306"},
		{"BNC", "Organization", "306"},
		{"Advanced Technologies Company of Iran", "Organization", "25647"},
		{"JCT", "LegalEntity", "o1"},
		{"Simon Schneider", "LegalEntity", "p1"},
	}
	for _, tt := range tests {
		hits, err := ix.Search(match.Query{Name: tt.query, Schema: tt.schema}, match.DefaultThreshold, 5)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(hits) > 0 {
			got = hits[0].Entry.SourceID
		}
		if got != tt.want || len(hits) > 1 {
			var ex []string
			for _, h := range hits {
				ex = append(ex, h.Explanation.String())
			}
			t.Errorf("%q: want hit %q, got %q: %v", tt.query, tt.want, got, ex)
		}
	}
}

// TestSearchPhraseSynonym: the index finds a name through a multi-word
// synonym, in both directions.
func TestSearchPhraseSynonym(t *testing.T) {
	entries := []probity.WatchlistEntry{
		{SourceID: "a", Schema: "Organization", Name: "PEOPLE'S LIBERATION ARMY"},
		{SourceID: "b", Schema: "Organization", Name: "PLA"},
		{SourceID: "c", Schema: "Organization", Name: "LIBERATION FRONT"},
	}
	// Other names, so that token weights are those of a list, not of three
	// names.
	for _, w := range strings.Fields("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda sigma tau omega") {
		entries = append(entries, probity.WatchlistEntry{SourceID: w, Schema: "Organization", Name: w + " trading"})
	}
	ix := match.NewIndex(entries)
	for _, tt := range []struct{ query, want string }{{"PLA", "a"}, {"People's Liberation Army", "b"}} {
		hits, err := ix.Search(match.Query{Name: tt.query, Schema: "Organization"}, match.DefaultThreshold, 5)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range hits {
			found = found || h.Entry.SourceID == tt.want
			if h.Entry.SourceID == "c" {
				t.Errorf("%q found %s", tt.query, h.Explanation)
			}
		}
		if !found {
			t.Errorf("%q: %s not found in %d hits", tt.query, tt.want, len(hits))
		}
	}
}
