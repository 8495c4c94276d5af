package ocds_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/probity/probity/internal/ocdsschema"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/ocds"
)

func recordPackageSchema(t *testing.T) *jsonschema.Schema { return ocdsschema.RecordPackage(t) }

// TestWriteRecordPackageValidates writes every 1.1 conformance input as a
// record, with compiled and versioned releases, and validates the package
// against the OCDS 1.1 record package schema.
func TestWriteRecordPackageValidates(t *testing.T) {
	schema := recordPackageSchema(t)
	root := shareddata.Dir(t, "ocds", "ocds-merge-conformance", "1.1")
	inputs, _ := filepath.Glob(filepath.Join(root, "*.json"))
	var cases [][]json.RawMessage
	for _, f := range inputs {
		if strings.HasSuffix(f, "-compiled.json") || strings.HasSuffix(f, "-versioned.json") {
			continue
		}
		rels := readReleases(t, f)
		// Reverse them: the writer must put them back in date order.
		sort.SliceStable(rels, func(i, j int) bool { return i > j })
		cases = append(cases, rels)
	}
	if len(cases) != 17 {
		t.Fatalf("%d inputs, want 17", len(cases))
	}
	for _, opts := range []ocds.ExportOptions{{}, {Compiled: true}, {Versioned: true}, {Compiled: true, Versioned: true}} {
		i := 0
		next := func() (string, []json.RawMessage, string, bool, error) {
			if i == len(cases) {
				return "", nil, "", false, nil
			}
			i++
			var r struct{ OCID string }
			_ = json.Unmarshal(cases[i-1][0], &r)
			return r.OCID, cases[i-1], "1.1", true, nil
		}
		var buf bytes.Buffer
		meta := ocds.PackageMeta{URI: "https://example.org/export.json", Publisher: "Test", PublishedDate: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
		if err := ocds.WriteRecordPackage(&buf, meta, next, opts); err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%+v: output is not JSON: %v", opts, err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Fatalf("%+v: invalid record package: %v", opts, err)
		}
		var pkg struct {
			Version string
			Records []struct {
				Releases         []struct{ Date string }
				CompiledRelease  json.RawMessage
				VersionedRelease json.RawMessage
			}
		}
		if err := json.Unmarshal(buf.Bytes(), &pkg); err != nil {
			t.Fatal(err)
		}
		if pkg.Version != "1.1" || len(pkg.Records) != len(cases) {
			t.Fatalf("version %q, %d records", pkg.Version, len(pkg.Records))
		}
		for _, r := range pkg.Records {
			for k := 1; k < len(r.Releases); k++ {
				if r.Releases[k].Date < r.Releases[k-1].Date {
					t.Errorf("releases not in date order: %v", r.Releases)
				}
			}
			if (r.CompiledRelease != nil) != opts.Compiled || (r.VersionedRelease != nil) != opts.Versioned {
				t.Errorf("%+v: compiled %v, versioned %v", opts, r.CompiledRelease != nil, r.VersionedRelease != nil)
			}
		}
	}
}

func TestWriteRecordPackageErrors(t *testing.T) {
	tests := []struct {
		name string
		rels []json.RawMessage
	}{
		{"no releases", nil},
		{"not JSON", []json.RawMessage{json.RawMessage(`{"ocid":`)}},
		{"no date", []json.RawMessage{json.RawMessage(`{"ocid":"a","id":"1"}`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := false
			next := func() (string, []json.RawMessage, string, bool, error) {
				if done {
					return "", nil, "", false, nil
				}
				done = true
				return "a", tt.rels, "1.1", true, nil
			}
			err := ocds.WriteRecordPackage(&bytes.Buffer{}, ocds.PackageMeta{}, next, ocds.ExportOptions{Compiled: true})
			if err == nil {
				t.Fatal("no error")
			}
		})
	}
}
