package ocds_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/probity/probity"
	"github.com/probity/probity/ocds"
)

func TestReadBadInput(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		line   int
		record int
		field  string
		reason string
	}{
		{"truncated line", `{"ocid":"a","id":"1","date":"2020-01-01T00:00:00Z"}` + "\n" + `{"ocid":"a","id":"2","da`, 2, 0, "", "truncated"},
		{"truncated package", `{"version":"1.1","releases":[{"ocid":"a","id":"1","date":"x"},`, 1, 0, "", "truncated"},
		{"missing date", `{"ocid":"a","id":"1"}`, 1, 0, "date", "no date"},
		{"missing ocid", "\n\n" + `{"id":"1","date":"d"}`, 3, 0, "ocid", "no ocid"},
		{"missing id", `{"ocid":"a","date":"d"}`, 1, 0, "id", "no id"},
		{"empty id", `{"ocid":"a","id":"","date":"d"}`, 1, 0, "id", "no id"},
		{"number date", `{"ocid":"a","id":"1","date":20200101}`, 1, 0, "date", "must be a string"},
		{"object ocid", `{"ocid":{},"id":"1","date":"d"}`, 1, 0, "ocid", "must be a string"},
		{"bool id", `{"ocid":"a","id":true,"date":"d"}`, 1, 0, "id", "must be a string"},
		{"release not object", `{"releases":[1]}`, 1, 1, "releases[0]", "object"},
		{"record package path", `{"records":[{"releases":[{"ocid":"a","id":"1","date":"d"}]},{"releases":[{"ocid":"a","id":"1"}]}]}`, 1, 2, "records[1].releases[0].date", "no date"},
		{"records not array", `{"records":{}}`, 1, 0, "records", "array"},
		{"bad JSON inside", "{\"ocid\":\"a\",\n\"id\":\"1\",\n\"date\":\"d\",\"x\":[1,]}", 3, 0, "x[1]", "invalid JSON"},
		{"top-level scalar", `42`, 1, 0, "", "expected a JSON object"},
		{"not OCDS", `{"hello":"world"}`, 1, 0, "", "not an OCDS"},
		{"record without releases", `{"ocid":"a","releases":[],"publisher":{}}`, 1, 0, "", "no releases"},
		{"versioned without history", `{"ocid":"a","tender":{"id":"x"}}`, 1, 0, "", "no versioned values"},
		{"array element", `[{"ocid":"a","id":"1","date":"d"},{"ocid":"a","id":"2"}]`, 1, 2, "[1].date", "no date"},
		{"bad separator", `[{"ocid":"a","id":"1","date":"d"} {"ocid":"a"}]`, 1, 1, "[1]", "expected ','"},
		{"control char", "{\"ocid\":\"a\x01\",\"id\":\"1\",\"date\":\"d\"}", 1, 0, "ocid", "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ocds.Read(context.Background(), strings.NewReader(tt.in), "in.json", func(probity.Release) error { return nil })
			var ie *probity.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T), want an InputError", err, err)
			}
			if ie.File != "in.json" || ie.Line != tt.line || ie.Record != tt.record || ie.Field != tt.field || !strings.Contains(ie.Reason, tt.reason) {
				t.Errorf("got file %q line %d record %d field %q reason %q; want line %d record %d field %q reason ~%q",
					ie.File, ie.Line, ie.Record, ie.Field, ie.Reason, tt.line, tt.record, tt.field, tt.reason)
			}
		})
	}
}

func TestReadCallbackErrorAndCancel(t *testing.T) {
	stop := errors.New("stop")
	err := ocds.Read(context.Background(), strings.NewReader(`{"ocid":"a","id":"1","date":"d"}`), "x", func(probity.Release) error { return stop })
	if !errors.Is(err, stop) {
		t.Fatalf("got %v, want the callback's error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	line := `{"ocid":"a","id":"1","date":"d"}` + "\n"
	err = ocds.Read(ctx, strings.NewReader(strings.Repeat(line, 3000)), "x", func(probity.Release) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestCompileBadInput(t *testing.T) {
	for _, in := range []string{`{"ocid":"a"}`, `[1]`, `{"ocid":"a","date":1}`, `{"date":"d"}`, `{"ocid":"a","date":"d"`} {
		if _, err := ocds.Compile(nil, []json.RawMessage{json.RawMessage(in)}); err == nil {
			t.Errorf("%s: no error", in)
		}
	}
	if _, err := ocds.Map(json.RawMessage(`[]`)); err == nil {
		t.Error("Map of an array: no error")
	}
}
