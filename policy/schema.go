package policy

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/probity/probity"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed input.schema.json
var schemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of the decision input.
func Schema() []byte { return bytes.Clone(schemaJSON) }

var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("input.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("input.schema.json")
})

// ParseInput reads a decision input from JSON, checking it against the
// schema. name labels the input in errors, which are *probity.InputError
// naming the offending field as a JSON pointer.
func ParseInput(name string, data []byte) (Input, error) {
	sch, err := compiledSchema()
	if err != nil {
		return Input{}, fmt.Errorf("policy: input schema: %w", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return Input{}, &probity.InputError{File: name, Reason: "not JSON: " + err.Error(), Err: err}
	}
	if err := sch.Validate(doc); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			leaf := ve
			for len(leaf.Causes) > 0 {
				leaf = leaf.Causes[0]
			}
			return Input{}, &probity.InputError{File: name, Field: "/" + strings.Join(leaf.InstanceLocation, "/"), Reason: leaf.Error(), Err: err}
		}
		return Input{}, &probity.InputError{File: name, Reason: err.Error(), Err: err}
	}
	var in Input
	if err := json.Unmarshal(data, &in); err != nil {
		return Input{}, &probity.InputError{File: name, Reason: err.Error(), Err: err}
	}
	return in, nil
}
