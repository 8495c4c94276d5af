package lists_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/lists"
)

func entryByID(t *testing.T, l *lists.Load, id string) probity.WatchlistEntry {
	t.Helper()
	for _, e := range l.Entries {
		if e.SourceID == id {
			return e
		}
	}
	t.Fatalf("no entry with source id %s", id)
	return probity.WatchlistEntry{}
}

func TestLoadOFAC2024(t *testing.T) {
	dir := shareddata.Dir(t, "watchlists", "ofac-sdn-2024-05-03")
	l, err := lists.LoadOFAC(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Facts from ../shared/data/watchlists/SOURCES.md: 14,965 rows, 694 with GLOMAG.
	if got := len(l.Entries); got != 14965 {
		t.Errorf("entries = %d, want 14965", got)
	}
	if l.Version.Entries != len(l.Entries) {
		t.Errorf("Version.Entries = %d, want %d", l.Version.Entries, len(l.Entries))
	}
	glomag := 0
	for _, e := range l.Entries {
		if slices.Contains(e.Programs, "GLOMAG") {
			glomag++
		}
		for _, p := range e.Programs {
			if p == "" || strings.ContainsAny(p, "[]") || p != strings.TrimSpace(p) {
				t.Fatalf("entry %s: malformed program %q in %q", e.SourceID, p, e.Programs)
			}
		}
	}
	if glomag != 694 {
		t.Errorf("GLOMAG entries = %d, want 694", glomag)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "sdn.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	if want := hex.EncodeToString(sum[:]); l.Version.Hash != want {
		t.Errorf("hash = %s, want sha256(sdn.csv) = %s", l.Version.Hash, want)
	}
	if l.Version.List != "us_ofac_sdn" || l.Version.SourceDate != "" {
		t.Errorf("version = %+v, want list us_ofac_sdn and no source date", l.Version)
	}

	// A GLOMAG individual (row 7513 of the file).
	e := entryByID(t, l, "7513")
	checks := []struct {
		what string
		ok   bool
	}{
		{"name as given", e.Name == "MNANGAGWA, Emmerson Dambudzo"},
		{"schema", e.Schema == "Person"},
		{"programs", slices.Equal(e.Programs, []string{"GLOMAG"})},
		{"birth dates", slices.Equal(e.BirthDates, []string{"1946-09-15", "1942-09-15"})},
		{"countries", slices.Equal(e.Countries, []string{"ZW"})},
		{"weak alias", slices.Equal(e.WeakAliases, []string{"CROCODILE"})},
		{"passport", slices.Contains(e.Identifiers, probity.Identifier{Scheme: "passportNumber", ID: "AD005831"})},
		{"alt passport", slices.Contains(e.Identifiers, probity.Identifier{Scheme: "passportNumber", ID: "AD006846"})},
		{"national id", slices.Contains(e.Identifiers, probity.Identifier{Scheme: "idNumber", ID: "63450183P67"})},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("entry 7513: %s wrong: %+v", c.what, e)
		}
	}
	// Several programmes in one cell: "SDGT] [IRGC] [IFSR" style.
	multi := 0
	for _, e := range l.Entries {
		if len(e.Programs) > 1 {
			multi++
		}
	}
	if multi == 0 {
		t.Error("no entry has more than one program")
	}
	// Schemas from SDN_Type: every one of the four kinds occurs.
	kinds := map[string]int{}
	for _, e := range l.Entries {
		kinds[e.Schema]++
	}
	for _, k := range []string{"Person", "Organization", "Vessel", "Airplane"} {
		if kinds[k] == 0 {
			t.Errorf("no %s entries: %v", k, kinds)
		}
	}
}

func TestLoadOFAC2021Set(t *testing.T) {
	dir := shareddata.Dir(t, "watchlists", "ofac-2021-07-watchman-bench")
	l, err := lists.LoadOFAC(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(l.Entries); got != 8976 { // SOURCES.md: 8,976 SDN rows
		t.Errorf("entries = %d, want 8976", got)
	}
	// alt.csv has 11,910 rows, all for ent_nums in sdn.csv and none marked
	// weak; 11,904 distinct (ent_num, name) pairs differ from the entry's
	// primary name (counted from the file).
	aliases, weak := 0, 0
	for _, e := range l.Entries {
		aliases += len(e.Aliases)
		weak += len(e.WeakAliases)
	}
	if aliases != 11904 {
		t.Errorf("aliases from alt.csv = %d, want 11904", aliases)
	}
	if weak == 0 {
		t.Error("no weak aliases parsed from the remarks")
	}
	// add.csv gives countries: entry 306 (BANCO NACIONAL DE CUBA) has
	// addresses in Switzerland, Spain, Japan and Panama.
	e := entryByID(t, l, "306")
	if !slices.Equal(e.Aliases, []string{"NATIONAL BANK OF CUBA"}) || !slices.Equal(e.WeakAliases, []string{"BNC"}) {
		t.Errorf("entry 306 aliases = %q weak %q", e.Aliases, e.WeakAliases)
	}
	for _, c := range []string{"CH", "ES", "JP"} {
		if !slices.Contains(e.Countries, c) {
			t.Errorf("entry 306 countries %q lack %s", e.Countries, c)
		}
	}
	// …and addresses, as written, OFAC's "-0-" left out.
	if !slices.Contains(e.Addresses, "Zweierstrasse 35, Zurich CH-8022, Switzerland") {
		t.Errorf("entry 306 addresses = %q", e.Addresses)
	}
	if e := entryByID(t, l, "36"); !slices.Equal(e.Addresses, []string{"Havana, Cuba"}) {
		t.Errorf("entry 36 addresses = %q, want [Havana, Cuba]", e.Addresses)
	}
	// sdn_comments.csv continues the remarks mid-word: 28263's weak alias
	// 'snowsjo' + 'hn' = 'snowsjohn'.
	e = entryByID(t, l, "28263")
	if !slices.Contains(e.WeakAliases, "snowsjohn") || !strings.HasSuffix(e.Remarks, "Linked To: LAZARUS GROUP.") {
		t.Errorf("spill-over not appended: weak %q remarks …%q", e.WeakAliases, e.Remarks[max(0, len(e.Remarks)-60):])
	}
}

func TestLoadOFACOrphans(t *testing.T) {
	// The 2025 alt/add/comments files beside the 2024 sdn.csv, as Watchman
	// uses them: rows for newer ent_nums are ignored and counted.
	sdnDir := shareddata.Dir(t, "watchlists", "ofac-sdn-2024-05-03")
	newer := shareddata.Dir(t, "watchlists", "ofac-2025-02-watchman-partial")
	open := func(dir, name string) lists.Source {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return lists.Source{Name: name, R: f}
	}
	l, err := lists.ReadOFACSet(lists.OFACFiles{
		SDN: open(sdnDir, "sdn.csv"), Alt: open(newer, "alt.csv"),
		Add: open(newer, "add.csv"), Comments: open(newer, "sdn_comments.csv"),
	})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range l.Warnings {
		if strings.HasPrefix(w, "alt.csv: ") && strings.Contains(w, "not in sdn.csv") {
			found = true
		}
	}
	if !found {
		t.Errorf("no orphan warning for alt.csv in %q", l.Warnings)
	}
}

func TestReadOFACErrors(t *testing.T) {
	row := `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n"
	tests := []struct {
		name  string
		in    string
		line  int
		field string
	}{
		{"truncated quote", row + `37,"UNFINISHED`, 2, ""},
		{"too few columns", row + `37,"X",-0- ,"CUBA"` + "\r\n", 2, "Title"},
		{"too many columns", row + strings.TrimSuffix(row, "\r\n") + ",extra\r\n", 2, ""},
		{"bad ent_num", strings.Replace(row, "36,", "x6,", 1), 1, "ent_num"},
		{"duplicate ent_num", row + row, 2, "ent_num"},
		{"unknown type", strings.Replace(row, `-0- ,"CUBA"`, `"robot","CUBA"`, 1), 1, "SDN_Type"},
		{"empty name", strings.Replace(row, `"AEROCARIBBEAN AIRLINES"`, `""`, 1), 1, "SDN_Name"},
		{"data after 0x1A", row + "\x1a\r\n" + strings.Replace(row, "36,", "37,", 1), 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lists.ReadOFAC(strings.NewReader(tt.in), "sdn.csv")
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *probity.InputError", err)
			}
			if ie.File != "sdn.csv" || ie.Line != tt.line || ie.Field != tt.field {
				t.Errorf("error at %s:%d field %q (%v), want line %d field %q", ie.File, ie.Line, ie.Field, err, tt.line, tt.field)
			}
		})
	}
}

func TestReadOFACEOFByte(t *testing.T) {
	in := `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n\x1a"
	l, err := lists.ReadOFAC(strings.NewReader(in), "sdn.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries) != 1 || l.Entries[0].Schema != "Organization" || l.Entries[0].Programs[0] != "CUBA" {
		t.Errorf("entries = %+v", l.Entries)
	}
}
