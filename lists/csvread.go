package lists

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Source is one input file: its name (for error messages) and its bytes.
// A nil R means the file is absent.
type Source struct {
	Name string
	R    io.Reader
}

// ofacCSV reads an OFAC legacy CSV file: no header, a fixed number of
// columns, "-0-" for empty, and possibly a final 0x1A (DOS end-of-file)
// byte. fn gets the cleaned fields and the line the record starts on.
func ofacCSV(src Source, columns []string, fn func(rec []string, line int) error) error {
	r := csv.NewReader(src.R)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	sawEOF := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvErr(src.Name, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "\x1a" {
			sawEOF = line
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if sawEOF > 0 {
			return inputErr(src.Name, line, "", fmt.Sprintf("data after the end-of-file marker (0x1A) on line %d", sawEOF), nil)
		}
		if len(rec) != len(columns) {
			field := ""
			if len(rec) < len(columns) {
				field = columns[len(rec)]
			}
			return inputErr(src.Name, line, field, fmt.Sprintf("record has %d fields, want %d (%s)", len(rec), len(columns), strings.Join(columns, ", ")), nil)
		}
		for i := range rec {
			rec[i] = ofacField(rec[i])
		}
		if err := fn(rec, line); err != nil {
			return err
		}
	}
}

// ofacField trims a field, maps "-0-" to "" and reads bytes that are not
// UTF-8 as Windows-1252, the code page of older OFAC files.
func ofacField(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	return toUTF8(s)
}

func toUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	if out, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
		return out
	}
	return strings.ToValidUTF8(s, "\uFFFD")
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
