package match_test

import (
	"slices"
	"testing"

	"github.com/probity/probity/match"
)

// TestPersonRules: patronymic order, contradicting initials, name affixes,
// spelling variants.
func TestPersonRules(t *testing.T) {
	tests := []struct {
		a, b  string
		match bool
	}{
		{"SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI", false},
		{"Salman bin Muhammad", "Muhammad bin Salman", false},
		{"bin Salman Mohammed", "Mohammed bin Salman", true},
		{"Mohammed bin Salman", "MOHAMMED BIN SALMAN AL SAUD", true},
		{"Hans O Friedrich", "Hans Joachim Friedrich", false},
		{"Hans J Friedrich", "Hans Joachim Friedrich", true},
		{"Hans Friedrich", "Hans Joachim Friedrich", true},
		// Shared name-forming affixes do not dilute edits in the stem.
		{"Mohammed Shamsuddin", "Mohammed Shahabuddin", false},
		{"Nazir Hamidullah", "Nazir Waliullah", false},
		{"Abdurrahman Wahid", "Abdurahman Wahid", true},
		{"Giorgi Margvelashvili", "Giorgi Margvelachvili", true},
		{"Sirajuddin Haqqani", "Sirajudin Haqani", true},
		// Transliteration spellings of one sound.
		{"Yuri Zhukov", "Iouri Joukov", true},
		{"Sergejs Lavrovs", "Sergey Viktorovich Lavrov", true},
		{"Raul Castillo", "Raul Castro", false},
		// Three edits make another name below eleven letters.
		{"Luis Monteiro", "Luis Montenegro", false},
		{"Cristiano Ronaldinho", "Cristiano Ronaldo", false},
	}
	for _, tt := range tests {
		if r := match.Compare("Person", tt.a, tt.b); r.Match != tt.match {
			t.Errorf("%q ~ %q: want match=%v, got %s", tt.a, tt.b, tt.match, r.Explanation)
		}
	}
}

// TestOrgRules: legal forms of different classes, misspelt legal forms.
func TestOrgRules(t *testing.T) {
	tests := []struct {
		a, b  string
		match bool
	}{
		{"ANO Zarya Vostoka", "LIMITED LIABILITY COMPANY ZARYA VOSTOKA", false},
		{"Zarya Vostoka", "LIMITED LIABILITY COMPANY ZARYA VOSTOKA", true},
		{"OOO Zarya Vostoka", "LIMITED LIABILITY COMPANY ZARYA VOSTOKA", true},
		// A misspelt legal form of several words is still a legal form.
		{"Volga Rassvet Joint Stock Company", "VOLGA RASSVET JOINT STOK COMPANY", true},
		// Legal forms misspelt in any word, in another order, with a word
		// left out (legal.go), and LLP compared as LLC (TOO).
		{"Limited Liability Cmpany Holding Finance", "LIMITED LIABILITY COMPANY HOLDING FINANCE", true},
		{"Era Fund Limited Liability Compay", "ERA FUND LIMITED LIABILITY COMPANY", true},
		{"Limitd Liability Company Forum", "LIMITED LIABILITY COMPANY FORUM", true},
		{"Joint Stock Admiralty Shipyards", "JOINT STOCK COMPANY ADMIRALTY SHIPYARDS", true},
		{"Liability Limited Company Arcticgeo", "LIMITED LIABILITY COMPANY ARCTICGEO", true},
		{"Rajbrook Limietd", "RAJBROOK LIMITED", true},
		{"Connect Telecom General Trading TOO", "CONNECT TELECOM GENERAL TRADING LLC", true},
		// One legal form abbreviated or shortened.
		{"Hoda Shipping CO LTD", "HODA SHIPPING COMPANY LIMITED", true},
		{"Hongyuan Marine LTD", "HONGYUAN MARINE CO LTD", true},
		// A misspelt word that is not near a legal form stays a word.
		{"Rajbrook Lumber", "RAJBROOK LIMITED", false},
		// Words left over beside the other name's legal form that are its
		// words, misspelt or split from it, are that legal form.
		{"Rajbrook Limitted", "RAJBROOK LIMITED", true},
		{"Metalform Gbh", "METALFORM GMBH", true},
		{"Closed Jint Stock Compny Vologda Bearing", "CLOSED JOINT STOCK COMPANY VOLOGDA BEARING", true},
		{"Kontur Trade Dmcc", "KONTUR TRADE DMCC", true},
		{"Kontur Trade Mdcc", "KONTUR TRADE DMCC", true},
		// The same legal form misspelt is no other word differing.
		{"Hatkaew Compayn Ltd.", "HATKAEW COMPANY LTD.", true},
		// A legal form written half in full, half abbreviated.
		{"Morexpress, Sociedad Anonima de C.V.", "MOREXPRESS, S.A. DE C.V.", true},
		// Spellings of one sound in other names too; keys must be equal.
		{"Yaghooob Shipping", "YAGHOUB SHIPPING", true},
		// A phrase that aligned takes the rest of its words, misspelt or
		// in another order.
		{"Dubai Trading Compay", "DUBAI TRADING COMPANY", true},
		{"First Investment Islamic Bank Limited", "FIRST ISLAMIC INVESTMENT BANK LIMITED", true},
		// A name of common words and a legal form only, every word agreeing.
		{"OOO Fam Kholding", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU FAM KHOLDING", true},
		// Two legal forms of the same words, one misspelt.
		{"Etco International Company, Limitd", "ETCO INTERNATIONAL COMPANY, LIMITED", true},
		// Two typos in a long word; two in a word of nine letters make
		// another word.
		{"Tansserice LLC", "TRANSSERVICE LLC", true},
		{"Fedratech LLC", "FARATECH LLC", false},
		// A word of three letters is no misspelt legal form.
		{"EAS Systems Inc", "BM SYSTEMS EAD", false},
		// One word of a legal form of three is not that form.
		{"Wagner Equipment Co", "PRIVATE MILITARY COMPANY WAGNER", false},
		// Company forms of different classes, or a company form and a word
		// for a company, are one kind of qualifier when all else agrees
		// (legalkind.go); forms of another kind stay a difference, and so
		// do company forms next to other differences.
		{"SoftBank Co Ltd", "SoftBank Corp.", true},
		{"ソフトバンク株式会社", "SoftBank Corp.", true},
		{"SoftBank Inc", "SOFTBANK AG", true},
		{"Gazprom OAO", "GAZPROM CORPORATION", true},
		{"SoftBank LLC", "SOFTBANK STIFTUNG", false},
		{"SoftBank Co Ltd", "SOFTBANK FOUNDATION", false},
		{"SoftBank LLC", "SOFTBANK LP", false},
		{"SoftBank Corp", "SOFTBANK FUND LTD", false},
		{"Leverage Enterprises Inc", "LEVERAGE, S.A.", false},
		{"Tetra Tech, Inc.", "JOINT STOCK COMPANY TERRA TECH", false},
	}
	for _, tt := range tests {
		if r := match.Compare("Company", tt.a, tt.b); r.Match != tt.match {
			t.Errorf("%q ~ %q: want match=%v, got %s", tt.a, tt.b, tt.match, r.Explanation)
		}
	}
}

// TestLegalKindExplained: the explanation says why two legal forms of one
// kind agree, and why forms of different kinds do not.
func TestLegalKindExplained(t *testing.T) {
	tests := []struct {
		a, b   string
		pair   string // How of the aligned legal forms; "" if they must stay unaligned
		reason string // an adjustment that must be made; "" if none
	}{
		{"SoftBank Co Ltd", "SoftBank Corp.", "legal form and a word for a company", ""},
		{"SoftBank Inc", "SOFTBANK AG", "legal forms of one kind (company), different classes", ""},
		{"SoftBank GmbH", "SOFTBANK STIFTUNG", "", "legal forms differ"},
		{"SoftBank Co Ltd", "SOFTBANK FOUNDATION", "", "one shared word; both names have other words"},
	}
	for _, tt := range tests {
		e := match.Compare("Company", tt.a, tt.b).Explanation
		var how string
		unmatched := 0
		for _, pm := range e.Alignment {
			switch {
			case pm.Kind == "legal_form" && pm.Query != "" && pm.Candidate != "":
				how = pm.How
			case pm.Query == "" || pm.Candidate == "":
				unmatched++
			}
		}
		if how != tt.pair {
			t.Errorf("%q ~ %q: legal forms aligned as %q, want %q: %s", tt.a, tt.b, how, tt.pair, e)
		}
		if tt.pair != "" && (unmatched > 0 || len(e.Adjustments) > 0) {
			t.Errorf("%q ~ %q: forms of one kind should leave nothing unmatched and adjust nothing: %s", tt.a, tt.b, e)
		}
		if tt.reason != "" && !slices.ContainsFunc(e.Adjustments, func(a match.Adjustment) bool { return a.Reason == tt.reason }) {
			t.Errorf("%q ~ %q: want adjustment %q: %s", tt.a, tt.b, tt.reason, e)
		}
	}
}
