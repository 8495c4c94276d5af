package queryfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strings"

	"github.com/probity/probity"
)

func inputErr(file string, line int, field, reason string, err error) *probity.InputError {
	return &probity.InputError{File: file, Line: line, Field: field, Reason: reason, Err: err}
}

// csvErr turns an encoding/csv error into an *probity.InputError.
func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		where := ""
		if pe.Column > 0 {
			where = fmt.Sprintf(" at byte %d of the line", pe.Column)
		}
		if pe.StartLine > 0 && pe.StartLine != pe.Line {
			where += fmt.Sprintf(" (record starts on line %d)", pe.StartLine)
		}
		return inputErr(name, pe.Line, "", "malformed CSV"+where+": "+pe.Err.Error(), err)
	}
	return inputErr(name, 0, "", "read: "+err.Error(), err)
}

// headerIndex maps lower-cased, trimmed column names to positions and
// checks that every required column is there.
func headerIndex(file string, header []string, required ...string) (map[string]int, error) {
	col := make(map[string]int, len(header))
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if i == 0 {
			k = strings.TrimPrefix(k, "\ufeff")
		}
		if _, dup := col[k]; dup && k != "" {
			return nil, inputErr(file, 1, h, "column appears twice in the header", nil)
		}
		col[k] = i
	}
	for _, need := range required {
		if _, ok := col[need]; !ok {
			return nil, inputErr(file, 1, need, fmt.Sprintf("header lacks the required column %s (need %s)", need, strings.Join(required, ",")), nil)
		}
	}
	return col, nil
}
