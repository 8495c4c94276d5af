package main

import (
	"encoding/json"
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
