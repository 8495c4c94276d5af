package ocds

import "strconv"

// selector names the members to build when parsing: a member listed with
// a nil selector is built whole, one listed with a selector is built
// selectively, and members not listed are validated and skipped. A
// selector applies to every element of an array.
type selector map[string]selector

// parseSelect parses data like parse, building only what sel names.
func parseSelect(data []byte, sel selector) (value, error) {
	p := parser{data: data}
	defer p.release()
	p.ws()
	v, err := p.valueSel(0, sel)
	if err != nil {
		return value{}, err
	}
	p.ws()
	if p.pos != len(p.data) {
		return value{}, p.fail("unexpected data after the JSON value")
	}
	return v, nil
}

func (p *parser) valueSel(depth int, sel selector) (value, error) {
	if sel == nil || p.pos >= len(p.data) {
		return p.value(depth)
	}
	switch p.data[p.pos] {
	case '[':
		if depth+1 > maxDepth {
			return value{}, p.fail("JSON nested too deeply")
		}
		p.pos++
		v := value{k: kArr}
		p.ws()
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			return v, nil
		}
		for i := 0; ; i++ {
			p.ws()
			kid, err := p.valueSel(depth+1, sel)
			if err != nil {
				return value{}, wrap(err, "["+strconv.Itoa(i)+"]")
			}
			v.kids = append(v.kids, kid)
			p.ws()
			if p.pos >= len(p.data) {
				return value{}, p.fail("")
			}
			switch p.data[p.pos] {
			case ',':
				p.pos++
			case ']':
				p.pos++
				return v, nil
			default:
				return value{}, p.fail("expected ',' or ']' in array")
			}
		}
	case '{':
	default:
		return p.value(depth)
	}
	if depth+1 > maxDepth {
		return value{}, p.fail("JSON nested too deeply")
	}
	p.pos++
	v := value{k: kObj}
	p.ws()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	for {
		key, err := p.memberKey()
		if err != nil {
			return value{}, err
		}
		if ksel, ok := sel[key]; ok {
			kid, err := p.valueSel(depth+1, ksel)
			if err != nil {
				return value{}, wrap(err, pathKey(key))
			}
			v.keys = append(v.keys, key)
			v.kids = append(v.kids, kid)
		} else if err := p.skip(depth + 1); err != nil {
			return value{}, wrap(err, pathKey(key))
		}
		p.ws()
		if p.pos >= len(p.data) {
			return value{}, p.fail("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return v, nil
		default:
			return value{}, p.fail("expected ',' or '}' in object")
		}
	}
}
