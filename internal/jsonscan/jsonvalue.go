package ocds

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// kind is the JSON type of a value.
type kind uint8

const (
	kNull kind = iota
	kBool
	kNum
	kStr
	kArr
	kObj
)

// value is a parsed JSON value that keeps the raw bytes of every scalar
// (strings with their quotes), so that scalars are written back exactly as
// they were read and object member order is preserved.
type value struct {
	k    kind
	raw  []byte   // scalars: the token as read
	keys []string // objects: decoded member names, in order
	kids []value  // objects: member values (aligned with keys); arrays: elements
}

// get returns the member named key of an object, or nil.
func (v *value) get(key string) *value {
	if v == nil || v.k != kObj {
		return nil
	}
	for i := len(v.keys) - 1; i >= 0; i-- { // the last of duplicate members wins
		if v.keys[i] == key {
			return &v.kids[i]
		}
	}
	return nil
}

// str returns the decoded string of a string value and true, or "" and false.
func (v *value) str() (string, bool) {
	if v == nil || v.k != kStr {
		return "", false
	}
	s, err := unquote(v.raw)
	return s, err == nil
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 512

// syntaxError is a JSON syntax error at a byte offset, with the JSON path
// of the value being read.
type syntaxError struct {
	off  int
	path string
	msg  string
}

func (e *syntaxError) Error() string { return e.msg }

// parse parses data, which must hold exactly one JSON value.
func parse(data []byte) (value, error) {
	p := parser{data: data}
	defer p.release()
	p.ws()
	v, err := p.value(0)
	if err != nil {
		return value{}, err
	}
	p.ws()
	if p.pos != len(p.data) {
		return value{}, p.fail("unexpected data after the JSON value")
	}
	return v, nil
}

// parseDup is parse that also reports whether some object repeats a
// member name.
func parseDup(data []byte) (value, bool, error) {
	p := parser{data: data}
	defer p.release()
	p.ws()
	v, err := p.value(0)
	if err != nil {
		return value{}, false, err
	}
	p.ws()
	if p.pos != len(p.data) {
		return value{}, false, p.fail("unexpected data after the JSON value")
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

// valid reports whether data holds exactly one valid JSON value, without
// building it.
func valid(data []byte) error {
	p := parser{data: data}
	p.ws()
	if err := p.skip(0); err != nil {
		return err
	}
	p.ws()
	if p.pos != len(p.data) {
		return p.fail("unexpected data after the JSON value")
	}
	return nil
}

type parser struct {
	data []byte
	pos  int
	// Scratch stacks for the members of objects being parsed: each object
	// gets exact-size slices once it is complete.
	keys []string
	vals []value
	// dup is set when some object repeats a member name.
	dup bool
	// local interns member names not in the schemas (see internKey).
	local map[string]string
	// sel, when set, limits which members are built (see parseSelect).
}

func (p *parser) fail(msg string) *syntaxError {
	if p.pos >= len(p.data) {
		msg = "unexpected end of JSON (truncated input?)"
	}
	return &syntaxError{off: p.pos, msg: msg}
}

// wrap prefixes the JSON path of err with seg (".key" or "[3]").
func wrap(err error, seg string) error {
	var se *syntaxError
	if errors.As(err, &se) {
		se.path = seg + se.path
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

func (p *parser) value(depth int) (value, error) {
	if p.pos >= len(p.data) {
		return value{}, p.fail("")
	}
	switch c := p.data[p.pos]; c {
	case '{':
		return p.object(depth + 1)
	case '[':
		return p.array(depth + 1)
	case '"':
		start := p.pos
		if err := p.str(); err != nil {
			return value{}, err
		}
		return value{k: kStr, raw: p.data[start:p.pos]}, nil
	case 't', 'f', 'n':
		return p.literal()
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			start := p.pos
			if err := p.number(); err != nil {
				return value{}, err
			}
			return value{k: kNum, raw: p.data[start:p.pos]}, nil
		}
		return value{}, p.fail("invalid character " + strconv.QuoteRune(rune(c)) + " looking for a value")
	}
}

func (p *parser) literal() (value, error) {
	rest := p.data[p.pos:]
	for _, lit := range [...]struct {
		s string
		k kind
	}{{"true", kBool}, {"false", kBool}, {"null", kNull}} {
		if bytes.HasPrefix(rest, []byte(lit.s)) {
			v := value{k: lit.k, raw: rest[:len(lit.s)]}
			p.pos += len(lit.s)
			return v, nil
		}
	}
	return value{}, p.fail("invalid literal")
}

func (p *parser) object(depth int) (value, error) {
	if depth > maxDepth {
		return value{}, p.fail("JSON nested too deeply")
	}
	p.pos++ // '{'
	v := value{k: kObj}
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
			return value{}, err
		}
		kid, err := p.value(depth)
		if err != nil {
			return value{}, wrap(err, pathKey(key))
		}
		p.keys = append(p.keys, key)
		p.vals = append(p.vals, kid)
		p.ws()
		if p.pos >= len(p.data) {
			return value{}, p.fail("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			n := len(p.vals) - base
			v.keys = make([]string, n)
			v.kids = make([]value, n)
			copy(v.keys, p.keys[kbase:])
			copy(v.kids, p.vals[base:])
			if !p.dup && hasDup(v.keys) {
				p.dup = true
			}
			return v, nil
		default:
			return value{}, p.fail("expected ',' or '}' in object")
		}
	}
}

func (p *parser) array(depth int) (value, error) {
	if depth > maxDepth {
		return value{}, p.fail("JSON nested too deeply")
	}
	p.pos++ // '['
	v := value{k: kArr}
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
			return value{}, wrap(err, "["+strconv.Itoa(i)+"]")
		}
		p.vals = append(p.vals, kid)
		p.ws()
		if p.pos >= len(p.data) {
			return value{}, p.fail("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			v.kids = make([]value, len(p.vals)-base)
			copy(v.kids, p.vals[base:])
			return v, nil
		default:
			return value{}, p.fail("expected ',' or ']' in array")
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
				k, _ := unquote(p.data[ks:])
				return wrap(err, pathKey(k))
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
		return p.fail("invalid character " + strconv.QuoteRune(rune(c)) + " looking for a value")
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

// unquote decodes a JSON string token (with its quotes).
func unquote(raw []byte) (string, error) {
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

// pathKey renders an object member for a JSON path.
func pathKey(k string) string {
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

// appendQuoted appends s as a JSON string.
func appendQuoted(dst []byte, s string) []byte {
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

// appendValue appends v as compact JSON.
func appendValue(dst []byte, v *value) []byte {
	switch v.k {
	case kObj:
		dst = append(dst, '{')
		for i := range v.kids {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendQuoted(dst, v.keys[i])
			dst = append(dst, ':')
			dst = appendValue(dst, &v.kids[i])
		}
		return append(dst, '}')
	case kArr:
		dst = append(dst, '[')
		for i := range v.kids {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendValue(dst, &v.kids[i])
		}
		return append(dst, ']')
	default:
		return append(dst, v.raw...)
	}
}

// equal reports whether a and b are the same JSON value: objects compare
// without regard to member order, numbers by value, strings decoded.
func equal(a, b *value) bool {
	if a.k != b.k {
		return false
	}
	switch a.k {
	case kNull:
		return true
	case kBool:
		return bytes.Equal(a.raw, b.raw)
	case kNum:
		if bytes.Equal(a.raw, b.raw) {
			return true
		}
		x, err1 := strconv.ParseFloat(string(a.raw), 64)
		y, err2 := strconv.ParseFloat(string(b.raw), 64)
		return err1 == nil && err2 == nil && x == y
	case kStr:
		if bytes.Equal(a.raw, b.raw) {
			return true
		}
		x, _ := unquote(a.raw)
		y, _ := unquote(b.raw)
		return x == y
	case kArr:
		if len(a.kids) != len(b.kids) {
			return false
		}
		for i := range a.kids {
			if !equal(&a.kids[i], &b.kids[i]) {
				return false
			}
		}
		return true
	default:
		if len(a.kids) != len(b.kids) {
			return false
		}
		for i, k := range a.keys {
			o := b.get(k)
			if o == nil || !equal(&a.kids[i], o) {
				return false
			}
		}
		return true
	}
}
