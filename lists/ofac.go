package lists

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/probity/probity"
)

// Column names of the OFAC legacy CSV files, for error messages.
var (
	sdnColumns      = []string{"ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks"}
	addColumns      = []string{"ent_num", "add_num", "address", "city_state_zip", "country", "add_remarks"}
	altColumns      = []string{"ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"}
	commentsColumns = []string{"ent_num", "remarks_extended"}
)

// OFACFiles are the four files of the OFAC SDN legacy CSV set. SDN is
// required; a Source with a nil R is absent.
type OFACFiles struct {
	SDN, Comments, Alt, Add Source
}

// LoadOFAC reads sdn.csv and, when present, sdn_comments.csv, alt.csv and
// add.csv from dir. The version hash covers the files in that order.
func LoadOFAC(dir string) (*Load, error) {
	var files OFACFiles
	var closers []*os.File
	defer func() {
		for _, f := range closers {
			f.Close()
		}
	}()
	for _, x := range []struct {
		name string
		dst  *Source
		need bool
	}{
		{"sdn.csv", &files.SDN, true},
		{"sdn_comments.csv", &files.Comments, false},
		{"alt.csv", &files.Alt, false},
		{"add.csv", &files.Add, false},
	} {
		p := filepath.Join(dir, x.name)
		f, err := os.Open(p)
		if errors.Is(err, fs.ErrNotExist) && !x.need {
			continue
		}
		if err != nil {
			return nil, &probity.InputError{File: p, Reason: "cannot open the OFAC file: " + err.Error(), Err: err}
		}
		closers = append(closers, f)
		*x.dst = Source{Name: p, R: f}
	}
	return ReadOFACSet(files)
}

// ReadOFAC reads an sdn.csv alone (no aliases, addresses or spill-over);
// name is the file name used in errors.
func ReadOFAC(r io.Reader, name string) (*Load, error) {
	return ReadOFACSet(OFACFiles{SDN: Source{Name: name, R: r}})
}

type ofacRow struct {
	entry   probity.WatchlistEntry
	line    int
	flag    string // vessel flag country code
	remarks strings.Builder
}

// ReadOFACSet reads the OFAC set. Rows of the other files whose ent_num is
// not in sdn.csv are ignored and counted in Load.Warnings.
func ReadOFACSet(files OFACFiles) (*Load, error) {
	if files.SDN.R == nil {
		return nil, &probity.InputError{File: files.SDN.Name, Reason: "sdn.csv is required"}
	}
	h := newHasher()
	l := &Load{}
	rows := map[int]*ofacRow{}
	var order []*ofacRow
	warn := newWarnings()

	src := Source{Name: files.SDN.Name, R: h.reader(files.SDN.R)}
	err := ofacCSV(src, sdnColumns, func(rec []string, line int) error {
		id, err := entNum(src.Name, line, rec[0])
		if err != nil {
			return err
		}
		if prev, dup := rows[id]; dup {
			return inputErr(src.Name, line, "ent_num", fmt.Sprintf("duplicate ent_num %d (first on line %d)", id, prev.line), nil)
		}
		if rec[1] == "" {
			return inputErr(src.Name, line, "SDN_Name", "empty name", nil)
		}
		schema, ok := ofacSchema(rec[2])
		if !ok {
			return inputErr(src.Name, line, "SDN_Type", fmt.Sprintf("unknown SDN_Type %q (want individual, vessel, aircraft or -0-)", rec[2]), nil)
		}
		row := &ofacRow{line: line}
		row.entry = probity.WatchlistEntry{
			List:     ListOFAC,
			SourceID: strconv.Itoa(id),
			Schema:   schema,
			Name:     rec[1],
			Programs: splitPrograms(rec[3]),
		}
		if rec[5] != "" {
			row.entry.Identifiers = addIdentifier(row.entry.Identifiers, "callSign", rec[5])
		}
		if rec[9] != "" {
			if c, ok := CountryCode(rec[9]); ok {
				row.flag = c
			} else if !IsNoCountry(rec[9]) {
				warn.add(fmt.Sprintf("%s: unknown country %q", src.Name, rec[9]))
			}
		}
		row.remarks.WriteString(rec[11])
		rows[id] = row
		order = append(order, row)
		return nil
	})
	if err != nil {
		return nil, err
	}

	if files.Comments.R != nil {
		src := Source{Name: files.Comments.Name, R: h.reader(files.Comments.R)}
		orphans := 0
		err := ofacCSV(src, commentsColumns, func(rec []string, line int) error {
			id, err := entNum(src.Name, line, rec[0])
			if err != nil {
				return err
			}
			row, ok := rows[id]
			if !ok {
				orphans++
				return nil
			}
			// The spill-over continues the remarks mid-word.
			row.remarks.WriteString(rec[1])
			return nil
		})
		if err != nil {
			return nil, err
		}
		warn.orphans(src.Name, orphans)
	}

	for _, row := range order {
		e := &row.entry
		e.Remarks = row.remarks.String()
		rm := ParseOFACRemarks(e.Remarks)
		e.WeakAliases = rm.WeakAliases
		e.BirthDates = rm.BirthDates
		e.Identifiers = append(e.Identifiers, rm.Identifiers...)
		for _, c := range rm.Nationalities {
			e.Countries = addUnique(e.Countries, c)
		}
		for _, c := range rm.Citizenships {
			e.Countries = addUnique(e.Countries, c)
		}
		e.Countries = addUnique(e.Countries, row.flag)
		for _, u := range rm.Unparsed {
			warn.add(fmt.Sprintf("%s:%d: ent_num %s: could not read %q", files.SDN.Name, row.line, e.SourceID, u))
		}
	}

	if files.Alt.R != nil {
		src := Source{Name: files.Alt.Name, R: h.reader(files.Alt.R)}
		orphans := 0
		err := ofacCSV(src, altColumns, func(rec []string, line int) error {
			id, err := entNum(src.Name, line, rec[0])
			if err != nil {
				return err
			}
			row, ok := rows[id]
			if !ok {
				orphans++
				return nil
			}
			e := &row.entry
			weak := strings.Contains(strings.ToLower(rec[2]+" "+rec[4]), "weak")
			if weak {
				e.WeakAliases = addUnique(e.WeakAliases, rec[3], e.Name)
			} else {
				e.Aliases = addUnique(e.Aliases, rec[3], e.Name)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		warn.orphans(src.Name, orphans)
	}

	if files.Add.R != nil {
		src := Source{Name: files.Add.Name, R: h.reader(files.Add.R)}
		orphans := 0
		err := ofacCSV(src, addColumns, func(rec []string, line int) error {
			id, err := entNum(src.Name, line, rec[0])
			if err != nil {
				return err
			}
			row, ok := rows[id]
			if !ok {
				orphans++
				return nil
			}
			if a := joinAddress(rec[2], rec[3], rec[4]); a != "" {
				row.entry.Addresses = addUnique(row.entry.Addresses, a)
			}
			if IsNoCountry(rec[4]) {
				return nil
			}
			c, ok := CountryCode(rec[4])
			if !ok {
				warn.add(fmt.Sprintf("%s: unknown country %q", src.Name, rec[4]))
				return nil
			}
			row.entry.Countries = addUnique(row.entry.Countries, c)
			return nil
		})
		if err != nil {
			return nil, err
		}
		warn.orphans(src.Name, orphans)
	}

	l.Entries = make([]probity.WatchlistEntry, len(order))
	for i, row := range order {
		l.Entries[i] = row.entry
	}
	l.Warnings = warn.list()
	// The legacy CSV set carries no publication date.
	return finish(l, ListOFAC, "", h), nil
}

func entNum(file string, line int, s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, inputErr(file, line, "ent_num", fmt.Sprintf("ent_num %q is not a positive integer", s), nil)
	}
	return n, nil
}

func ofacSchema(t string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "individual":
		return "Person", true
	case "vessel":
		return "Vessel", true
	case "aircraft":
		return "Airplane", true
	case "", "entity":
		return "Organization", true
	}
	return "", false
}

// splitPrograms reads "SDGT] [IRGC" (the CSV drops the outer brackets) or
// "[SDGT] [IRGC]" into separate program codes.
func splitPrograms(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '[' || r == ']' }) {
		out = addUnique(out, p)
	}
	return out
}

// warnings collects distinct warning lines, keeping their first order.
type warnings struct {
	seen  map[string]int
	lines []string
}

func newWarnings() *warnings { return &warnings{seen: map[string]int{}} }

func (w *warnings) add(s string) {
	if _, ok := w.seen[s]; ok {
		w.seen[s]++
		return
	}
	w.seen[s] = 1
	w.lines = append(w.lines, s)
}

func (w *warnings) orphans(file string, n int) {
	if n > 0 {
		w.add(fmt.Sprintf("%s: %d rows for an ent_num that is not in sdn.csv (ignored)", file, n))
	}
}

// list returns the warnings, with a count for repeated ones.
func (w *warnings) list() []string {
	out := make([]string, len(w.lines))
	for i, s := range w.lines {
		if n := w.seen[s]; n > 1 {
			s = fmt.Sprintf("%s (%d times)", s, n)
		}
		out[i] = s
	}
	return out
}
