package httpapi

import (
	"strings"
	"testing"

	"github.com/probity/probity"
)

func TestDecodeStrictRefusesAmbiguousJSON(t *testing.T) {
	type inner struct {
		Name string `json:"name"`
	}
	type body struct {
		Threshold float64          `json:"threshold"`
		Text      string           `json:"text"`
		Items     []inner          `json:"items"`
		ByKey     map[string]inner `json:"by_key"`
	}
	tests := []struct {
		name, body, want string // want: "" = accepted, else a substring of the error
	}{
		{"plain", `{"threshold":0.5,"text":"x","items":[{"name":"a"}],"by_key":{"k":{"name":"b"}}}`, ""},
		{"duplicate key", `{"text":"a","text":"b"}`, `field "text" is given twice`},
		{"duplicate nested key", `{"items":[{"name":"a","name":"b"}]}`, `field "items.name" is given twice`},
		{"duplicate in map value", `{"by_key":{"k":{"name":"a"},"k":{"name":"b"}}}`, `field "by_key.k" is given twice`},
		{"same key in two objects is fine", `{"items":[{"name":"a"},{"name":"b"}]}`, ""},
		{"key in other case", `{"Threshold":0.5}`, `names are case-sensitive; did you mean "threshold"`},
		{"nested key in other case", `{"items":[{"NAME":"a"}]}`, `did you mean "items.name"`},
		{"NUL escaped", `{"text":"a\u0000b"}`, `field "text" contains a NUL character`},
		{"NUL raw", "{\"text\":\"a\x00b\"}", `NUL byte`},
		{"invalid UTF-8", "{\"text\":\"a\xffb\"}", `not valid UTF-8 (at byte 10)`},
		{"unknown field still refused", `{"nope":1}`, `unknown field`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b body
			err := decodeStrict([]byte(tt.body), &b, "")
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || probity.ErrorCode(err) != probity.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want EINVALID containing %q", err, tt.want)
			}
		})
	}
}

func FuzzCheckJSONText(f *testing.F) {
	f.Add([]byte(`{"a":[{"b":1,"c":{"d":"e"}}],"f":null}`))
	f.Add([]byte(`{"a":1,"a":2}`))
	f.Add([]byte(`[[[{}]]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = checkJSONText(data, "")
		var v struct {
			A []map[string]any `json:"a"`
		}
		_ = decodeStrict(data, &v, "")
	})
}
