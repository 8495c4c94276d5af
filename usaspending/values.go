package usaspending

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// parseAmount reads a dollar amount as the files give it: "16000.00",
// "7391976" (a spreadsheet re-save drops the decimals), "-1234.5" (a
// de-obligation), "$1,234.56", "(1,234.56)" (accounting negative) and
// "1.5E+07" (a spreadsheet's scientific notation). ok is false for an empty
// cell.
func parseAmount(s string) (v float64, ok bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	neg := false
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		neg = true
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if strings.HasPrefix(s, "-") {
		neg = !neg
		s = strings.TrimSpace(s[1:])
	} else if strings.HasPrefix(s, "+") {
		s = strings.TrimSpace(s[1:])
	}
	if strings.HasPrefix(s, "$") {
		s = strings.TrimSpace(s[1:])
		if strings.HasPrefix(s, "-") && !neg {
			neg = true
			s = s[1:]
		}
	}
	if strings.IndexByte(s, ',') >= 0 {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !isDecimal(s) {
		return 0, false, errNotAmount
	}
	v, err = strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false, errNotAmount
	}
	if neg {
		v = -v
	}
	return v, true, nil
}

var errNotAmount = errors.New("not an amount")

// isDecimal reports whether s is digits with at most one decimal point and
// an optional exponent: what strconv.ParseFloat accepts minus hex, inf,
// nan, underscores and signs.
func isDecimal(s string) bool {
	digits, dot := 0, false
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		case (c == 'e' || c == 'E') && digits > 0:
			return isExponent(s[i+1:])
		default:
			return false
		}
	}
	return digits > 0
}

func isExponent(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// pivotYear is the two-digit-year pivot, after POSIX strptime's %y:
// 00–68 are read as 2000–2068 and 69–99 as 1969–1999.
const pivotYear = 68

// parseDate reads a date as the files give it and returns it as
// YYYY-MM-DD: ISO "2020-05-07", "2021-05-11 00:00:00", "2025-03-25
// 00:00:00+00" or "2025-03-25T00:00:00Z", and the spreadsheet re-saves
// "12/22/17", "5/31/21 0:00" and "12/22/2017" (month first, as in the
// United States). A time of day is dropped. An empty cell gives "".
func parseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if i := strings.IndexAny(s, " T"); i >= 0 {
		s = s[:i]
	}
	var y, m, d int
	var ok bool
	switch {
	case strings.Count(s, "-") == 2:
		y, m, d, ok = threeInts(s, '-')
		ok = ok && len(s) >= 8 && s[4] == '-'
	case strings.Count(s, "/") == 2:
		if strings.IndexByte(s, '/') == 4 { // 2017/12/22
			y, m, d, ok = threeInts(s, '/')
			break
		}
		var yy int
		m, d, yy, ok = threeInts(s, '/')
		last := s[strings.LastIndexByte(s, '/')+1:]
		switch len(last) {
		case 2:
			if yy <= pivotYear {
				y = 2000 + yy
			} else {
				y = 1900 + yy
			}
		case 4:
			y = yy
		default:
			ok = false
		}
	}
	if !ok || y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", errNotDate
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", errNotDate
	}
	return t.Format(time.DateOnly), nil
}

var errNotDate = errors.New("not a date")

func threeInts(s string, sep byte) (a, b, c int, ok bool) {
	var parts [3]int
	n := 0
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != sep {
			continue
		}
		if n == 3 {
			return 0, 0, 0, false
		}
		f := s[start:i]
		if f == "" || len(f) > 4 {
			return 0, 0, 0, false
		}
		v := 0
		for j := 0; j < len(f); j++ {
			if f[j] < '0' || f[j] > '9' {
				return 0, 0, 0, false
			}
			v = v*10 + int(f[j]-'0')
		}
		parts[n] = v
		n++
		start = i + 1
	}
	return parts[0], parts[1], parts[2], n == 3
}
