package lists

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/probity/probity"
)

// Columns of the generic CSV list format (DESIGN.md). id, name and schema
// are required; the others are optional. weak_aliases and remarks are an
// extension so that WriteCSV output loads back without loss.
var csvColumns = []string{"id", "name", "schema", "aliases", "weak_aliases", "country", "birth_date", "program", "identifiers", "remarks", "addresses"}

// LoadCSV reads the generic CSV list file at path; name is the list name
// (Version.List and every entry's List).
func LoadCSV(path, name string) (*Load, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &probity.InputError{File: path, Reason: "cannot open the CSV list: " + err.Error(), Err: err}
	}
	defer f.Close()
	return ReadCSV(f, path, name)
}

// ReadCSV reads a generic CSV list: a header naming at least id, name and
// schema (any order, any case; unknown columns are ignored), then one entry
// per row. aliases, weak_aliases, country, birth_date, program,
// identifiers and addresses hold ";"-separated values; identifiers are
// "scheme:id".
// Countries may be ISO alpha-2 codes or names; birth dates are YYYY,
// YYYY-MM or YYYY-MM-DD. file names the input in errors; list is the list
// name.
func ReadCSV(r io.Reader, file, list string) (*Load, error) {
	h := newHasher()
	cr := csv.NewReader(h.reader(r))
	cr.FieldsPerRecord = 0 // every row as wide as the header
	header, err := cr.Read()
	if err == io.EOF {
		return nil, inputErr(file, 1, "", "empty file: want a header with id,name,schema", nil)
	}
	if err != nil {
		return nil, csvErr(file, err)
	}
	col := map[string]int{}
	for i, hname := range header {
		k := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(hname, "\ufeff")))
		if _, dup := col[k]; dup && k != "" {
			return nil, inputErr(file, 1, hname, "column appears twice in the header", nil)
		}
		col[k] = i
	}
	for _, need := range csvColumns[:3] {
		if _, ok := col[need]; !ok {
			return nil, inputErr(file, 1, need, "header lacks the required column "+need+" (need id,name,schema)", nil)
		}
	}
	l := &Load{}
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvErr(file, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) string {
			if i, ok := col[k]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		e, field, reason := csvEntry(get, list)
		if reason != "" {
			return nil, inputErr(file, line, field, reason, nil)
		}
		if first, dup := seen[e.SourceID]; dup {
			return nil, inputErr(file, line, "id", fmt.Sprintf("duplicate id %q (first on line %d)", e.SourceID, first), nil)
		}
		seen[e.SourceID] = line
		l.Entries = append(l.Entries, e)
	}
	return finish(l, list, "", h), nil
}

// csvEntry builds one entry; on failure it returns the column and reason.
func csvEntry(get func(string) string, list string) (probity.WatchlistEntry, string, string) {
	e := probity.WatchlistEntry{List: list, SourceID: get("id"), Name: get("name"), Remarks: get("remarks")}
	if e.SourceID == "" {
		return e, "id", "empty id"
	}
	if e.Name == "" {
		return e, "name", "empty name"
	}
	schema, ok := Schema(get("schema"))
	if !ok {
		return e, "schema", fmt.Sprintf("unknown schema %q (want one of %s)", get("schema"), strings.Join(screenable, ", "))
	}
	e.Schema = schema
	for _, a := range splitList(get("aliases")) {
		e.Aliases = addUnique(e.Aliases, a, e.Name)
	}
	for _, a := range splitList(get("weak_aliases")) {
		e.WeakAliases = addUnique(e.WeakAliases, a, e.Name)
	}
	for _, c := range splitList(get("country")) {
		code, ok := CountryCode(c)
		if !ok {
			return e, "country", fmt.Sprintf("unknown country %q (want an ISO 3166 alpha-2 code or an English name)", c)
		}
		e.Countries = addUnique(e.Countries, code)
	}
	for _, d := range splitList(get("birth_date")) {
		iso, _, ok := parseISODate(d)
		if !ok || iso != d {
			return e, "birth_date", fmt.Sprintf("invalid date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", d)
		}
		e.BirthDates = addUnique(e.BirthDates, iso)
	}
	for _, p := range splitList(get("program")) {
		e.Programs = addUnique(e.Programs, p)
	}
	for _, a := range splitList(get("addresses")) {
		e.Addresses = addUnique(e.Addresses, joinAddress(a))
	}
	for _, id := range splitList(get("identifiers")) {
		scheme, value, ok := strings.Cut(id, ":")
		scheme, value = strings.TrimSpace(scheme), strings.TrimSpace(value)
		if !ok || scheme == "" || value == "" {
			return e, "identifiers", fmt.Sprintf("identifier %q is not scheme:id", id)
		}
		e.Identifiers = addIdentifier(e.Identifiers, scheme, value)
	}
	return e, "", ""
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// WriteCSV writes entries in the generic CSV list format, with every
// column of ReadCSV, so that ReadCSV reads them back. Values that contain
// ";" cannot be represented in a ";"-separated column and are rejected.
func WriteCSV(w io.Writer, entries []probity.WatchlistEntry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	for _, e := range entries {
		ids := make([]string, len(e.Identifiers))
		for i, id := range e.Identifiers {
			if strings.Contains(id.Scheme, ":") {
				return fmt.Errorf("entry %s: identifier scheme %q contains ':'", e.SourceID, id.Scheme)
			}
			ids[i] = id.Scheme + ":" + id.ID
		}
		cols := [][]string{e.Aliases, e.WeakAliases, e.Countries, e.BirthDates, e.Programs, ids, e.Addresses}
		joined := make([]string, len(cols))
		for i, c := range cols {
			for _, v := range c {
				if strings.Contains(v, ";") {
					return fmt.Errorf("entry %s: value %q contains ';'", e.SourceID, v)
				}
			}
			joined[i] = strings.Join(c, ";")
		}
		rec := []string{e.SourceID, e.Name, e.Schema, joined[0], joined[1], joined[2], joined[3], joined[4], joined[5], e.Remarks, joined[6]}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
