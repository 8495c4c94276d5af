package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// writeJSONLines writes one JSON document per item and line.
func writeJSONLines[T any](w io.Writer, items []T) error {
	enc := json.NewEncoder(w)
	for i := range items {
		if err := enc.Encode(items[i]); err != nil {
			return err
		}
	}
	return nil
}

// newTable returns a writer for an aligned text table.
func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0) }

// writeList writes items as JSON Lines when asJSON, else as a table: the
// header (tab-separated column names), one row per item, then "N noun" on
// stderr when noun is set.
func writeList[T any](m *Main, asJSON bool, items []T, header, noun string, row func(*T) string) error {
	if asJSON {
		return writeJSONLines(m.Stdout, items)
	}
	tw := newTable(m.Stdout)
	fmt.Fprintln(tw, header)
	for i := range items {
		fmt.Fprintln(tw, row(&items[i]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if noun != "" {
		fmt.Fprintf(m.Stderr, "%d %s\n", len(items), noun)
	}
	return nil
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
