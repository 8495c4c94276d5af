package ocds

import (
	"errors"

	"github.com/probity/probity/internal/jsonscan"
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
func reconstruct(v *jsonscan.Value) ([][]byte, error) {
	if v.Kind != jsonscan.Object {
		return nil, errors.New("a versioned release must be a JSON object")
	}
	ocid := v.Get("ocid")
	if _, ok := ocid.Str(); !ok {
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
		dates[i], _ = r.date.Str()
		order[i] = i
	}
	sortByDate(dates, order)
	out := make([][]byte, 0, len(rb.rels))
	for _, i := range order {
		r := rb.rels[i]
		b := []byte(`{"ocid":`)
		b = jsonscan.AppendValue(b, ocid)
		b = append(b, `,"id":`...)
		b = jsonscan.AppendValue(b, r.id)
		b = append(b, `,"date":`...)
		b = jsonscan.AppendValue(b, r.date)
		if r.tag != nil && r.tag.Kind != jsonscan.Null {
			b = append(b, `,"tag":`...)
			b = jsonscan.AppendValue(b, r.tag)
		}
		for j, k := range r.root.Keys {
			b = append(b, ',')
			b = jsonscan.AppendQuoted(b, k)
			b = append(b, ':')
			b = jsonscan.AppendValue(b, &r.root.Kids[j])
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
	id, date, tag *jsonscan.Value
	root          jsonscan.Value // object being built
	noID          map[string]int // array items without id: path -> index
}

// seg is one step of a path in a versioned release: an object member, or
// an array item identified by its id (or, with none, its position).
type seg struct {
	key   string
	item  bool
	ident string
	id    *jsonscan.Value
}

func isHistory(v *jsonscan.Value) bool {
	if v.Kind != jsonscan.Array || len(v.Kids) == 0 {
		return false
	}
	for i := range v.Kids {
		e := &v.Kids[i]
		if e.Kind != jsonscan.Object || e.Get("releaseDate") == nil || e.Get("value") == nil {
			return false
		}
	}
	return true
}

func (rb *rebuild) walk(v *jsonscan.Value, path []seg, top bool) error {
	for i, key := range v.Keys {
		kv := &v.Kids[i]
		if top && key == "ocid" {
			continue
		}
		p := append(path[:len(path):len(path)], seg{key: key})
		switch {
		case isHistory(kv):
			for j := range kv.Kids {
				if err := rb.set(&kv.Kids[j], p); err != nil {
					return err
				}
			}
		case kv.Kind == jsonscan.Object:
			if err := rb.walk(kv, p, false); err != nil {
				return err
			}
		case kv.Kind == jsonscan.Array && allObjects(kv):
			for j := range kv.Kids {
				it := &kv.Kids[j]
				idv := it.Get("id")
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

func (rb *rebuild) set(e *jsonscan.Value, path []seg) error {
	id, date := e.Get("releaseID"), e.Get("releaseDate")
	if _, ok := date.Str(); !ok {
		return errors.New("versioned value has no string releaseDate")
	}
	if id == nil || (id.Kind != jsonscan.String && id.Kind != jsonscan.Number) {
		return errors.New("versioned value has no releaseID")
	}
	key := string(id.Raw) + "\x00" + string(date.Raw)
	r := rb.byKey[key]
	if r == nil {
		r = &rrel{id: id, date: date, tag: e.Get("releaseTag"), root: jsonscan.Value{Kind: jsonscan.Object}}
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
					n.Kids = append(n.Kids, jsonscan.Value{Kind: jsonscan.Object})
					j = len(n.Kids) - 1
					r.noID[string(where)] = j
				}
				n = &n.Kids[j]
				continue
			}
			n = itemOf(n, s)
			continue
		}
		if last {
			setMember(n, s.key, *e.Get("value"))
			return nil
		}
		next := path[i+1]
		c := n.Get(s.key)
		if c == nil {
			k := jsonscan.Object
			if next.item {
				k = jsonscan.Array
			}
			setMember(n, s.key, jsonscan.Value{Kind: k})
			c = n.Get(s.key)
		}
		n = c
	}
	return nil
}

func setMember(n *jsonscan.Value, key string, v jsonscan.Value) {
	for i, k := range n.Keys {
		if k == key {
			n.Kids[i] = v
			return
		}
	}
	n.Keys = append(n.Keys, key)
	n.Kids = append(n.Kids, v)
}

// itemOf finds or adds, in array n, the object with the id of segment s.
func itemOf(n *jsonscan.Value, s seg) *jsonscan.Value {
	for i := range n.Kids {
		it := &n.Kids[i]
		if ident, ok := identity(it.Get("id")); ok && ident == s.ident {
			return it
		}
	}
	it := jsonscan.Value{Kind: jsonscan.Object, Keys: []string{"id"}, Kids: []jsonscan.Value{*s.id}}
	n.Kids = append(n.Kids, it)
	return &n.Kids[len(n.Kids)-1]
}
