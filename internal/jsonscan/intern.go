package ocds

import (
	"bytes"
	"encoding/json"
	"sync"
)

// internKey decodes an object key token, returning a shared string for
// the member names of the OCDS schemas so that parsing does not allocate
// one string per member.
func (p *parser) internKey(raw []byte) (string, error) {
	if len(raw) >= 2 && bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 {
		b := raw[1 : len(raw)-1]
		if s, ok := interned()[string(b)]; ok {
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
	return unquote(raw)
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

var interned = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	var walk func(any)
	walk = func(x any) {
		switch t := x.(type) {
		case map[string]any:
			if props, ok := t["properties"].(map[string]any); ok {
				for k := range props {
					m[k] = k
				}
			}
			for _, v := range t {
				walk(v)
			}
		case []any:
			for _, v := range t {
				walk(v)
			}
		}
	}
	for _, name := range []string{"schema/release-schema-1.0.json", "schema/release-schema-1.1.json"} {
		b, err := schemas.ReadFile(name)
		if err != nil {
			continue
		}
		var doc any
		if json.Unmarshal(b, &doc) == nil {
			walk(doc)
		}
	}
	for _, k := range []string{"releaseID", "releaseDate", "releaseTag", "value", "legalName_hy", "legalName_ru", "legalName_en", "name_en", "name_ru", "name_hy", "lots", "relatedLot", "relatedLots"} {
		m[k] = k
	}
	return m
})

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
		return "", wrap(p.fail("expected ':' after object key"), pathKey(key))
	}
	p.pos++
	p.ws()
	return key, nil
}
