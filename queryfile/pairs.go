package queryfile

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Pair is one row of a `probity compare --batch` file.
type Pair struct {
	Line   int      // 1-based line of the row
	Schema string   // FtM schema, trimmed
	Name1  string   // the query name
	Name2  string   // the list name
	Record []string // the whole row as read, every column, to be written back
	Header []string // the file's header (shared by all pairs; do not modify)
}

// ReadPairs reads a CSV whose header names schema, name1 and name2 (any
// order and case; other columns are kept in Pair.Record) and calls fn for
// each row, in order. Every row must have as many fields as the header.
// An error from fn stops the reading and is returned as is.
func ReadPairs(r io.Reader, name string, fn func(Pair) error) error {
	_, err := readPairs(r, name, fn)
	return err
}

func readPairs(r io.Reader, name string, fn func(Pair) error) ([]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0
	header, err := cr.Read()
	if err == io.EOF {
		return nil, inputErr(name, 1, "", "empty file: want a CSV header with schema,name1,name2", nil)
	}
	if err != nil {
		return nil, csvErr(name, err)
	}
	col, err := headerIndex(name, header, "schema", "name1", "name2")
	if err != nil {
		return nil, err
	}
	header = slices.Clip(header)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return header, nil
		}
		if err != nil {
			return header, csvErr(name, err)
		}
		line, _ := cr.FieldPos(0)
		p := Pair{
			Line:   line,
			Schema: strings.TrimSpace(rec[col["schema"]]),
			Name1:  rec[col["name1"]],
			Name2:  rec[col["name2"]],
			Record: rec,
			Header: header,
		}
		if err := fn(p); err != nil {
			return header, err
		}
	}
}

// PairWriter writes scored pairs: the input header plus score and match,
// then each input row plus its score (4 decimals) and match (true/false).
type PairWriter struct {
	w      *csv.Writer
	header bool
	width  int
}

// NewPairWriter returns a PairWriter on w. Call Flush at the end.
func NewPairWriter(w io.Writer) *PairWriter {
	return &PairWriter{w: csv.NewWriter(w)}
}

// WriteHeader writes header + "score","match". Write calls it with the
// pair's header when it has not been called; later calls do nothing.
func (pw *PairWriter) WriteHeader(header []string) error {
	if pw.header {
		return nil
	}
	pw.header = true
	pw.width = len(header)
	out := append(slices.Clone(header), "score", "match")
	return pw.w.Write(out)
}

// Write writes p's row with score and match appended.
func (pw *PairWriter) Write(p Pair, score float64, match bool) error {
	if err := pw.WriteHeader(p.Header); err != nil {
		return err
	}
	if math.IsNaN(score) || math.IsInf(score, 0) {
		return fmt.Errorf("line %d: score %v is not a number", p.Line, score)
	}
	if len(p.Record) != pw.width {
		return fmt.Errorf("line %d: row has %d fields, header %d", p.Line, len(p.Record), pw.width)
	}
	out := append(slices.Clone(p.Record), strconv.FormatFloat(score, 'f', 4, 64), strconv.FormatBool(match))
	return pw.w.Write(out)
}

// Flush writes any buffered data and returns the first write error.
func (pw *PairWriter) Flush() error {
	pw.w.Flush()
	return pw.w.Error()
}

// ScorePairs runs a whole `compare --batch`: it reads pairs from r, scores
// each with score and writes every row, in order, with score and match to
// w. The header is written even when there are no rows.
func ScorePairs(r io.Reader, name string, w io.Writer, score func(Pair) (float64, bool, error)) error {
	pw := NewPairWriter(w)
	header, err := readPairs(r, name, func(p Pair) error {
		s, m, err := score(p)
		if err != nil {
			return err
		}
		return pw.Write(p, s, m)
	})
	if err != nil {
		return err
	}
	if err := pw.WriteHeader(header); err != nil {
		return err
	}
	return pw.Flush()
}
