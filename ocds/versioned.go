package ocds

import (
	"errors"
)

// reconstruct rebuilds releases from a versioned release: every history
// entry {releaseID, releaseDate, releaseTag, value} goes into the release
// with that releaseID and releaseDate, at the entry's path (objects in
// merged arrays keep their plain `id`). Each rebuilt release holds the
// values that changed at that release, nulls included, so that merging
// the rebuilt releases gives the same compiled release. Releases come out
// in date order.
//
// An object without an `id` inside a merged array cannot be matched across
// releases, so its values are placed in one object per release; merging
// then yields one object per release that changed it.
func reconstruct(v *value) ([][]byte, error) {
	if v.k != kObj {
		return nil, errors.New("a versioned release must be a JSON object")
	}
	ocid := v.get("ocid")
	if _, ok := ocid.str(); !ok {
		return nil, errors.New("versioned release has no string ocid")
	}
	rb := &rebuild{byKey: map[string]*rrel{}}
	if err := rb.walk(v, nil, true); err != nil {
		return nil, err
	}
	if len(rb.rels) == 0 {
		return nil, errors.New("versioned release holds no versioned values")
	}
	dates := make([]string, len(rb.rels))
	order := make([]int, len(rb.rels))
	for i, r := range rb.rels {
		dates[i], _ = r.date.str()
		order[i] = i
	}
	sortByDate(dates, order)
	out := make([][]byte, 0, len(rb.rels))
	for _, i := range order {
		r := rb.rels[i]
		b := []byte(`{"ocid":`)
		b = appendValue(b, ocid)
		b = append(b, `,"id":`...)
		b = appendValue(b, r.id)
		b = append(b, `,"date":`...)
		b = appendValue(b, r.date)
		if r.tag != nil && r.tag.k != kNull {
			b = append(b, `,"tag":`...)
			b = appendValue(b, r.tag)
		}
		for j, k := range r.root.keys {
			b = append(b, ',')
			b = appendQuoted(b, k)
			b = append(b, ':')
			b = appendValue(b, &r.root.kids[j])
		}
		out = append(out, append(b, '}'))
	}
	return out, nil
}

type rebuild struct {
	rels  []*rrel
	byKey map[string]*rrel
}

type rrel struct {
	id, date, tag *value
	root          value          // object being built
	noID          map[string]int // array items without id: path -> index
}

// seg is one step of a path in a versioned release: an object member, or
// an array item identified by its id (or, with none, its position).
type seg struct {
	key   string
	item  bool
	ident string
	id    *value
}

func isHistory(v *value) bool {
	if v.k != kArr || len(v.kids) == 0 {
		return false
	}
	for i := range v.kids {
		e := &v.kids[i]
		if e.k != kObj || e.get("releaseDate") == nil || e.get("value") == nil {
			return false
		}
	}
	return true
}

func (rb *rebuild) walk(v *value, path []seg, top bool) error {
	for i, key := range v.keys {
		kv := &v.kids[i]
		if top && key == "ocid" {
			continue
		}
		p := append(path[:len(path):len(path)], seg{key: key})
		switch {
		case isHistory(kv):
			for j := range kv.kids {
				if err := rb.set(&kv.kids[j], p); err != nil {
					return err
				}
			}
		case kv.k == kObj:
			if err := rb.walk(kv, p, false); err != nil {
				return err
			}
		case kv.k == kArr && allObjects(kv):
			for j := range kv.kids {
				it := &kv.kids[j]
				idv := it.get("id")
				ident, ok := identity(idv)
				s := seg{item: true, ident: ident, id: idv}
				if !ok {
					s = seg{item: true, ident: "\x00p" + itoa(j)}
				}
				if err := rb.walk(it, append(p[:len(p):len(p)], s), false); err != nil {
					return err
				}
			}
		}
		// Other plain values carry no history: nothing to rebuild.
	}
	return nil
}

func (rb *rebuild) set(e *value, path []seg) error {
	id, date := e.get("releaseID"), e.get("releaseDate")
	if _, ok := date.str(); !ok {
		return errors.New("versioned value has no string releaseDate")
	}
	if id == nil || (id.k != kStr && id.k != kNum) {
		return errors.New("versioned value has no releaseID")
	}
	key := string(id.raw) + "\x00" + string(date.raw)
	r := rb.byKey[key]
	if r == nil {
		r = &rrel{id: id, date: date, tag: e.get("releaseTag"), root: value{k: kObj}}
		rb.byKey[key] = r
		rb.rels = append(rb.rels, r)
	}
	n := &r.root
	var where []byte
	for i, s := range path {
		last := i == len(path)-1
		where = append(append(where, 0), s.key...)
		where = append(append(where, 1), s.ident...)
		if s.item {
			if s.id == nil {
				if r.noID == nil {
					r.noID = map[string]int{}
				}
				j, ok := r.noID[string(where)]
				if !ok {
					n.kids = append(n.kids, value{k: kObj})
					j = len(n.kids) - 1
					r.noID[string(where)] = j
				}
				n = &n.kids[j]
				continue
			}
			n = itemOf(n, s)
			continue
		}
		if last {
			setMember(n, s.key, *e.get("value"))
			return nil
		}
		next := path[i+1]
		c := n.get(s.key)
		if c == nil {
			k := kObj
			if next.item {
				k = kArr
			}
			setMember(n, s.key, value{k: k})
			c = n.get(s.key)
		}
		n = c
	}
	return nil
}

func setMember(n *value, key string, v value) {
	for i, k := range n.keys {
		if k == key {
			n.kids[i] = v
			return
		}
	}
	n.keys = append(n.keys, key)
	n.kids = append(n.kids, v)
}

// itemOf finds or adds, in array n, the object with the id of segment s.
func itemOf(n *value, s seg) *value {
	for i := range n.kids {
		it := &n.kids[i]
		if ident, ok := identity(it.get("id")); ok && ident == s.ident {
			return it
		}
	}
	it := value{k: kObj, keys: []string{"id"}, kids: []value{*s.id}}
	n.kids = append(n.kids, it)
	return &n.kids[len(n.kids)-1]
}
