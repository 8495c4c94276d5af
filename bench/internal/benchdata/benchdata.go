// Package benchdata reads the real data the matching benchmarks under bench/
// use: the OFAC SDN list with its aliases, names of real organisations and
// people that are on no list (USAspending recipients and OCDS suppliers),
// and the names of the ICE contractor register. It reads files from
// ../shared/data (see each folder's SOURCES.md) and fails with a clear
// message when they are absent.
package benchdata

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/lists"
)

// Root returns the shared data folder or an error saying how to provide it.
func Root() (string, error) {
	d := shareddata.Find()
	if d == "" {
		return "", fmt.Errorf("shared data not found: put the shared/ folder beside the repository or set %s", shareddata.Env)
	}
	return d, nil
}

// SDN loads the OFAC SDN list of 2024-05-03 with the alternate names,
// addresses and remark spill-over of the 2025-02 files (the pairing the
// Watchman benchmark uses; rows of entries not in the 2024 list are
// ignored).
func SDN(root string) ([]probity.WatchlistEntry, error) {
	open := func(p string) (lists.Source, func(), error) {
		f, err := os.Open(filepath.Join(root, "watchlists", p))
		if err != nil {
			return lists.Source{}, nil, err
		}
		return lists.Source{Name: f.Name(), R: f}, func() { f.Close() }, nil
	}
	var files lists.OFACFiles
	for _, x := range []struct {
		p   string
		dst *lists.Source
	}{
		{"ofac-sdn-2024-05-03/sdn.csv", &files.SDN},
		{"ofac-2025-02-watchman-partial/sdn_comments.csv", &files.Comments},
		{"ofac-2025-02-watchman-partial/alt.csv", &files.Alt},
		{"ofac-2025-02-watchman-partial/add.csv", &files.Add},
	} {
		s, closer, err := open(x.p)
		if err != nil {
			return nil, err
		}
		defer closer()
		*x.dst = s
	}
	l, err := lists.ReadOFACSet(files)
	if err != nil {
		return nil, err
	}
	return l.Entries, nil
}

// UN loads the UN Security Council consolidated list of 2026-02-27 (the
// Watchman fixture): a second list, never used to tune the matcher.
func UN(root string) ([]probity.WatchlistEntry, error) {
	l, err := lists.LoadUN(filepath.Join(root, "watchlists", "un-consolidated-watchman", "UN_consolidated.xml"))
	if err != nil {
		return nil, err
	}
	return l.Entries, nil
}

// List loads the list named: "sdn" (SDN) or "un" (UN).
func List(root, name string) ([]probity.WatchlistEntry, error) {
	switch name {
	case "sdn":
		return SDN(root)
	case "un":
		return UN(root)
	}
	return nil, fmt.Errorf("list %q: want sdn or un", name)
}

// csvColumns calls fn with the named columns of every row of a CSV file
// with a header.
func csvColumns(path string, cols []string, fn func(vals []string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	idx := make([]int, len(cols))
	for i, c := range cols {
		idx[i] = slices.Index(head, c)
		if idx[i] < 0 {
			return fmt.Errorf("%s: no column %q", path, c)
		}
	}
	vals := make([]string, len(cols))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for i, j := range idx {
			vals[i] = ""
			if j < len(rec) {
				vals[i] = strings.TrimSpace(rec[j])
			}
		}
		fn(vals)
	}
}

// Register is one name of the ICE contractor register and where it comes
// from.
type Register struct {
	Name, Source string
}

// ICERegister returns the distinct recipient, parent and subawardee names
// of the ICE contractor data in ../shared/data/usaspending: the 2018 Torn
// Apart awards (recipients and hand-set parents), the Minnesota prime
// awards (recipients and parents), the ICE subawards since 2020 (primes,
// their parents, subawardees and their parents) and the CBP/ICE FY2025
// transactions (recipients). Names are deduplicated case-insensitively.
func ICERegister(root string) ([]Register, error) {
	u := filepath.Join(root, "usaspending")
	seen := map[string]bool{}
	var out []Register
	add := func(src string) func([]string) {
		return func(vals []string) {
			for _, v := range vals {
				k := strings.ToUpper(strings.Join(strings.Fields(v), " "))
				if k == "" || seen[k] {
					continue
				}
				seen[k] = true
				out = append(out, Register{Name: v, Source: src})
			}
		}
	}
	sub, _ := filepath.Glob(filepath.Join(u, "mn_ice_contracts", "all_after_2020", "Contracts_Subawards_*.csv"))
	prime, _ := filepath.Glob(filepath.Join(u, "mn_ice_contracts", "mn_all", "Contracts_PrimeAwardSummaries_*.csv"))
	if len(sub) == 0 || len(prime) == 0 {
		return nil, errors.New("ICE register: the mn_ice_contracts files are missing")
	}
	for _, x := range []struct {
		path, src string
		cols      []string
	}{
		{filepath.Join(u, "torn_apart_2018", "freezer.csv"), "torn_apart_2018", []string{"recipient_name", "parent_name"}},
		{prime[0], "mn_ice_prime", []string{"recipient_name", "recipient_parent_name"}},
		{sub[0], "ice_subawards", []string{"prime_awardee_name", "prime_awardee_parent_name", "subawardee_name", "subawardee_parent_name"}},
		{filepath.Join(u, "cbp_ice_dashboard", "CBP_ICE_FY2025_Contract_Obligations.csv"), "cbp_ice_fy2025", []string{"Recipient Name"}},
	} {
		if err := csvColumns(x.path, x.cols, add(x.src)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// OCDSSuppliers returns the distinct names of suppliers and tenderers in
// the OCDS publications of ../shared/data/ocds (every country folder; the
// schema and conformance folders are left out).
func OCDSSuppliers(root string) ([]string, error) {
	dir := filepath.Join(root, "ocds")
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.Join(strings.Fields(s), " ")
		k := strings.ToUpper(s)
		if s != "" && !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "schema-1.1" || n == "ocds-merge-conformance" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".json") && !strings.HasSuffix(p, ".jsonl") {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		dec := json.NewDecoder(f)
		for {
			var v any
			if err := dec.Decode(&v); err == io.EOF {
				return nil
			} else if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			walkSuppliers(v, add)
		}
	})
	return out, err
}

// walkSuppliers finds parties with a supplier or tenderer role and the
// members of suppliers and tenderers arrays anywhere in v.
func walkSuppliers(v any, add func(string)) {
	switch x := v.(type) {
	case map[string]any:
		// Keys in order, so that the names (and which spelling of a name
		// comes first) are the same from run to run.
		for _, k := range slices.Sorted(maps.Keys(x)) {
			c := x[k]
			switch k {
			case "parties":
				if arr, ok := c.([]any); ok {
					for _, p := range arr {
						m, _ := p.(map[string]any)
						roles, _ := m["roles"].([]any)
						for _, r := range roles {
							if r == "supplier" || r == "tenderer" {
								if n, ok := m["name"].(string); ok {
									add(n)
								}
								break
							}
						}
					}
				}
			case "suppliers", "tenderers":
				if arr, ok := c.([]any); ok {
					for _, p := range arr {
						if m, ok := p.(map[string]any); ok {
							if n, ok := m["name"].(string); ok {
								add(n)
							}
						}
					}
				}
			}
			walkSuppliers(c, add)
		}
	case []any:
		for _, c := range x {
			walkSuppliers(c, add)
		}
	}
}
