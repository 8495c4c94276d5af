package jsonscan

import (
	"bytes"
	"errors"
	"strconv"
)

// Member is one member of an object found by skim: its decoded key is
// only computed when asked for.
type Member struct {
	rawKey []byte // the key token without quotes (may hold escapes)
	Val    []byte // the value's bytes
	Kind   Kind
}

func (m *Member) Is(key string) bool {
	if bytes.IndexByte(m.rawKey, '\\') < 0 {
		return string(m.rawKey) == key
	}
	s, err := Unquote(append(append([]byte{'"'}, m.rawKey...), '"'))
	return err == nil && s == key
}

func (m *Member) Key() string {
	if bytes.IndexByte(m.rawKey, '\\') < 0 {
		return string(m.rawKey)
	}
	s, _ := Unquote(append(append([]byte{'"'}, m.rawKey...), '"'))
	return s
}

func (m *Member) Str() (string, bool) {
	if m.Kind != String {
		return "", false
	}
	s, err := Unquote(m.Val)
	return s, err == nil
}

var ErrNotObject = errors.New("not an object")

// SkimObject validates data as one JSON object and calls fn for each
// member, without building values. It returns ErrNotObject (unwrapped)
// when data is valid JSON of another type.
func SkimObject(data []byte, fn func(m *Member) error) error {
	p := parser{data: data}
	p.ws()
	if p.pos >= len(data) {
		return p.fail("")
	}
	if data[p.pos] != '{' {
		if err := Valid(data); err != nil {
			return err
		}
		return ErrNotObject
	}
	p.pos++
	p.ws()
	if p.pos < len(data) && data[p.pos] == '}' {
		p.pos++
		return p.trailing()
	}
	var m Member
	for {
		p.ws()
		if p.pos >= len(data) || data[p.pos] != '"' {
			return p.fail("expected a string key in object")
		}
		ks := p.pos
		if err := p.str(); err != nil {
			return err
		}
		m.rawKey = data[ks+1 : p.pos-1]
		p.ws()
		if p.pos >= len(data) || data[p.pos] != ':' {
			return p.fail("expected ':' after object key")
		}
		p.pos++
		p.ws()
		vs := p.pos
		if err := p.skip(1); err != nil {
			return wrap(err, PathKey(m.Key()))
		}
		m.Val = data[vs:p.pos]
		m.Kind = KindOf(data[vs])
		if err := fn(&m); err != nil {
			return err
		}
		p.ws()
		if p.pos >= len(data) {
			return p.fail("")
		}
		switch data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return p.trailing()
		default:
			return p.fail("expected ',' or '}' in object")
		}
	}
}

func (p *parser) trailing() error {
	p.ws()
	if p.pos != len(p.data) {
		return p.fail("unexpected data after the JSON Value")
	}
	return nil
}

// SkimArray calls fn for each element of the JSON array data (already
// validated), with its index.
func SkimArray(data []byte, fn func(i int, elem []byte) error) error {
	p := parser{data: data}
	p.ws()
	if p.pos >= len(data) || data[p.pos] != '[' {
		return errors.New("not an array")
	}
	p.pos++
	p.ws()
	if p.pos < len(data) && data[p.pos] == ']' {
		return nil
	}
	for i := 0; ; i++ {
		p.ws()
		s := p.pos
		if err := p.skip(1); err != nil {
			return wrap(err, "["+strconv.Itoa(i)+"]")
		}
		if err := fn(i, data[s:p.pos]); err != nil {
			return err
		}
		p.ws()
		if p.pos >= len(data) {
			return p.fail("")
		}
		if data[p.pos] == ']' {
			return nil
		}
		if data[p.pos] != ',' {
			return p.fail("expected ',' or ']' in array")
		}
		p.pos++
	}
}

func KindOf(c byte) Kind {
	switch c {
	case '{':
		return Object
	case '[':
		return Array
	case '"':
		return String
	case 't', 'f':
		return Bool
	case 'n':
		return Null
	}
	return Number
}
