package lists

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/probity/probity"
)

// ftmEntity is one line of a FollowTheMoney JSON Lines export.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Caption    string              `json:"caption"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
}

// ftmIdentifierProps are the FtM properties kept as identifiers; the
// property name is the scheme.
var ftmIdentifierProps = []string{
	"registrationNumber", "taxNumber", "idNumber", "passportNumber", "innCode",
	"ogrnCode", "kppCode", "okpoCode", "vatCode", "leiCode", "dunsCode", "swiftBic",
	"bicCode", "uniqueEntityId", "permId", "npiCode", "imoNumber", "mmsi", "callSign",
	"socialSecurityNumber", "email",
}

// ftmCountryProps are the FtM properties that give countries.
var ftmCountryProps = []string{"country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag"}

// LoadFTM reads a FollowTheMoney JSON Lines file. The list name is the file
// name without its extensions (".ftm.json", ".jsonl", ".json"); use
// Load.Rename for another.
func LoadFTM(path string) (*Load, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &probity.InputError{File: path, Reason: "cannot open the FtM file: " + err.Error(), Err: err}
	}
	defer f.Close()
	l, err := ReadFTM(f, path)
	if err != nil {
		return nil, err
	}
	l.Rename(listNameFromPath(path))
	return l, nil
}

func listNameFromPath(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".gz", ".json", ".jsonl", ".ftm", ".csv"} {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" || base == "." || base == "-" {
		return "ftm"
	}
	return base
}

// ReadFTM reads FollowTheMoney entities, one JSON object per line. It keeps
// the screenable schemas (Person, Organization, Company, LegalEntity,
// PublicBody, Vessel, Airplane), attaches the programs of Sanction entities
// (programId, else program) and the numbers of Passport entities to the
// entities they name, and counts what it skipped in Load.Warnings. The list
// name is "ftm"; LoadFTM names it after the file.
func ReadFTM(r io.Reader, name string) (*Load, error) {
	h := newHasher()
	br := bufio.NewReaderSize(h.reader(r), 64<<10)
	l := &Load{}
	index := map[string]int{} // id → position in l.Entries
	lines := map[string]int{} // id → line
	type link struct {
		target string
		values []string
		scheme string // "" for programs
	}
	var links []link
	skipped := map[string]int{}
	lineNo := 0
	for {
		raw, readErr := br.ReadBytes('\n')
		if readErr != nil && readErr != io.EOF {
			return nil, inputErr(name, lineNo+1, "", "read: "+readErr.Error(), readErr)
		}
		if len(raw) > 0 {
			lineNo++
			if lineNo == 1 {
				raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
			}
			raw = bytes.TrimSpace(raw)
			if len(raw) > 0 {
				var ent ftmEntity
				if err := json.Unmarshal(raw, &ent); err != nil {
					return nil, jsonErr(name, lineNo, err, raw)
				}
				if ent.ID == "" {
					return nil, inputErr(name, lineNo, "id", "missing entity id", nil)
				}
				if ent.Schema == "" {
					return nil, inputErr(name, lineNo, "schema", "missing schema", nil)
				}
				switch schema, ok := Schema(ent.Schema); {
				case ok:
					if first, dup := lines[ent.ID]; dup {
						return nil, inputErr(name, lineNo, "id", fmt.Sprintf("duplicate entity id %q (first on line %d)", ent.ID, first), nil)
					}
					e, err := ent.entry(schema)
					if err != nil {
						return nil, inputErr(name, lineNo, "properties.name", err.Error(), nil)
					}
					lines[ent.ID] = lineNo
					index[ent.ID] = len(l.Entries)
					l.Entries = append(l.Entries, e)
				case ent.Schema == "Sanction":
					progs := ent.Properties["programId"]
					if len(progs) == 0 {
						progs = ent.Properties["program"]
					}
					for _, t := range ent.Properties["entity"] {
						links = append(links, link{target: t, values: progs})
					}
					skipped[ent.Schema]++
				case ent.Schema == "Passport" || ent.Schema == "Identification":
					scheme := "idNumber"
					if ent.Schema == "Passport" {
						scheme = "passportNumber"
					}
					for _, t := range ent.Properties["holder"] {
						links = append(links, link{target: t, values: ent.Properties["number"], scheme: scheme})
					}
					skipped[ent.Schema]++
				default:
					skipped[ent.Schema]++
				}
			}
		}
		if readErr == io.EOF {
			break
		}
	}
	unlinked := 0
	for _, k := range links {
		i, ok := index[k.target]
		if !ok {
			unlinked++
			continue
		}
		e := &l.Entries[i]
		for _, v := range k.values {
			if k.scheme == "" {
				e.Programs = addUnique(e.Programs, v)
			} else {
				e.Identifiers = addIdentifier(e.Identifiers, k.scheme, v)
			}
		}
	}
	if len(skipped) > 0 {
		var parts []string
		for s, n := range skipped {
			parts = append(parts, fmt.Sprintf("%s %d", s, n))
		}
		sort.Strings(parts)
		l.Warnings = append(l.Warnings, fmt.Sprintf("%s: skipped entities that are not screenable: %s", name, strings.Join(parts, ", ")))
	}
	if unlinked > 0 {
		l.Warnings = append(l.Warnings, fmt.Sprintf("%s: %d Sanction/Passport links to entities not in the file (ignored)", name, unlinked))
	}
	return finish(l, "ftm", "", h), nil
}

func jsonErr(name string, line int, err error, raw []byte) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return inputErr(name, line, "", fmt.Sprintf("invalid JSON at byte %d of the line: %v", se.Offset, se), err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "properties" {
			return badProperty(name, line, err, raw)
		}
		return inputErr(name, line, te.Field, fmt.Sprintf("%s is a JSON %s, want %s", te.Field, te.Value, te.Type), err)
	}
	return inputErr(name, line, "", "invalid JSON: "+err.Error(), err)
}

func (ent *ftmEntity) entry(schema string) (probity.WatchlistEntry, error) {
	p := ent.Properties
	e := probity.WatchlistEntry{
		List:     "ftm",
		SourceID: ent.ID,
		Schema:   schema,
		Name:     strings.TrimSpace(ent.Caption),
	}
	names := p["name"]
	if e.Name == "" {
		for _, n := range names {
			if n = strings.TrimSpace(n); n != "" {
				e.Name = n
				break
			}
		}
	}
	if e.Name == "" {
		return e, errors.New("entity has neither a caption nor a name")
	}
	for _, prop := range []string{"name", "alias", "previousName"} {
		for _, n := range p[prop] {
			e.Aliases = addUnique(e.Aliases, n, e.Name)
		}
	}
	for _, n := range p["weakAlias"] {
		e.WeakAliases = addUnique(e.WeakAliases, n, e.Name)
	}
	for _, prop := range []string{"programId", "program"} {
		for _, v := range p[prop] {
			e.Programs = addUnique(e.Programs, v)
		}
	}
	for _, prop := range ftmCountryProps {
		for _, c := range p[prop] {
			e.Countries = addUnique(e.Countries, strings.ToUpper(c))
		}
	}
	for _, a := range p["address"] {
		e.Addresses = addUnique(e.Addresses, joinAddress(a))
	}
	for _, d := range p["birthDate"] {
		if iso, _, ok := parseISODate(strings.TrimSpace(d)); ok {
			e.BirthDates = addUnique(e.BirthDates, iso)
		}
	}
	for _, prop := range ftmIdentifierProps {
		for _, v := range p[prop] {
			e.Identifiers = addIdentifier(e.Identifiers, prop, v)
		}
	}
	e.Remarks = strings.Join(p["notes"], "\n")
	return e, nil
}

// badProperty finds which property of a line is not a list of strings
// (encoding/json only names the map).
func badProperty(name string, line int, err error, raw []byte) error {
	var v struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if json.Unmarshal(raw, &v) == nil {
		keys := make([]string, 0, len(v.Properties))
		for k := range v.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var list []string
			if json.Unmarshal(v.Properties[k], &list) != nil {
				return inputErr(name, line, "properties."+k, "properties."+k+" is not a list of strings", err)
			}
		}
	}
	return inputErr(name, line, "properties", "properties is not an object of string lists", err)
}
