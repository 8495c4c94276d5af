package usaspending

import (
	"fmt"
	"strings"

	"github.com/probity/probity"
)

// row reads the cells of one data row by column name and keeps the first
// problem found.
type row struct {
	h      *header
	fields []string
	file   string
	line   int
	record int
	err    *probity.InputError
	cache  map[agencyKey]Agency // canonical agencies seen in this file
}

type agencyKey struct {
	level      Level
	code, name string
}

// str returns the trimmed cell, "" when the column is absent.
func (r *row) str(col string) string {
	i, ok := r.h.idx[col]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// text returns the cell with runs of white space collapsed and mojibake
// repaired: for names and descriptions.
func (r *row) text(col string) string {
	return RepairMojibake(collapseSpace(r.str(col)))
}

func (r *row) fail(col, reason string, err error) {
	if r.err != nil {
		return
	}
	r.err = &probity.InputError{File: r.file, Line: r.line, Record: r.record, Field: col, Reason: reason, Err: err}
}

// amount returns the cell as US dollars, nil when empty.
func (r *row) amount(col string) *probity.Value {
	s := r.str(col)
	v, ok, err := parseAmount(s)
	if err != nil {
		r.fail(col, fmt.Sprintf("%q is not an amount of money", clip(s)), err)
		return nil
	}
	if !ok {
		return nil
	}
	return &probity.Value{Amount: v, Currency: "USD"}
}

// date returns the cell as YYYY-MM-DD, "" when empty.
func (r *row) date(col string) string {
	s := r.str(col)
	d, err := parseDate(s)
	if err != nil {
		r.fail(col, fmt.Sprintf("%q is not a date (expected YYYY-MM-DD or M/D/YY)", clip(s)), err)
	}
	return d
}

// uei returns the cell as a Unique Entity ID: 12 letters and digits,
// upper-cased.
func (r *row) uei(col string) string {
	s := strings.ToUpper(r.str(col))
	if s == "" {
		return ""
	}
	if len(s) != 12 || !alnum(s) {
		r.fail(col, fmt.Sprintf("%q is not a 12-character UEI", clip(s)), nil)
		return ""
	}
	return s
}

// duns returns the cell as a 9-digit DUNS number. A spreadsheet re-save
// drops leading zeros, so shorter numbers are padded; a 13-digit DUNS+4
// keeps its first 9 digits.
func (r *row) duns(col string) string {
	s := r.str(col)
	if s == "" {
		return ""
	}
	if !digits(s) || len(s) > 13 || (len(s) > 9 && len(s) != 13) {
		r.fail(col, fmt.Sprintf("%q is not a 9-digit DUNS number", clip(s)), nil)
		return ""
	}
	if len(s) == 13 {
		s = s[:9]
	}
	if len(s) < 9 {
		s = strings.Repeat("0", 9-len(s)) + s
	}
	return s
}

// agency reads a code and name column pair.
// Agencies repeat on every row, so they are made canonical once per file.
func (r *row) agency(l Level, codeCol, nameCol string) Agency {
	k := agencyKey{l, r.str(codeCol), r.str(nameCol)}
	if a, ok := r.cache[k]; ok {
		return a
	}
	a := NewAgency(l, k.code, RepairMojibake(k.name))
	if r.cache != nil && len(r.cache) < maxCachedAgencies {
		r.cache[agencyKey{l, strings.Clone(k.code), strings.Clone(k.name)}] = a
	}
	return a
}

// maxCachedAgencies bounds the per-file agency cache.
const maxCachedAgencies = 4096

func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// clip shortens a cell quoted in an error message.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xc0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// deriveStatus derives a status from the period of performance against
// today (YYYY-MM-DD).
func deriveStatus(p probity.Period, today string) string {
	switch {
	case p.End != "" && p.End < today:
		return probity.StatusCompleted
	case p.Start != "" && p.Start > today:
		return probity.StatusPlanned
	case p.Start != "" || p.End != "":
		return probity.StatusActive
	}
	return probity.StatusUnknown
}

// parseAwardKey splits a generated unique award id:
// CONT_AWD_<PIID>_<agency>_<parent PIID>_<parent agency>,
// CONT_IDV_<PIID>_<agency>, ASST_NON_<FAIN>_<agency> or
// ASST_AGG_<URI>_<agency>. "-NONE-" parts come back empty.
func parseAwardKey(key string) (id, agency, parentID, parentAgency string, ok bool) {
	parts := strings.Split(key, "_")
	none := func(s string) string {
		if s == "-NONE-" {
			return ""
		}
		return s
	}
	if len(parts) < 4 {
		return "", "", "", "", false
	}
	switch parts[0] + "_" + parts[1] {
	case "CONT_AWD":
		if len(parts) < 6 {
			return "", "", "", "", false
		}
		n := len(parts)
		return strings.Join(parts[2:n-3], "_"), parts[n-3], none(parts[n-2]), none(parts[n-1]), true
	case "CONT_IDV", "ASST_NON", "ASST_AGG":
		n := len(parts)
		return strings.Join(parts[2:n-1], "_"), parts[n-1], "", "", true
	}
	return "", "", "", "", false
}

func noneIfEmpty(s string) string {
	if s == "" {
		return "-NONE-"
	}
	return s
}
