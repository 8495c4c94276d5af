// Package progress reports how far a long job has got: on a terminal a
// bar redrawn in place with rate and time left, elsewhere a plain log line
// every few seconds. It reads the job's counters itself, so the job's hot
// loop only bumps an atomic counter.
package progress

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Counters is what a job exposes: bytes done so far (of Total, if known)
// and records done.
type Counters struct {
	Total   int64        // bytes expected; <= 0 if unknown
	Bytes   func() int64 // bytes done
	Records func() int64 // records done; may be nil
}

// Reporter draws progress until Stop is called.
type Reporter struct {
	w        io.Writer
	label    string
	c        Counters
	terminal bool
	start    time.Time
	done     chan struct{}
	wg       sync.WaitGroup
}

// Start begins reporting to w. On a terminal the bar is redrawn every
// 200 ms; otherwise a line is written every interval (5 s if zero).
func Start(w io.Writer, label string, c Counters, terminal bool, interval time.Duration) *Reporter {
	if interval <= 0 {
		interval = 5 * time.Second
	}
	if terminal {
		interval = 200 * time.Millisecond
	}
	r := &Reporter{w: w, label: label, c: c, terminal: terminal, start: time.Now(), done: make(chan struct{})}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-r.done:
				return
			case <-t.C:
				r.draw(false)
			}
		}
	}()
	return r
}

// Stop draws the final state and stops reporting.
func (r *Reporter) Stop() {
	close(r.done)
	r.wg.Wait()
	r.draw(true)
}

func (r *Reporter) draw(final bool) {
	line := Line(r.label, r.c.Total, r.c.Bytes(), r.records(), time.Since(r.start))
	if r.terminal {
		end := ""
		if final {
			end = "\n"
		}
		fmt.Fprintf(r.w, "\r\x1b[K%s%s", line, end)
		return
	}
	if final {
		line += " (done)"
	}
	fmt.Fprintln(r.w, line)
}

func (r *Reporter) records() int64 {
	if r.c.Records == nil {
		return -1
	}
	return r.c.Records()
}

// Line formats one progress line: label, bar and percentage when the total
// is known, bytes, records, rate and estimated time left.
func Line(label string, total, done, records int64, elapsed time.Duration) string {
	var b strings.Builder
	b.WriteString(label)
	if total > 0 {
		frac := float64(done) / float64(total)
		if frac > 1 {
			frac = 1
		}
		const width = 24
		n := int(frac * width)
		fmt.Fprintf(&b, " [%s%s] %3.0f%%", strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100)
	}
	fmt.Fprintf(&b, " %s", mb(done))
	if total > 0 {
		fmt.Fprintf(&b, "/%s", mb(total))
	}
	if records >= 0 {
		fmt.Fprintf(&b, " %d records", records)
	}
	secs := elapsed.Seconds()
	if secs > 0 {
		rate := float64(done) / secs
		fmt.Fprintf(&b, " %.1f MB/s", rate/1e6)
		if total > 0 && rate > 0 && done < total {
			left := time.Duration(float64(total-done) / rate * float64(time.Second))
			fmt.Fprintf(&b, " ETA %s", left.Round(time.Second))
		}
	}
	return b.String()
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
