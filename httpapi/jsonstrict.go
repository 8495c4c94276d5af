package httpapi

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/probity/probity"
)

// checkJSONText refuses what encoding/json would quietly accept but a
// careful API must not: text that is not UTF-8 (json replaces it with
// U+FFFD), NUL characters in strings (the stores refuse them later, and
// they hide text from people reading a record), and an object with the
// same key twice (json keeps the last, so two readers of one body could
// disagree about what it says). path prefixes field names in errors.
func checkJSONText(data []byte, path string) error {
	if !utf8.Valid(data) {
		return errorf(probity.EINVALID, "the JSON is not valid UTF-8 (at byte %d)", invalidUTF8At(data))
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return errorf(probity.EINVALID, "the JSON contains a NUL byte")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	// One frame per open object or array: the keys seen so far (objects)
	// and the key whose value is being read.
	type frame struct {
		object  bool
		keys    map[string]bool
		wantKey bool
		name    string
	}
	var stack []frame
	field := func() string {
		var b strings.Builder
		b.WriteString(path)
		for _, f := range stack {
			if f.object && f.name != "" {
				b.WriteString(f.name)
				b.WriteByte('.')
			}
		}
		return strings.TrimSuffix(b.String(), ".")
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return nil // malformed JSON: the decoder that follows names the place
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		if top != nil && top.object && top.wantKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].object {
					stack[len(stack)-1].wantKey = true
				}
				continue
			}
			key, _ := tok.(string)
			if strings.ContainsRune(key, 0) {
				return errorf(probity.EINVALID, "a key in %q contains a NUL character", field())
			}
			if top.keys[key] {
				top.name = key
				return errorf(probity.EINVALID, "field %q is given twice", field())
			}
			top.keys[key] = true
			top.name, top.wantKey = key, false
			continue
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, frame{object: true, keys: map[string]bool{}, wantKey: true})
				continue
			case '[':
				stack = append(stack, frame{})
				continue
			case ']':
				stack = stack[:len(stack)-1]
			}
		case string:
			if strings.ContainsRune(v, 0) {
				return errorf(probity.EINVALID, "field %q contains a NUL character", field())
			}
		}
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].wantKey = true
		}
	}
}

func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// checkKeyCase refuses keys that match a field of v's type only when case
// is ignored ("Threshold" for "threshold"): encoding/json accepts them,
// which would let a misspelt body mean something its author did not see.
// raw is the body decoded into any (objects as map[string]any).
func checkKeyCase(t reflect.Type, raw any, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil // the type reads its own JSON
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := raw.(map[string]any)
		if !ok {
			return nil
		}
		fields := jsonFields(t)
		for key, val := range obj {
			ft, ok := fields[key]
			if !ok {
				for name := range fields {
					if strings.EqualFold(name, key) {
						return errorf(probity.EINVALID, "field %q: names are case-sensitive; did you mean %q?", path+key, path+name)
					}
				}
				continue // unknown fields are refused by the decoder
			}
			if err := checkKeyCase(ft, val, path+key+"."); err != nil {
				return err
			}
		}
	case reflect.Map:
		if obj, ok := raw.(map[string]any); ok {
			for key, val := range obj {
				if err := checkKeyCase(t.Elem(), val, path+key+"."); err != nil {
					return err
				}
			}
		}
	case reflect.Slice, reflect.Array:
		if arr, ok := raw.([]any); ok {
			for _, val := range arr {
				if err := checkKeyCase(t.Elem(), val, path); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// jsonFields maps the JSON names of a struct's fields (embedded structs
// flattened, as encoding/json does) to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range jsonFields(ft) {
					if _, ok := out[k]; !ok {
						out[k] = v
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}
