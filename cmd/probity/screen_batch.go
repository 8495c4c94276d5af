package main

import (
	"bufio"
	"context"
	"encoding/json"

	"github.com/probity/probity/internal/input"
	"github.com/probity/probity/match"
	"github.com/probity/probity/queryfile"
	"github.com/probity/probity/screen"
)

// screenBatch screens every query of a batch file and writes one JSON line
// per query, in the file's order.
func (m *Main) screenBatch(ctx context.Context, ix *screen.Index, path, schema string, threshold float64, limit int) error {
	out := bufio.NewWriterSize(m.Stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	work := func(q queryfile.Query) screenResult {
		mq := match.Query{Name: q.Name, Schema: q.Schema, Country: q.Country, BirthDate: q.BirthDate, Address: q.Address}
		if mq.Schema == "" {
			mq.Schema = schema
		}
		res := screenResult{QueryID: q.ID, Query: q.Name, Results: []screenHit{}}
		hits, err := ix.Search(mq, threshold, limit)
		if err != nil {
			res.Error = err.Error()
			return res
		}
		res.Results = toScreenHits(hits)
		return res
	}
	emit := func(r screenResult) error { return enc.Encode(r) }
	return input.Walk([]string{path}, input.Options{Stdin: m.Stdin}, func(f *input.File) error {
		var chunk []queryfile.Query
		err := queryfile.ReadQueries(f.R, f.Name, func(q queryfile.Query) error {
			chunk = append(chunk, q)
			if len(chunk) == batchSize {
				err := inOrder(chunk, work, emit)
				chunk = chunk[:0]
				return err
			}
			return ctx.Err()
		})
		if err != nil {
			return err
		}
		return inOrder(chunk, work, emit)
	})
}
