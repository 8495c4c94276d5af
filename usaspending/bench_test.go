package usaspending_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/usaspending"
)

func benchFile(b *testing.B, rel string) {
	data, err := os.ReadFile(filepath.Join(shareddata.Dir(b, "usaspending"), rel))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	rows := 0
	b.ResetTimer()
	for b.Loop() {
		_, err := usaspending.Read(context.Background(), bytes.NewReader(data), rel, func(r usaspending.Record) error {
			if r.Err != nil {
				return r.Err
			}
			if r.Award != nil {
				rows += max(r.Award.Transactions, 1)
			} else {
				rows++
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadPrimeAwards reads mn_all (1,369 rows × 286 columns); the
// target is at least 20,000 rows/s.
func BenchmarkReadPrimeAwards(b *testing.B) { benchFile(b, mnAll) }

func BenchmarkReadSubawards(b *testing.B) { benchFile(b, after2020) }

func BenchmarkReadTransactions(b *testing.B) { benchFile(b, cbpIce) }

func BenchmarkRepairMojibake(b *testing.B) {
	s := "THE PURPOSE OF THIS REQUIREMENT IS TO OBTAIN PROFESSIONAL CRCÃ¢Â‚¬Â„¢S. THE CRC PROGRAM"
	b.ReportAllocs()
	for b.Loop() {
		_ = usaspending.RepairMojibake(s)
	}
}
