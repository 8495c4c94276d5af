package storetest

import (
	"context"
	"os"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/input"
	"github.com/probity/probity/register"
)

// Ingest runs one ingest of the files at path (OCDS or USAspending, as
// kind says) into s, in one transaction, the way the CLI does.
func Ingest(tb testing.TB, s probity.Store, kind, path string) {
	tb.Helper()
	ctx := context.Background()
	err := s.Update(ctx, func(tx probity.Tx) error {
		ing := register.NewIngest(tx, register.Options{}, &register.Stats{})
		err := input.Walk([]string{path}, input.Options{Exts: []string{".csv", ".json", ".jsonl"}}, func(f *input.File) error {
			if kind == "ocds" {
				return ing.OCDS(ctx, register.Source{Name: f.Name, R: f.R})
			}
			return ing.USAspending(ctx, register.Source{Name: f.Name, R: f.R})
		})
		if err != nil {
			return err
		}
		return ing.Finish(ctx)
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchIngest measures the ingest of the files at path into a new store
// (open, which closes it at the end of the benchmark) per iteration, and
// reports MB/s of input.
func BenchIngest(b *testing.B, open func(testing.TB) probity.Store, kind, path string) {
	st, err := os.Stat(path)
	if err != nil {
		b.Skipf("%s: %v", path, err)
	}
	if !st.IsDir() {
		b.SetBytes(st.Size())
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := open(b)
		b.StartTimer()
		Ingest(b, s, kind, path)
	}
}
