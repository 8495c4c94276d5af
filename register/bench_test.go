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
