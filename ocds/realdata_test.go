package ocds_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/ocds"
)

// readAll reads every file under dir (or the file dir) and returns the
// releases and the reader's stats, summed.
func readAll(t testing.TB, path string) ([]probity.Release, ocds.Stats) {
	t.Helper()
	var files []string
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			files = append(files, filepath.Join(path, e.Name()))
		}
		sort.Strings(files)
	} else {
		files = []string{path}
	}
	var rels []probity.Release
	var total ocds.Stats
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		var rd ocds.Reader
		err = rd.Read(context.Background(), fh, f, func(r probity.Release) error {
			rels = append(rels, r)
			return nil
		})
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		total.Releases += rd.Stats.Releases
		total.LinkedReleases += rd.Stats.LinkedReleases
		total.Records += rd.Stats.Records
		total.Packages += rd.Stats.Packages
		total.Reconstructed += rd.Stats.Reconstructed
		total.CompiledOnly += rd.Stats.CompiledOnly
	}
	return rels, total
}

func TestRealData(t *testing.T) {
	root := shareddata.Dir(t, "ocds")
	tests := []struct {
		path              string
		releases, ocids   int
		records, packages int
		version           string
		multiRelease      int // ocids with more than one release
		duplicateIDs      int // (ocid, id) pairs seen more than once
		sourceHasLine     bool
		v11               int // releases read as OCDS 1.1
		sameDate          int // (ocid, id, date) triples seen more than once
	}{
		{"paraguay-dncp/releases", 70, 12, 0, 0, "", 11, 20, true, 47, 0},
		{"mexico-cdmx/releases", 20, 8, 0, 0, "", 8, 0, true, -1, 0},
		{"mexico-cdmx/records", 12, 4, 4, 0, "", 4, 0, false, -1, 0},
		{"mexico-gacm/releases", 312, 292, 0, 0, "", 10, 10, true, -1, 10},
		{"mexico-gacm/gacm-releases.jsonl", 312, 292, 0, 0, "", 10, 10, true, -1, 10},
		{"mexico-gacm/records", 10, 10, 10, 0, "", 0, 0, false, -1, 0},
		{"uk-contracts-finder/releases", 21, 11, 0, 0, "", 10, 10, true, -1, 10},
		{"uk-contracts-finder/records", 11, 11, 11, 0, "", 0, 0, false, -1, 0},
		{"ukraine-prozorro/records", 11, 11, 11, 0, "", 0, 0, false, -1, 0},
		{"nigeria-bpp/records", 11, 11, 11, 0, "", 0, 0, false, -1, 0},
		{"moldova-mtender/records", 51, 51, 51, 0, "", 0, 0, false, -1, 0},
		{"armenia-armeps/release-packages", 900, 900, 0, 9, "1.1", 0, 0, false, -1, 0},
		{"armenia-armeps/armenia-releases.jsonl", 900, 900, 0, 0, "", 0, 0, true, -1, 0},
		{"colombia-cce/2021-03-03.json", 100, 100, 0, 1, "1.1", 0, 0, false, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rels, stats := readAll(t, filepath.Join(root, tt.path))
			if len(rels) != tt.releases || stats.Releases != tt.releases {
				t.Errorf("releases = %d (stats %d), want %d", len(rels), stats.Releases, tt.releases)
			}
			perOCID := map[string]int{}
			triples := map[[3]string]int{}
			v11 := 0
			pairs := map[[2]string]int{}
			for _, r := range rels {
				perOCID[r.OCID]++
				pairs[[2]string{r.OCID, r.ID}]++
				triples[[3]string{r.OCID, r.ID, r.Date}]++
				if r.Version == "1.1" {
					v11++
				}
				if r.OCID == "" || r.ID == "" || r.Date == "" || len(r.Raw) == 0 {
					t.Fatalf("incomplete release %+v", r)
				}
				if tt.version != "" && r.Version != tt.version {
					t.Fatalf("%s: version %q, want %q", r.Source, r.Version, tt.version)
				}
				if strings.Contains(r.Source, ":") != tt.sourceHasLine {
					t.Fatalf("source %q: want a line number = %v", r.Source, tt.sourceHasLine)
				}
			}
			if len(perOCID) != tt.ocids {
				t.Errorf("ocids = %d, want %d", len(perOCID), tt.ocids)
			}
			multi := 0
			for _, n := range perOCID {
				if n > 1 {
					multi++
				}
			}
			if multi != tt.multiRelease {
				t.Errorf("ocids with >1 release = %d, want %d", multi, tt.multiRelease)
			}
			dups := 0
			for _, n := range pairs {
				if n > 1 {
					dups++
				}
			}
			if dups != tt.duplicateIDs {
				t.Errorf("duplicate (ocid, id) = %d, want %d", dups, tt.duplicateIDs)
			}
			same := 0
			for _, n := range triples {
				if n > 1 {
					same++
				}
			}
			if same != tt.sameDate {
				t.Errorf("duplicate (ocid, id, date) = %d, want %d", same, tt.sameDate)
			}
			if tt.v11 >= 0 && v11 != tt.v11 {
				t.Errorf("1.1 releases = %d, want %d", v11, tt.v11)
			}
			if stats.Records != tt.records || stats.Packages != tt.packages {
				t.Errorf("records, packages = %d, %d; want %d, %d", stats.Records, stats.Packages, tt.records, tt.packages)
			}
		})
	}
}
