package progress_test

import (
	"bytes"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/probity/probity/internal/progress"
)

func TestLine(t *testing.T) {
	got := progress.Line("ingest", 100e6, 50e6, 1000, 10*time.Second)
	for _, want := range []string{"ingest", "[============            ]", " 50%", "50.0 MB/100.0 MB", "1000 records", "5.0 MB/s", "ETA 10s"} {
		if !strings.Contains(got, want) {
			t.Errorf("Line = %q, missing %q", got, want)
		}
	}
	if got := progress.Line("x", 0, 5e6, -1, time.Second); strings.Contains(got, "ETA") || strings.Contains(got, "records") {
		t.Errorf("unknown total/records: %q", got)
	}
}

func TestReporterPlainAndTerminal(t *testing.T) {
	for _, terminal := range []bool{false, true} {
		var buf bytes.Buffer
		var n atomic.Int64
		n.Store(42)
		r := progress.Start(&buf, "job", progress.Counters{Total: 100, Bytes: n.Load}, terminal, time.Millisecond)
		time.Sleep(5 * time.Millisecond)
		r.Stop()
		out := buf.String()
		if terminal != strings.Contains(out, "\r") {
			t.Errorf("terminal=%v: output %q", terminal, out)
		}
		if !terminal && !strings.Contains(out, "(done)") {
			t.Errorf("plain output lacks final line: %q", out)
		}
	}
}
