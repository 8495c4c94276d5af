package ocds_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/ocds"
)

func armeniaJSONL(b testing.TB) []byte {
	b.Helper()
	data, err := os.ReadFile(shareddata.Dir(b, "ocds", "armenia-armeps", "armenia-releases.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkReadJSONL reads the Armenia JSON Lines file (900 releases,
// 9.8 MB): ocid, id, date and the raw bytes of every release.
func BenchmarkReadJSONL(b *testing.B) {
	data := armeniaJSONL(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := ocds.Read(context.Background(), bytes.NewReader(data), "armenia.jsonl", func(r probity.Release) error {
			n++
			return nil
		})
		if err != nil || n != 900 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkReadPackage reads the Armenia data as one release package.
func BenchmarkReadPackage(b *testing.B) {
	data := armeniaJSONL(b)
	var pkg bytes.Buffer
	pkg.WriteString(`{"uri":"x","version":"1.1","releases":[`)
	pkg.Write(bytes.ReplaceAll(bytes.TrimSpace(data), []byte("\n"), []byte(",\n")))
	pkg.WriteString("]}")
	b.SetBytes(int64(pkg.Len()))
	for b.Loop() {
		n := 0
		err := ocds.Read(context.Background(), bytes.NewReader(pkg.Bytes()), "armenia.json", func(r probity.Release) error {
			n++
			return nil
		})
		if err != nil || n != 900 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkCompileMap compiles and maps each Armenia release as its own
// contracting process (the common single-release case).
func BenchmarkCompileMap(b *testing.B) {
	data := armeniaJSONL(b)
	var lines []json.RawMessage
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		lines = append(lines, append(json.RawMessage(nil), sc.Bytes()...))
	}
	rules := ocds.RulesFor("1.1")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			c, err := ocds.Compile(rules, []json.RawMessage{l})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := ocds.Map(c); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkVersioned builds versioned releases of single-release processes.
func BenchmarkVersioned(b *testing.B) {
	data := armeniaJSONL(b)
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	rules := ocds.RulesFor("1.1")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for _, l := range lines {
			if _, err := ocds.Versioned(rules, []json.RawMessage{l}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
