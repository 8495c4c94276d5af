package register_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/register"
	"github.com/probity/probity/sqlite"
)

// benchIngest ingests data (one file's bytes) into a new database per
// iteration and commits, reporting bytes/s and records/s end to end.
func benchIngest(b *testing.B, kind, name string, data []byte) {
	b.SetBytes(int64(len(data)))
	ctx := context.Background()
	var records int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st := &register.Stats{}
		err = db.Update(ctx, func(tx probity.Tx) error {
			ing := register.NewIngest(tx, register.Options{}, st)
			src := register.Source{Name: name, R: bytes.NewReader(data)}
			var err error
			if kind == "ocds" {
				err = ing.OCDS(ctx, src)
			} else {
				err = ing.USAspending(ctx, src)
			}
			if err != nil {
				return err
			}
			return ing.Finish(ctx)
		})
		if err != nil {
			b.Fatal(err)
		}
		records += st.Records.Load()
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkIngestOCDSArmenia: the figure is at least 30 MB/s end to
// end into a committed SQLite database.
func BenchmarkIngestOCDSArmenia(b *testing.B) {
	path := shareddata.Dir(b, "ocds", "armenia-armeps", "armenia-releases.jsonl")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	benchIngest(b, "ocds", path, data)
}

// BenchmarkIngestUSAspendingPrime: the figure is at least 20,000
// prime-award rows/s.
func BenchmarkIngestUSAspendingPrime(b *testing.B) {
	path := shareddata.Dir(b, "usaspending", "mn_ice_contracts", "mn_all", "Contracts_PrimeAwardSummaries_2025-03-21_H19M57S23_1.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	benchIngest(b, "usaspending", path, data)
}

// BenchmarkIngestUSAspendingMerge ingests the Torn Apart list and the
// Minnesota prime-award file in one ingest: 3,572 awards, 115 of them
// named by both and merged into one contract each (award_merge.go).
// Compare its records/s with BenchmarkIngestUSAspendingPrime's for the
// cost of composing awards.
func BenchmarkIngestUSAspendingMerge(b *testing.B) {
	root := shareddata.Dir(b, "usaspending")
	paths := []string{
		filepath.Join(root, "torn_apart_2018", "freezer.csv"),
		filepath.Join(root, "mn_ice_contracts", "mn_all", "Contracts_PrimeAwardSummaries_2025-03-21_H19M57S23_1.csv"),
	}
	var files [][]byte
	var size int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		size += int64(len(data))
	}
	b.SetBytes(size)
	ctx := context.Background()
	var records int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st := &register.Stats{}
		err = db.Update(ctx, func(tx probity.Tx) error {
			ing := register.NewIngest(tx, register.Options{}, st)
			for j, data := range files {
				if err := ing.USAspending(ctx, register.Source{Name: paths[j], R: bytes.NewReader(data)}); err != nil {
					return err
				}
			}
			return ing.Finish(ctx)
		})
		if err != nil {
			b.Fatal(err)
		}
		records += st.Records.Load()
		b.StopTimer()
		if n := len(mustContracts(b, db)); n != 3457 {
			b.Fatalf("%d contracts, want 3,457 (115 awards merged)", n)
		}
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}
