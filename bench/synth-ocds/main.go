// Command synth-ocds writes a large OCDS JSON Lines file for ingest
// benchmarks by repeating the releases of a real JSON Lines file with each
// copy's ocids made unique ("AM-PPS-…" becomes "AM-PPS-…-c7" in copy 7).
// Only the ocid changes, so every copy is as real as the source.
//
//	go run ./bench/synth-ocds -in armenia-releases.jsonl -size 1GB -out big.jsonl
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func main() {
	in := flag.String("in", "", "source JSON Lines file of OCDS releases")
	out := flag.String("out", "", "file to write")
	size := flag.String("size", "1GB", "size to reach: 200MB, 1GB, …")
	flag.Parse()
	if err := run(*in, *out, *size); err != nil {
		fmt.Fprintln(os.Stderr, "synth-ocds:", err)
		os.Exit(1)
	}
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	u := strings.ToUpper(s)
	for suffix, m := range map[string]int64{"GB": 1e9, "MB": 1e6, "KB": 1e3} {
		if strings.HasSuffix(u, suffix) {
			mult, u = m, strings.TrimSuffix(u, suffix)
			break
		}
	}
	n, err := strconv.ParseFloat(u, 64)
	return int64(n * float64(mult)), err
}

func run(in, out, size string) error {
	if in == "" || out == "" {
		return fmt.Errorf("-in and -out are required")
	}
	target, err := parseSize(size)
	if err != nil {
		return fmt.Errorf("-size %q: %v", size, err)
	}
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	lines := bytes.Split(bytes.TrimSpace(src), []byte("\n"))
	type line struct {
		ocid string
		raw  []byte
	}
	var parsed []line
	for i, l := range lines {
		var head struct {
			OCID string `json:"ocid"`
		}
		if err := json.Unmarshal(l, &head); err != nil || head.OCID == "" {
			return fmt.Errorf("%s:%d: not a release with an ocid", in, i+1)
		}
		parsed = append(parsed, line{head.OCID, l})
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var written int64
	for copyN := 1; written < target; copyN++ {
		suffix := fmt.Sprintf("-c%d", copyN)
		for _, l := range parsed {
			q := []byte(`"` + l.ocid + `"`)
			r := bytes.ReplaceAll(l.raw, q, []byte(`"`+l.ocid+suffix+`"`))
			n, err := w.Write(append(r, '\n'))
			if err != nil {
				return err
			}
			written += int64(n)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
