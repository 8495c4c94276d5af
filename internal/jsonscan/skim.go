package ocds

import (
	"bytes"
	"errors"
)

// member is one member of an object found by skim: its decoded key is
// only computed when asked for.
type member struct {
	rawKey []byte // the key token without quotes (may hold escapes)
	val    []byte // the value's bytes
	k      kind
}

func (m *member) is(key string) bool {
	if bytes.IndexByte(m.rawKey, '\\') < 0 {
		return string(m.rawKey) == key
	}
	s, err := unquote(append(append([]byte{'"'}, m.rawKey...), '"'))
	return err == nil && s == key
}

func (m *member) key() string {
	if bytes.IndexByte(m.rawKey, '\\') < 0 {
		return string(m.rawKey)
	}
	s, _ := unquote(append(append([]byte{'"'}, m.rawKey...), '"'))
	return s
}

func (m *member) str() (string, bool) {
	if m.k != kStr {
		return "", false
	}
	s, err := unquote(m.val)
	return s, err == nil
}

var errNotObject = errors.New("not an object")

// skimObject validates data as one JSON object and calls fn for each
// member, without building values. It returns errNotObject (unwrapped)
// when data is valid JSON of another type.
func skimObject(data []byte, fn func(m *member) error) error {
	p := parser{data: data}
	p.ws()
	if p.pos >= len(data) {
		return p.fail("")
	}
	if data[p.pos] != '{' {
		if err := valid(data); err != nil {
			return err
		}
		return errNotObject
	}
	p.pos++
	p.ws()
	if p.pos < len(data) && data[p.pos] == '}' {
		p.pos++
		return p.trailing()
	}
	var m member
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
			return wrap(err, pathKey(m.key()))
		}
		m.val = data[vs:p.pos]
		m.k = kindOf(data[vs])
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
		return p.fail("unexpected data after the JSON value")
	}
	return nil
}

// skimArray calls fn for each element of the JSON array data (already
// validated), with its index.
func skimArray(data []byte, fn func(i int, elem []byte) error) error {
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
			return wrap(err, "["+itoa(i)+"]")
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

func kindOf(c byte) kind {
	switch c {
	case '{':
		return kObj
	case '[':
		return kArr
	case '"':
		return kStr
	case 't', 'f':
		return kBool
	case 'n':
		return kNull
	}
	return kNum
}
