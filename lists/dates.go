package lists

import (
	"fmt"
	"strconv"
	"strings"
)

var monthNames = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// maxYearSpan bounds how many years a range such as "1955 to 1958" expands
// to; wider ranges keep only their two ends.
const maxYearSpan = 20

// parseDate reads one date as lists write it: "12 Jan 1950", "Jan 1950",
// "1950", or ISO "1950-01-12", "1950-01". It returns the ISO prefix and the
// year.
func parseDate(s string) (iso string, year int, ok bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "."))
	f := strings.Fields(s)
	switch len(f) {
	case 1:
		return parseISODate(f[0])
	case 2: // Jan 1950
		m, okm := monthNames[strings.ToLower(strings.TrimSuffix(f[0], "."))]
		y, oky := parseYear(f[1])
		if !okm || !oky {
			return "", 0, false
		}
		return fmt.Sprintf("%04d-%02d", y, m), y, true
	case 3: // 12 Jan 1950
		d, err := strconv.Atoi(f[0])
		m, okm := monthNames[strings.ToLower(strings.TrimSuffix(f[1], "."))]
		y, oky := parseYear(f[2])
		if err != nil || !okm || !oky || d < 1 || d > daysIn(m, y) {
			return "", 0, false
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d), y, true
	}
	return "", 0, false
}

// parseISODate accepts YYYY, YYYY-MM and YYYY-MM-DD (a time after the date,
// "T…", is ignored).
func parseISODate(s string) (string, int, bool) {
	if i := strings.IndexByte(s, 'T'); i == 10 {
		s = s[:10]
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return "", 0, false
	}
	y, ok := parseYear(parts[0])
	if !ok {
		return "", 0, false
	}
	if len(parts) == 1 {
		return parts[0], y, true
	}
	m, err := strconv.Atoi(parts[1])
	if err != nil || len(parts[1]) != 2 || m < 1 || m > 12 {
		return "", 0, false
	}
	if len(parts) == 2 {
		return s, y, true
	}
	d, err := strconv.Atoi(parts[2])
	if err != nil || len(parts[2]) != 2 || d < 1 || d > daysIn(m, y) {
		return "", 0, false
	}
	return s, y, true
}

func parseYear(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1000 {
		return 0, false
	}
	return y, true
}

func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseDOB reads a birth-date expression: a date, "circa DATE", or a range
// "DATE to DATE" / "YYYY-YYYY". A range becomes every year in it (both ends
// only when it spans more than maxYearSpan years).
func parseDOB(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	if rest, ok := cutPrefixFold(s, "circa "); ok {
		s = strings.TrimSpace(rest)
	}
	from, to, isRange := strings.Cut(s, " to ")
	if !isRange {
		if a, b, ok := strings.Cut(s, "-"); ok && len(a) == 4 && len(b) == 4 {
			from, to, isRange = a, b, true
		}
	}
	if !isRange {
		iso, _, ok := parseDate(s)
		if !ok {
			return nil, false
		}
		return []string{iso}, true
	}
	isoA, ya, okA := parseDate(from)
	isoB, yb, okB := parseDate(to)
	if !okA || !okB || yb < ya {
		return nil, false
	}
	return yearRange(ya, yb, isoA, isoB), true
}

func yearRange(ya, yb int, isoA, isoB string) []string {
	if ya == yb {
		if isoA == isoB {
			return []string{isoA}
		}
		return []string{strconv.Itoa(ya)}
	}
	if yb-ya > maxYearSpan {
		return []string{strconv.Itoa(ya), strconv.Itoa(yb)}
	}
	out := make([]string, 0, yb-ya+1)
	for y := ya; y <= yb; y++ {
		out = append(out, strconv.Itoa(y))
	}
	return out
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
