package usaspending

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/probity/probity"
)

// Options adjust Read.
type Options struct {
	// Now is the reference date for Award.Status; zero means the current
	// date.
	Now time.Time
}

// Read reads one USAspending CSV file, detects its layout from the header
// and calls fn once per record, in file order (aggregated transaction
// awards come at the end, in the order of their first row). name is used
// in error messages only. It returns the layout.
//
// r must be UTF-8 (package internal/input converts and validates); a
// leading BOM is tolerated. Columns are matched by normalised name, so
// extra, missing optional, reordered and renamed (fsrs_/sam_) columns and
// changes of case or spacing in the header do not matter.
//
// Read returns an error naming the file — and stops — when the header
// names no known layout, lacks a required column, or the CSV itself is
// malformed (an unterminated quote, say), and when fn returns an error.
// Bad rows are not errors of Read: they reach fn as Record.Err (see
// Record).
func Read(ctx context.Context, r io.Reader, name string, fn func(Record) error) (Layout, error) {
	return ReadOptions(ctx, r, name, Options{}, fn)
}

// ReadOptions is Read with options.
func ReadOptions(ctx context.Context, r io.Reader, name string, opts Options, fn func(Record) error) (Layout, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	cols, err := cr.Read()
	if err == io.EOF {
		return LayoutUnknown, &probity.InputError{File: name, Line: 1, Reason: "empty file: no header row"}
	}
	if err != nil {
		return LayoutUnknown, csvError(name, err)
	}
	h := newHeader(cols)
	layout, why := detect(h)
	if layout == LayoutUnknown {
		return layout, &probity.InputError{File: name, Line: 1, Reason: why}
	}
	if req, miss := h.missing(layout); miss {
		return layout, &probity.InputError{File: name, Line: 1, Field: req[0],
			Reason: fmt.Sprintf("required column %s is missing from the %s header", strings.Join(req, " or "), layout)}
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	p := newParser(layout, now.UTC().Format(time.DateOnly))
	if p == nil {
		return layout, fmt.Errorf("%s: no parser for layout %q", name, layout)
	}
	cache := make(map[agencyKey]Agency)
	rw := &row{h: h, file: name, cache: cache}
	for rec := 1; ; rec++ {
		if rec%512 == 0 {
			if err := ctx.Err(); err != nil {
				return layout, err
			}
		}
		fields, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return layout, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		*rw = row{h: h, fields: fields, file: name, line: line, record: rec, cache: cache}
		if len(fields) != h.n {
			if blank(fields) {
				continue
			}
			rw.fail("", fmt.Sprintf("row has %d columns, the header has %d", len(fields), h.n), nil)
			if err := fn(Record{Err: rw.err}); err != nil {
				return layout, err
			}
			continue
		}
		if blank(fields) {
			continue
		}
		out, ok := p.row(rw)
		if rw.err != nil {
			out, ok = Record{Err: rw.err}, true
		}
		if ok {
			if err := fn(out); err != nil {
				return layout, err
			}
		}
	}
	return layout, p.flush(fn)
}

// parser turns rows of one layout into records.
type parser interface {
	// row reads one row; ok is false when the row yields nothing yet.
	// Problems are reported through r.fail.
	row(r *row) (rec Record, ok bool)
	// flush yields what is held back until the end of the file.
	flush(fn func(Record) error) error
}

func newParser(l Layout, today string) parser {
	switch l {
	case LayoutContractAwards:
		return primeParser{today: today}
	case LayoutAssistanceAwards:
		return primeParser{today: today, assistance: true}
	case LayoutSubawards:
		return subawardParser{}
	case LayoutTransactions:
		return newTransactionParser()
	case LayoutTornApart:
		return tornApartParser{}
	}
	return nil // unreachable: detect returns only the layouts above
}

// blank reports whether every cell is empty, as in the trailing rows a
// spreadsheet leaves.
func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func csvError(name string, err error) error {
	var ie *probity.InputError
	if errors.As(err, &ie) {
		return ie // already names the file (e.g. not UTF-8)
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &probity.InputError{File: name, Line: pe.Line, Reason: "malformed CSV: " + pe.Err.Error(), Err: err}
	}
	return fmt.Errorf("%s: %w", name, err)
}
