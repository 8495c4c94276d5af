package match

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The rigour tables (MIT, see data/ATTRIBUTION.md) are embedded and parsed
// once, on first use.
//
//go:embed data/org_types.yml data/stopwords.yml data/symbols.yml
var dataFS embed.FS

// legalForm is one organisation type ("Aktiengesellschaft" → AG).
type legalForm struct {
	Display string // display form, e.g. "AG"
	Generic string // generic class, e.g. "JSC"; may be empty
	Compare string // comparison key: the normalised compare or display form
}

// tables holds the parsed reference data, keyed by normalised text.
type tables struct {
	legal        map[string]*legalForm // normalised alias (tokens joined by " ") → form
	legalMaxLen  int                   // longest alias, in tokens
	fuzzy        legalFuzzy            // legal forms misspelt, reordered or shortened (legal.go)
	prefixes     map[string]bool       // person-name prefixes (Mr, President…)
	prefixMaxLen int
	orgSymbol    map[string][]string // token → synonym groups, common org words (company, group, trading)
	orgDomain    map[string][]string // token → synonym groups, domain words (bank, house)
	personGroup  map[string][]string // token → synonym groups, person names and nicknames
	// Multi-word variants of organisation symbols and domain words
	// ("people's liberation army" → pla, "special design bureau" → skb),
	// normalised tokens joined by " ".
	orgPhrase       map[string]phrase
	orgPhraseMaxLen int
	phraseGroup     map[string]bool // groups that have a multi-word variant
	phraseFirst     map[string]bool // first words of the multi-word variants
}

// phrase is a multi-word synonym: the kind of part it makes and its groups.
type phrase struct {
	kind   partKind
	groups []string
}

var loadTables = sync.OnceValue(func() *tables {
	t, err := parseTables()
	if err != nil {
		// The tables are embedded and tested; a failure here is a build bug.
		panic(fmt.Sprintf("match: embedded tables: %v", err))
	}
	return t
})

func parseTables() (*tables, error) {
	t := &tables{
		legal:       map[string]*legalForm{},
		prefixes:    map[string]bool{},
		orgSymbol:   map[string][]string{},
		orgDomain:   map[string][]string{},
		personGroup: map[string][]string{},
		orgPhrase:   map[string]phrase{},
		phraseGroup: map[string]bool{},
		phraseFirst: map[string]bool{},
	}
	var ot struct {
		Types []struct {
			Display string   `yaml:"display"`
			Generic string   `yaml:"generic"`
			Compare string   `yaml:"compare"`
			Aliases []string `yaml:"aliases"`
		} `yaml:"types"`
	}
	if err := readYAML("data/org_types.yml", &ot); err != nil {
		return nil, err
	}
	for _, ty := range ot.Types {
		cmp := ty.Compare
		if cmp == "" {
			cmp = ty.Display
		}
		lf := &legalForm{Display: ty.Display, Generic: ty.Generic, Compare: strings.ReplaceAll(Normalize(cmp), " ", "")}
		for _, a := range append([]string{ty.Display}, ty.Aliases...) {
			toks := normTokens(a)
			if len(toks) == 0 {
				continue
			}
			// Dotted abbreviations ("S.A.", "Sp. z o.o.") also appear written
			// together ("SA", "spzoo"): index both spellings.
			for _, key := range []string{strings.Join(toks, " "), strings.Join(toks, "")} {
				if _, dup := t.legal[key]; !dup {
					t.legal[key] = lf
				}
			}
			t.legalMaxLen = max(t.legalMaxLen, len(toks))
		}
	}
	t.fuzzy = buildLegalFuzzy(t.legal)
	var sw struct {
		Person []string `yaml:"PERSON_NAME_PREFIXES"`
	}
	if err := readYAML("data/stopwords.yml", &sw); err != nil {
		return nil, err
	}
	for _, p := range sw.Person {
		toks := normTokens(p)
		if len(toks) == 0 {
			continue
		}
		t.prefixes[strings.Join(toks, " ")] = true
		t.prefixMaxLen = max(t.prefixMaxLen, len(toks))
	}
	var sy struct {
		OrgSymbols  map[string][]string `yaml:"org_symbols"`
		OrgDomains  map[string][]string `yaml:"org_domains"`
		PersonNick  map[string][]string `yaml:"person_nick"`
		PersonParts map[string][]string `yaml:"person_name_parts"`
	}
	if err := readYAML("data/symbols.yml", &sy); err != nil {
		return nil, err
	}
	addGroups(t.orgSymbol, "org:", sy.OrgSymbols)
	addGroups(t.orgDomain, "dom:", sy.OrgDomains)
	t.orgPhraseMaxLen = max(addPhrases(t.orgPhrase, kindSymbol, "org:", sy.OrgSymbols), addPhrases(t.orgPhrase, kindDomain, "dom:", sy.OrgDomains))
	for k, ph := range t.orgPhrase {
		for _, g := range ph.groups {
			t.phraseGroup[g] = true
		}
		first, _, _ := strings.Cut(k, " ")
		t.phraseFirst[first] = true
	}
	addGroups(t.personGroup, "nick:", sy.PersonNick)
	addGroups(t.personGroup, "name:", sy.PersonParts)
	return t, nil
}

// addGroups maps every one-token variant of each group to the group's key.
// A token may be in several groups ("corporation" is in "co" and "corp").
func addGroups(dst map[string][]string, prefix string, groups map[string][]string) {
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range append([]string{k}, groups[k]...) {
			toks := normTokens(v)
			if len(toks) != 1 {
				continue
			}
			if g := prefix + k; !slices.Contains(dst[toks[0]], g) {
				dst[toks[0]] = append(dst[toks[0]], g)
			}
		}
	}
}

// addPhrases maps every variant of two or more tokens of each group to the
// group's key and returns the longest variant, in tokens. A phrase already
// taken (by an earlier group or kind) keeps its first meaning.
func addPhrases(dst map[string]phrase, kind partKind, prefix string, groups map[string][]string) int {
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	longest := 0
	for _, k := range keys {
		for _, v := range append([]string{k}, groups[k]...) {
			toks := normTokens(v)
			if len(toks) < 2 {
				continue
			}
			key := strings.Join(toks, " ")
			if ph, ok := dst[key]; !ok {
				dst[key] = phrase{kind: kind, groups: []string{prefix + k}}
			} else if ph.kind == kind && !slices.Contains(ph.groups, prefix+k) {
				ph.groups = append(ph.groups, prefix+k)
				dst[key] = ph
			}
			longest = max(longest, len(toks))
		}
	}
	return longest
}

func readYAML(name string, v any) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
