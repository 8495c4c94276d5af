package jsonscan

import (
	"bytes"
	"sync"
)

// Names is a table of object member names — a schema's property names,
// say — for which parsing returns the table's string instead of allocating
// one per member. It is only read; nil is allowed.
type Names map[string]string

// internKey decodes an object key token, returning a shared string for
// the names of p.names, or for names seen before, so that parsing does not
// allocate one string per member.
func (p *parser) internKey(raw []byte) (string, error) {
	if len(raw) >= 2 && bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 {
		b := raw[1 : len(raw)-1]
		if s, ok := p.names[string(b)]; ok {
			return s, nil
		}
		if p.local == nil {
			p.local = localKeys.Get().(map[string]string)
		}
		if s, ok := p.local[string(b)]; ok {
			return s, nil
		}
		s := string(b)
		if len(p.local) < 4096 {
			p.local[s] = s
		}
		return s, nil
	}
	return Unquote(raw)
}

// localKeys holds maps of the other member names seen, reused across
// parses (extension fields such as "name_hy" repeat in every release).
var localKeys = sync.Pool{New: func() any { return map[string]string{} }}

// release returns the parser's pooled map.
func (p *parser) release() {
	if p.local != nil {
		localKeys.Put(p.local)
		p.local = nil
	}
}

// memberKey reads the start of an object member — white space, the key,
// white space, ':' and white space — and returns the interned key.
func (p *parser) memberKey() (string, error) {
	p.ws()
	if p.pos >= len(p.data) || p.data[p.pos] != '"' {
		return "", p.fail("expected a string key in object")
	}
	ks := p.pos
	if err := p.str(); err != nil {
		return "", err
	}
	key, err := p.internKey(p.data[ks:p.pos])
	if err != nil {
		return "", p.fail(err.Error())
	}
	p.ws()
	if p.pos >= len(p.data) || p.data[p.pos] != ':' {
		return "", wrap(p.fail("expected ':' after object key"), PathKey(key))
	}
	p.pos++
	p.ws()
	return key, nil
}
