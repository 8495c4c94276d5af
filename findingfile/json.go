package findingfile

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/probity/probity"
)

// parseJSON reads a JSON array of findings, or an object whose "findings"
// member is one, keeping each record's line.
func parseJSON(name string, data []byte) ([]FindingInput, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(name, data, err)
	}
	var out []FindingInput
	switch tok {
	case json.Delim('['):
		if out, err = parseJSONList(name, data, dec); err != nil {
			return nil, err
		}
	case json.Delim('{'):
		found := false
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return nil, jsonError(name, data, err)
			}
			if key != "findings" || found {
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					return nil, jsonError(name, data, err)
				}
				continue
			}
			found = true
			if t, err := dec.Token(); err != nil {
				return nil, jsonError(name, data, err)
			} else if t != json.Delim('[') {
				return nil, &probity.InputError{File: name, Line: lineAt(data, int(dec.InputOffset())), Field: "findings", Reason: "want a list of findings"}
			}
			if out, err = parseJSONList(name, data, dec); err != nil {
				return nil, err
			}
		}
		if !found {
			return nil, &probity.InputError{File: name, Line: 1, Field: "findings", Reason: "want a list of findings, or an object with a \"findings\" list"}
		}
		if _, err := dec.Token(); err != nil {
			return nil, jsonError(name, data, err)
		}
	default:
		return nil, &probity.InputError{File: name, Line: 1, Reason: "want a list of findings, or an object with a \"findings\" list"}
	}
	if _, err := dec.Token(); err == nil {
		return nil, &probity.InputError{File: name, Line: lineAt(data, int(dec.InputOffset())), Reason: "unexpected data after the findings"}
	}
	return out, nil
}

// parseJSONList reads the elements of an array whose '[' has been read, and
// its closing ']'.
func parseJSONList(name string, data []byte, dec *json.Decoder) ([]FindingInput, error) {
	var out []FindingInput
	for i := 1; dec.More(); i++ {
		off := int(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonError(name, data, err)
		}
		fi, err := decodeRecord(name, i, lineAt(data, off+leadingSpace(data[min(off, len(data)):])), raw)
		if err != nil {
			return nil, err
		}
		out = append(out, fi)
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(name, data, err)
	}
	return out, nil
}

// leadingSpace counts the separators before the next value: whitespace and
// the comma between array elements.
func leadingSpace(b []byte) int {
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\t' || b[n] == '\r' || b[n] == '\n' || b[n] == ',') {
		n++
	}
	return n
}

func lineAt(data []byte, off int) int {
	off = max(0, min(off, len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

func jsonError(name string, data []byte, err error) error {
	ie := &probity.InputError{File: name, Reason: "not valid JSON: " + err.Error(), Err: err}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		ie.Line = lineAt(data, int(se.Offset))
	}
	return ie
}
