package match_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/match"
)

// minPutinPairs is (about 20 below) the number of ordered pairs of rigour's 80 spellings of
// one name (in many scripts) that match at DefaultThreshold, as measured
// when the matcher was last tuned. Spellings in scripts without a
// transliteration table (Chinese, Khmer, Kannada, Myanmar…) and bare
// "President Putin" forms account for the pairs that do not match.
const minPutinPairs = 3550

func TestPutinNames(t *testing.T) {
	dir := shareddata.Dir(t, "matching", "reference")
	f, err := os.Open(filepath.Join(dir, "rigour_putin_names.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			names = append(names, s)
		}
	}
	total, matched := 0, 0
	worst := map[string]int{}
	for i, a := range names {
		for j, b := range names {
			if i == j {
				continue
			}
			total++
			if match.Compare("Person", a, b).Match {
				matched++
			} else {
				worst[a]++
			}
		}
	}
	t.Logf("%d of %d ordered pairs match (%.1f%%)", matched, total, 100*float64(matched)/float64(total))
	for n, c := range worst {
		if c > len(names)/2 {
			t.Logf("  %q fails against %d others", n, c)
		}
	}
	if matched < minPutinPairs {
		t.Errorf("%d pairs match, want at least %d", matched, minPutinPairs)
	}
}
