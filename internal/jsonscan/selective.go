package jsonscan

import "strconv"

// Selector names the members to build when parsing: a member listed with
// a nil Selector is built whole, one listed with a Selector is built
// selectively, and members not listed are validated and skipped. A
// Selector applies to every element of an array.
type Selector map[string]Selector

// ParseSelect parses data like parse, building only what sel names.
func ParseSelect(data []byte, sel Selector, names Names) (Value, error) {
	p := parser{data: data, names: names}
	defer p.release()
	p.ws()
	v, err := p.valueSel(0, sel)
	if err != nil {
		return Value{}, err
	}
	p.ws()
	if p.pos != len(p.data) {
		return Value{}, p.fail("unexpected data after the JSON Value")
	}
	return v, nil
}

func (p *parser) valueSel(depth int, sel Selector) (Value, error) {
	if sel == nil || p.pos >= len(p.data) {
		return p.value(depth)
	}
	switch p.data[p.pos] {
	case '[':
		if depth+1 > maxDepth {
			return Value{}, p.fail("JSON nested too deeply")
		}
		p.pos++
		v := Value{Kind: Array}
		p.ws()
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return v, nil
		}
		for i := 0; ; i++ {
			p.ws()
			kid, err := p.valueSel(depth+1, sel)
			if err != nil {
				return Value{}, wrap(err, "["+strconv.Itoa(i)+"]")
			}
			v.Kids = append(v.Kids, kid)
			p.ws()
			if p.pos >= len(p.data) {
				return Value{}, p.fail("")
			}
			switch p.data[p.pos] {
			case ',':
				p.pos++
			case ']':
				p.pos++
				return v, nil
			default:
				return Value{}, p.fail("expected ',' or ']' in array")
			}
		}
	case '{':
	default:
		return p.value(depth)
	}
	if depth+1 > maxDepth {
		return Value{}, p.fail("JSON nested too deeply")
	}
	p.pos++
	v := Value{Kind: Object}
	p.ws()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	for {
		key, err := p.memberKey()
		if err != nil {
			return Value{}, err
		}
		if ksel, ok := sel[key]; ok {
			kid, err := p.valueSel(depth+1, ksel)
			if err != nil {
				return Value{}, wrap(err, PathKey(key))
			}
			v.Keys = append(v.Keys, key)
			v.Kids = append(v.Kids, kid)
		} else if err := p.skip(depth + 1); err != nil {
			return Value{}, wrap(err, PathKey(key))
		}
		p.ws()
		if p.pos >= len(p.data) {
			return Value{}, p.fail("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return v, nil
		default:
			return Value{}, p.fail("expected ',' or '}' in object")
		}
	}
}
