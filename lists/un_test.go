package lists_test

import (
	"errors"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/lists"
)

func TestLoadUN(t *testing.T) {
	path := shareddata.Dir(t, "watchlists", "un-consolidated-watchman", "UN_consolidated.xml")
	l, err := lists.LoadUN(path)
	if err != nil {
		t.Fatal(err)
	}
	// Count the records in the file independently of the decoder.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wantInd := len(regexp.MustCompile(`<INDIVIDUAL>`).FindAll(raw, -1))
	wantEnt := len(regexp.MustCompile(`<ENTITY>`).FindAll(raw, -1))
	var gotInd, gotEnt int
	for _, e := range l.Entries {
		switch e.Schema {
		case "Person":
			gotInd++
		case "Organization":
			gotEnt++
		default:
			t.Errorf("entry %s: schema %s", e.SourceID, e.Schema)
		}
	}
	if gotInd != wantInd || gotEnt != wantEnt || wantInd == 0 || wantEnt == 0 {
		t.Errorf("individuals %d entities %d, want %d and %d", gotInd, gotEnt, wantInd, wantEnt)
	}
	if l.Version.SourceDate != "2026-02-27" || l.Version.List != "un_sc" || l.Version.Entries != wantInd+wantEnt {
		t.Errorf("version = %+v", l.Version)
	}

	e := entryByID(t, l, "CDi.002")
	if e.Name != "FRANK KAKOLELE BWAMBALE" || !slices.Equal(e.Programs, []string{"DRC"}) ||
		!slices.Contains(e.Aliases, "AIGLE BLANC") || !slices.Equal(e.Countries, []string{"CD"}) {
		t.Errorf("CDi.002 = %+v", e)
	}
	e = entryByID(t, l, "CDi.001")
	if !slices.Equal(e.BirthDates, []string{"1971"}) || !slices.Equal(e.Countries, []string{"CD", "RW"}) {
		t.Errorf("CDi.001 = %+v", e)
	}
	// Addresses: the parts given, in order.
	if e := entryByID(t, l, "CDe.002"); !slices.Equal(e.Addresses, []string{"Butembo, Democratic Republic of the Congo"}) {
		t.Errorf("CDe.002 addresses = %q", e.Addresses)
	}
	// QUALITY Low aliases are weak; Good, a.k.a. and empty are strong.
	weak, strong := 0, 0
	for _, e := range l.Entries {
		weak += len(e.WeakAliases)
		strong += len(e.Aliases)
	}
	if weak == 0 || strong == 0 {
		t.Errorf("weak aliases %d, strong %d", weak, strong)
	}
	passports := 0
	for _, e := range l.Entries {
		for _, id := range e.Identifiers {
			if id.Scheme == "passportNumber" {
				passports++
			}
		}
	}
	if passports == 0 {
		t.Error("no passport numbers read from INDIVIDUAL_DOCUMENT")
	}
}

func TestReadUNBetweenYears(t *testing.T) {
	in := `<CONSOLIDATED_LIST dateGenerated="2024-01-02T03:04:05Z"><INDIVIDUALS><INDIVIDUAL>
<FIRST_NAME>A</FIRST_NAME><SECOND_NAME>B</SECOND_NAME><THIRD_NAME> C </THIRD_NAME><UN_LIST_TYPE>Taliban</UN_LIST_TYPE>
<REFERENCE_NUMBER>TAi.1</REFERENCE_NUMBER>
<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu X</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Y Z</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1961-05-04</DATE></INDIVIDUAL_DATE_OF_BIRTH>
<NATIONALITY><VALUE>Afghanistan</VALUE></NATIONALITY>
<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER> OR123 </NUMBER></INDIVIDUAL_DOCUMENT>
</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`
	l, err := lists.ReadUN(strings.NewReader(in), "un.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := probity.WatchlistEntry{
		List: "un_sc", SourceID: "TAi.1", Schema: "Person", Name: "A B C",
		Aliases: []string{"Y Z"}, WeakAliases: []string{"Abu X"}, Programs: []string{"Taliban"},
		Countries: []string{"AF"}, BirthDates: []string{"1960", "1961", "1962", "1961-05-04"},
		Identifiers: []probity.Identifier{{Scheme: "passportNumber", ID: "OR123"}},
	}
	if len(l.Entries) != 1 || !equalEntry(l.Entries[0], want) {
		t.Errorf("got %+v\nwant %+v", l.Entries, want)
	}
	if l.Version.SourceDate != "2024-01-02" {
		t.Errorf("source date %q", l.Version.SourceDate)
	}
}

func TestReadUNErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		field    string
	}{
		{"invalid XML", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>x</FIRST</INDIVIDUAL>", 3, ""},
		{"truncated", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>x", 3, ""},
		{"not the UN list", "<rss><channel/></rss>", 0, "CONSOLIDATED_LIST"},
		{"empty", "", 0, "CONSOLIDATED_LIST"},
		{"no reference", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>x</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>", 3, "INDIVIDUAL/REFERENCE_NUMBER"},
		{"no name", "<CONSOLIDATED_LIST>\n<ENTITIES>\n<ENTITY><REFERENCE_NUMBER>x</REFERENCE_NUMBER></ENTITY></ENTITIES></CONSOLIDATED_LIST>", 3, "ENTITY/FIRST_NAME"},
		{"bad date", `<CONSOLIDATED_LIST dateGenerated="yesterday"></CONSOLIDATED_LIST>`, 1, "CONSOLIDATED_LIST/@dateGenerated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lists.ReadUN(strings.NewReader(tt.in), "un.xml")
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *probity.InputError", err)
			}
			if ie.File != "un.xml" || ie.Line != tt.line || ie.Field != tt.field {
				t.Errorf("error %v: line %d field %q, want line %d field %q", err, ie.Line, ie.Field, tt.line, tt.field)
			}
		})
	}
}
