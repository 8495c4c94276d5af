package jsonscan

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the JSON type of a value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// Value is a parsed JSON value that keeps the raw bytes of every scalar
// (strings with their quotes), so that scalars are written back exactly as
// they were read and object member order is preserved.
type Value struct {
	Kind Kind
	Raw  []byte   // scalars: the token as read
	Keys []string // objects: decoded member names, in order
	Kids []Value  // objects: member values (aligned with Keys); arrays: elements
}

// Get returns the member named key of an object, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := len(v.Keys) - 1; i >= 0; i-- { // the last of duplicate members wins
		if v.Keys[i] == key {
			return &v.Kids[i]
		}
	}
	return nil
}

// Str returns the decoded string of a string value and true, or "" and false.
func (v *Value) Str() (string, bool) {
	if v == nil || v.Kind != String {
		return "", false
	}
	s, err := Unquote(v.Raw)
	return s, err == nil
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 512

// SyntaxError is a JSON syntax error at a byte offset, with the JSON path
// of the value being read.
type SyntaxError struct {
	Off  int    // byte offset in the parsed data
	Path string // JSON path of the value, as ".releases[3].tender"
	Msg  string
}

func (e *SyntaxError) Error() string { return e.Msg }

// Parse parses data, which must hold exactly one JSON value.
func Parse(data []byte, names Names) (Value, error) {
	p := parser{data: data, names: names}
	defer p.release()
	p.ws()
	v, err := p.value(0)
	if err != nil {
		return Value{}, err
	}
	p.ws()
	if p.pos != len(p.data) {
		return Value{}, p.fail("unexpected data after the JSON Value")
	}
	return v, nil
}

// ParseDup is parse that also reports whether some object repeats a
// member name.
func ParseDup(data []byte, names Names) (Value, bool, error) {
	p := parser{data: data, names: names}
	defer p.release()
	p.ws()
	v, err := p.value(0)
	if err != nil {
		return Value{}, false, err
	}
	p.ws()
	if p.pos != len(p.data) {
		return Value{}, false, p.fail("unexpected data after the JSON Value")
	}
	return v, p.dup, nil
}

func hasDup(keys []string) bool {
	if len(keys) > 24 {
		seen := make(map[string]struct{}, len(keys))
		for _, k := range keys {
			if _, ok := seen[k]; ok {
				return true
			}
			seen[k] = struct{}{}
		}
		return false
	}
	for i := 1; i < len(keys); i++ {
		for j := 0; j < i; j++ {
			if keys[i] == keys[j] {
				return true
			}
		}
	}
	return false
}

// Valid reports whether data holds exactly one valid JSON value, without
// building it.
func Valid(data []byte) error {
	p := parser{data: data}
	p.ws()
	if err := p.skip(0); err != nil {
		return err
	}
	p.ws()
	if p.pos != len(p.data) {
		return p.fail("unexpected data after the JSON Value")
	}
	return nil
}

type parser struct {
	data []byte
	pos  int
	// Scratch stacks for the members of objects being parsed: each object
	// gets exact-size slices once it is complete.
	keys []string
	vals []Value
	// dup is set when some object repeats a member name.
	dup bool
	// names and local intern member names (see internKey).
	names Names
	local map[string]string
}

func (p *parser) fail(msg string) *SyntaxError {
	if p.pos >= len(p.data) {
		msg = "unexpected end of JSON (truncated input?)"
	}
	return &SyntaxError{Off: p.pos, Msg: msg}
}

// wrap prefixes the JSON path of err with seg (".key" or "[3]").
func wrap(err error, seg string) error {
	var se *SyntaxError
	if errors.As(err, &se) {
		se.Path = seg + se.Path
	}
	return err
}

func (p *parser) ws() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (Value, error) {
	if p.pos >= len(p.data) {
		return Value{}, p.fail("")
	}
	switch c := p.data[p.pos]; c {
	case '{':
		return p.object(depth + 1)
	case '[':
		return p.array(depth + 1)
	case '"':
		start := p.pos
		if err := p.str(); err != nil {
			return Value{}, err
		}
		return Value{Kind: String, Raw: p.data[start:p.pos]}, nil
	case 't', 'f', 'n':
		return p.literal()
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			start := p.pos
			if err := p.number(); err != nil {
				return Value{}, err
			}
			return Value{Kind: Number, Raw: p.data[start:p.pos]}, nil
		}
		return Value{}, p.fail("invalid character " + strconv.QuoteRune(rune(c)) + " looking for a Value")
	}
}

func (p *parser) literal() (Value, error) {
	rest := p.data[p.pos:]
	for _, lit := range [...]struct {
		s string
		k Kind
	}{{"true", Bool}, {"false", Bool}, {"null", Null}} {
		if bytes.HasPrefix(rest, []byte(lit.s)) {
			v := Value{Kind: lit.k, Raw: rest[:len(lit.s)]}
			p.pos += len(lit.s)
			return v, nil
		}
	}
	return Value{}, p.fail("invalid literal")
}

func (p *parser) object(depth int) (Value, error) {
	if depth > maxDepth {
		return Value{}, p.fail("JSON nested too deeply")
	}
	p.pos++ // '{'
	v := Value{Kind: Object}
	p.ws()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	base, kbase := len(p.vals), len(p.keys)
	defer func() {
		p.keys, p.vals = p.keys[:kbase], p.vals[:base]
	}()
	for {
		key, err := p.memberKey()
		if err != nil {
			return Value{}, err
		}
		kid, err := p.value(depth)
		if err != nil {
			return Value{}, wrap(err, PathKey(key))
		}
		p.keys = append(p.keys, key)
		p.vals = append(p.vals, kid)
		p.ws()
		if p.pos >= len(p.data) {
			return Value{}, p.fail("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			n := len(p.vals) - base
			v.Keys = make([]string, n)
			v.Kids = make([]Value, n)
			copy(v.Keys, p.keys[kbase:])
			copy(v.Kids, p.vals[base:])
			if !p.dup && hasDup(v.Keys) {
				p.dup = true
			}
			return v, nil
		default:
			return Value{}, p.fail("expected ',' or '}' in object")
		}
	}
}

func (p *parser) array(depth int) (Value, error) {
	if depth > maxDepth {
		return Value{}, p.fail("JSON nested too deeply")
	}
	p.pos++ // '['
	v := Value{Kind: Array}
	p.ws()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return v, nil
	}
	base := len(p.vals)
	defer func() { p.vals = p.vals[:base] }()
	for i := 0; ; i++ {
		p.ws()
		kid, err := p.value(depth)
		if err != nil {
			return Value{}, wrap(err, "["+strconv.Itoa(i)+"]")
		}
		p.vals = append(p.vals, kid)
		p.ws()
		if p.pos >= len(p.data) {
			return Value{}, p.fail("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			v.Kids = make([]Value, len(p.vals)-base)
			copy(v.Kids, p.vals[base:])
			return v, nil
		default:
			return Value{}, p.fail("expected ',' or ']' in array")
		}
	}
}

// skip validates one value without building it.
func (p *parser) skip(depth int) error {
	if p.pos >= len(p.data) {
		return p.fail("")
	}
	switch c := p.data[p.pos]; c {
	case '{':
		if depth+1 > maxDepth {
			return p.fail("JSON nested too deeply")
		}
		p.pos++
		p.ws()
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			p.pos++
			return nil
		}
		for {
			p.ws()
			if p.pos >= len(p.data) || p.data[p.pos] != '"' {
				return p.fail("expected a string key in object")
			}
			ks := p.pos
			if err := p.str(); err != nil {
				return err
			}
			p.ws()
			if p.pos >= len(p.data) || p.data[p.pos] != ':' {
				return p.fail("expected ':' after object key")
			}
			p.pos++
			p.ws()
			if err := p.skip(depth + 1); err != nil {
				k, _ := Unquote(p.data[ks:])
				return wrap(err, PathKey(k))
			}
			p.ws()
			if p.pos >= len(p.data) {
				return p.fail("")
			}
			switch p.data[p.pos] {
			case ',':
				p.pos++
			case '}':
				p.pos++
				return nil
			default:
				return p.fail("expected ',' or '}' in object")
			}
		}
	case '[':
		if depth+1 > maxDepth {
			return p.fail("JSON nested too deeply")
		}
		p.pos++
		p.ws()
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return nil
		}
		for i := 0; ; i++ {
			p.ws()
			if err := p.skip(depth + 1); err != nil {
				return wrap(err, "["+strconv.Itoa(i)+"]")
			}
			p.ws()
			if p.pos >= len(p.data) {
				return p.fail("")
			}
			switch p.data[p.pos] {
			case ',':
				p.pos++
			case ']':
				p.pos++
				return nil
			default:
				return p.fail("expected ',' or ']' in array")
			}
		}
	case '"':
		return p.str()
	case 't', 'f', 'n':
		_, err := p.literal()
		return err
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			return p.number()
		}
		return p.fail("invalid character " + strconv.QuoteRune(rune(c)) + " looking for a Value")
	}
}

// str consumes a string token, validating escapes and control characters.
func (p *parser) str() error {
	p.pos++ // opening quote
	for p.pos < len(p.data) {
		// Fast scan to the next quote, backslash or control character.
		i := stringStop(p.data, p.pos)
		p.pos = i
		if i >= len(p.data) {
			break
		}
		switch c := p.data[i]; {
		case c == '"':
			p.pos++
			return nil
		case c < 0x20:
			return p.fail("control character in string")
		default: // backslash
			if i+1 >= len(p.data) {
				p.pos = len(p.data)
				return p.fail("")
			}
			switch p.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.pos = i + 2
			case 'u':
				if i+6 > len(p.data) {
					p.pos = len(p.data)
					return p.fail("")
				}
				for _, h := range p.data[i+2 : i+6] {
					if !isHex(h) {
						p.pos = i
						return p.fail("invalid \\u escape in string")
					}
				}
				p.pos = i + 6
			default:
				p.pos = i
				return p.fail("invalid escape in string")
			}
		}
	}
	return p.fail("")
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// number consumes a number token following the JSON grammar.
func (p *parser) number() error {
	d := p.data
	i := p.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
	default:
		p.pos = i
		return p.fail("invalid number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == j {
			p.pos = i
			return p.fail("invalid number")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		if i == j {
			p.pos = i
			return p.fail("invalid number")
		}
	}
	p.pos = i
	return nil
}

// Unquote decodes a JSON string token (with its quotes).
func Unquote(raw []byte) (string, error) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", errors.New("not a string")
	}
	end := bytes.IndexByte(raw[1:], '"') + 1
	if end > 0 && bytes.IndexByte(raw[1:end], '\\') < 0 {
		return string(raw[1:end]), nil
	}
	var b strings.Builder
	for i := 1; i < len(raw); {
		c := raw[i]
		switch {
		case c == '"':
			return b.String(), nil
		case c != '\\':
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(raw) {
			break
		}
		switch raw[i+1] {
		case '"', '\\', '/':
			b.WriteByte(raw[i+1])
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, n := hexRune(raw[i:])
			if n == 0 {
				return "", errors.New("invalid \\u escape")
			}
			b.WriteRune(r)
			i += n
			continue
		default:
			return "", errors.New("invalid escape")
		}
		i += 2
	}
	return "", errors.New("unterminated string")
}

// hexRune decodes a \uXXXX escape (and a following low surrogate) at the
// start of s, returning the rune and the bytes consumed (0 if invalid).
func hexRune(s []byte) (rune, int) {
	h := func(b []byte) (rune, bool) {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(string(b[2:6]), 16, 32)
		return rune(n), err == nil
	}
	r, ok := h(s)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(r) {
		if r2, ok := h(s[6:]); ok {
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				return d, 12
			}
		}
		return utf8.RuneError, 6
	}
	return r, 6
}

// PathKey renders an object member for a JSON path.
func PathKey(k string) string {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || (i > 0 && c >= '0' && c <= '9')) {
			return "[" + strconv.Quote(k) + "]"
		}
	}
	if k == "" {
		return `[""]`
	}
	return "." + k
}

// AppendQuoted appends s as a JSON string.
func AppendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// AppendValue appends v as compact JSON.
func AppendValue(dst []byte, v *Value) []byte {
	switch v.Kind {
	case Object:
		dst = append(dst, '{')
		for i := range v.Kids {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendQuoted(dst, v.Keys[i])
			dst = append(dst, ':')
			dst = AppendValue(dst, &v.Kids[i])
		}
		return append(dst, '}')
	case Array:
		dst = append(dst, '[')
		for i := range v.Kids {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendValue(dst, &v.Kids[i])
		}
		return append(dst, ']')
	default:
		return append(dst, v.Raw...)
	}
}

// Equal reports whether a and b are the same JSON value: objects compare
// without regard to member order, numbers by value, strings decoded.
func Equal(a, b *Value) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Null:
		return true
	case Bool:
		return bytes.Equal(a.Raw, b.Raw)
	case Number:
		if bytes.Equal(a.Raw, b.Raw) {
			return true
		}
		x, err1 := strconv.ParseFloat(string(a.Raw), 64)
		y, err2 := strconv.ParseFloat(string(b.Raw), 64)
		return err1 == nil && err2 == nil && x == y
	case String:
		if bytes.Equal(a.Raw, b.Raw) {
			return true
		}
		x, _ := Unquote(a.Raw)
		y, _ := Unquote(b.Raw)
		return x == y
	case Array:
		if len(a.Kids) != len(b.Kids) {
			return false
		}
		for i := range a.Kids {
			if !Equal(&a.Kids[i], &b.Kids[i]) {
				return false
			}
		}
		return true
	default:
		if len(a.Kids) != len(b.Kids) {
			return false
		}
		for i, k := range a.Keys {
			o := b.Get(k)
			if o == nil || !Equal(&a.Kids[i], o) {
				return false
			}
		}
		return true
	}
}
