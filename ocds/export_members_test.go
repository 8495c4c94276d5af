package ocds_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/ocds"
)

// TestWriteRecordPackageMembers writes extra package and record members
// (as the portal does with the transparency log's checkpoint and each
// record's log index) and checks that they are where they belong and that
// the package still validates against the record package schema.
func TestWriteRecordPackageMembers(t *testing.T) {
	schema := recordPackageSchema(t)
	root := shareddata.Dir(t, "ocds", "ocds-merge-conformance", "1.1")
	inputs, _ := filepath.Glob(filepath.Join(root, "*.json"))
	var cases [][]json.RawMessage
	for _, f := range inputs {
		if !strings.HasSuffix(f, "-compiled.json") && !strings.HasSuffix(f, "-versioned.json") {
			cases = append(cases, readReleases(t, f))
		}
	}
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
	meta := ocds.PackageMeta{Members: []ocds.Member{{Name: "probity", Value: json.RawMessage(`{"checkpoint":{"size":7}}`)}}}
	var asked []string
	opts := ocds.ExportOptions{Compiled: true, RecordMembers: func(ocid string) ([]ocds.Member, error) {
		asked = append(asked, ocid)
		v, _ := json.Marshal(map[string]string{"of": ocid})
		return []ocds.Member{{Name: "probity", Value: v}}, nil
	}}
	var buf bytes.Buffer
	if err := ocds.WriteRecordPackage(&buf, meta, next, opts); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("invalid record package: %v", err)
	}
	var pkg struct {
		Probity struct{ Checkpoint struct{ Size int } }
		Records []struct {
			OCID    string
			Probity struct{ Of string }
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Probity.Checkpoint.Size != 7 || len(pkg.Records) != len(cases) || len(asked) != len(cases) {
		t.Fatalf("package member %+v, %d records, %d asked", pkg.Probity, len(pkg.Records), len(asked))
	}
	for _, r := range pkg.Records {
		if r.Probity.Of != r.OCID {
			t.Errorf("record %s carries the member of %q", r.OCID, r.Probity.Of)
		}
	}
}

func TestWriteRecordPackageBadMembers(t *testing.T) {
	one := func() ocds.NextRecord {
		done := false
		return func() (string, []json.RawMessage, string, bool, error) {
			if done {
				return "", nil, "", false, nil
			}
			done = true
			return "ocds-a-1", []json.RawMessage{json.RawMessage(`{"ocid":"ocds-a-1","id":"1","date":"2020-01-01T00:00:00Z","tag":["tender"]}`)}, "1.1", true, nil
		}
	}
	fail := errors.New("lookup failed")
	tests := []struct {
		name string
		meta ocds.PackageMeta
		opts ocds.ExportOptions
		want string
	}{
		{"package member not JSON", ocds.PackageMeta{Members: []ocds.Member{{Name: "x", Value: json.RawMessage(`{`)}}}, ocds.ExportOptions{}, `"x"`},
		{"package member without name", ocds.PackageMeta{Members: []ocds.Member{{Value: json.RawMessage(`1`)}}}, ocds.ExportOptions{}, "no name"},
		{"record member not JSON", ocds.PackageMeta{}, ocds.ExportOptions{RecordMembers: func(string) ([]ocds.Member, error) {
			return []ocds.Member{{Name: "y", Value: json.RawMessage(`tru`)}}, nil
		}}, "ocds-a-1"},
		{"record member lookup fails", ocds.PackageMeta{}, ocds.ExportOptions{RecordMembers: func(string) ([]ocds.Member, error) { return nil, fail }}, "lookup failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := ocds.WriteRecordPackage(&buf, tt.meta, one(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one naming %s", err, tt.want)
			}
			if json.Valid(buf.Bytes()) && buf.Len() > 0 {
				t.Errorf("a failed export wrote a whole document: %s", buf.String())
			}
		})
	}
}
