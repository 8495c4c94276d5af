package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/probity/probity"
)

// DecodeJSON reads r's body (at most the server's body limit, enforced by
// the middleware) into v strictly: one JSON value, no unknown fields, no
// trailing data. Its errors are EINVALID and name the offending field.
func DecodeJSON(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return errorf(probity.EINVALID, "reading the request body: %v", err)
	}
	return decodeStrict(body, v, "")
}

// decodeStrict decodes data into v; path prefixes the field names in
// errors ("queries.q1.").
func decodeStrict(data []byte, v any, path string) error {
	if len(bytes.TrimSpace(data)) == 0 {
		if path == "" {
			return errorf(probity.EINVALID, "the request body is empty: want a JSON object")
		}
		return errorf(probity.EINVALID, "field %q is empty", strings.TrimSuffix(path, "."))
	}
	if err := checkJSONText(data, path); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, path)
	}
	var raw any
	if err := json.Unmarshal(data, &raw); err == nil {
		if err := checkKeyCase(reflect.TypeOf(v), raw, path); err != nil {
			return err
		}
	}
	if dec.More() {
		return errorf(probity.EINVALID, "unexpected data after the JSON value")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errorf(probity.EINVALID, "unexpected data after the JSON value")
	}
	return nil
}

// jsonError turns an encoding/json error into an EINVALID error naming the
// field.
func jsonError(err error, path string) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		field := path + te.Field
		if field == "" {
			return errorf(probity.EINVALID, "the body is a JSON %s: want an object", te.Value)
		}
		return errorf(probity.EINVALID, "field %q: want %s, got %s", strings.TrimSuffix(field, "."), jsonType(te.Type.Kind().String()), te.Value)
	case errors.As(err, &se):
		return errorf(probity.EINVALID, "malformed JSON at byte %d: %v", se.Offset, se)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errorf(probity.EINVALID, "the JSON ends too early")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return errorf(probity.EINVALID, "unknown field %s%s", quotePath(path), name)
	}
	var pe *probity.Error
	if errors.As(err, &pe) {
		return err
	}
	return errorf(probity.EINVALID, "bad JSON: %v", err)
}

func quotePath(path string) string {
	if path == "" {
		return ""
	}
	return "in " + strings.TrimSuffix(path, ".") + ": "
}

// jsonType names a Go kind the way a JSON user would.
func jsonType(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "map", "struct":
		return "an object"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "an integer"
	case "float32", "float64":
		return "a number"
	}
	return kind
}
