package ocds

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/probity/probity/internal/jsonscan"
)

// Compile merges the releases of one contracting process into a compiled
// release, following the OCDS merge rules: releases are taken in date
// order (stable on ties); a field takes its value from the latest release
// that gives it; `null` removes it; arrays of objects are merged by `id`
// (compared as strings) unless the rules say to replace them whole; fields
// marked omitWhenMerged are dropped. The result has `tag: ["compiled"]`,
// `id` = "<ocid>-<date>" and `date` = the latest release's date.
//
// Every release must be a JSON object with a string `ocid` and `date`.
func Compile(rules *Rules, releases []json.RawMessage) (json.RawMessage, error) {
	m, err := newMerger(rules, releases, false, true)
	if err != nil {
		return nil, err
	}
	return m.result(), nil
}

// Versioned merges the releases of one contracting process into a
// versioned release: every field holds its history as a list of
// {releaseID, releaseDate, releaseTag, value}, one entry each time the
// value changed; `id`s of objects in merged arrays stay plain.
func Versioned(rules *Rules, releases []json.RawMessage) (json.RawMessage, error) {
	m, err := newMerger(rules, releases, true, false)
	if err != nil {
		return nil, err
	}
	return m.result(), nil
}

// mnode is a node of the merged tree: a leaf (a value, or a history),
// an object (named children) or an identifier-merged array (items).
type mnode struct {
	touched bool // some leaf at or below was set
	hasLeaf bool
	leaf    *jsonscan.Value
	hist    []hentry

	cont    jsonscan.Kind // kNull: none yet;, kObj or kArr: which container it became
	keys    []string
	kids    []*mnode
	kidIdx  map[string]int
	items   []*mitem
	itemIdx map[string]int
}

type mitem struct {
	id   *jsonscan.Value // the id of the object that created the item; nil if none
	node *mnode
}

type hentry struct {
	meta *relMeta
	v    *jsonscan.Value
}

type relMeta struct {
	id, date, tag *jsonscan.Value
}

var jsonNull = jsonscan.Value{Kind: jsonscan.Null, Raw: []byte("null")}

type merger struct {
	rules     *Rules
	versioned bool
	root      mnode
	uniq      int
	single    []byte // the result, when the single-release fast path made it
}

func newMerger(rules *Rules, raws []json.RawMessage, versioned, fast bool) (*merger, error) {
	if rules == nil {
		rules = RulesFor("1.1")
	}
	if len(raws) == 0 {
		return nil, errors.New("no releases to merge")
	}
	rels := make([]jsonscan.Value, len(raws))
	dates := make([]string, len(raws))
	order := make([]int, len(raws))
	anyDup := false
	for i, raw := range raws {
		v, dup, err := jsonscan.ParseDup(raw, memberNames())
		anyDup = anyDup || dup
		if err != nil {
			var se *jsonscan.SyntaxError
			if errors.As(err, &se) && se.Path != "" {
				return nil, fmt.Errorf("release %d: %s: %s", i+1, "$"+se.Path, se.Msg)
			}
			return nil, fmt.Errorf("release %d: %w", i+1, err)
		}
		if v.Kind != jsonscan.Object {
			return nil, fmt.Errorf("release %d: not a JSON object", i+1)
		}
		if _, ok := v.Get("ocid").Str(); !ok {
			return nil, fmt.Errorf("release %d: missing or non-string ocid", i+1)
		}
		d, ok := v.Get("date").Str()
		if !ok {
			return nil, fmt.Errorf("release %d: missing or non-string date", i+1)
		}
		rels[i], dates[i], order[i] = v, d, i
	}
	if len(rels) == 1 && fast && !anyDup {
		ocid, _ := rels[0].Get("ocid").Str()
		if out, ok := compileSingle(rules, &rels[0], ocid, dates[0]); ok {
			return &merger{single: out}, nil
		}
	}
	sortByDate(dates, order)
	m := &merger{rules: rules, versioned: versioned}
	if !versioned {
		m.leaf(m.root.child("tag"), &jsonscan.Value{Kind: jsonscan.Array, Kids: []jsonscan.Value{{Kind: jsonscan.String, Raw: []byte(`"compiled"`)}}}, nil)
	}
	for _, i := range order {
		m.add(&rels[i], dates[i])
	}
	return m, nil
}

func (m *merger) add(rel *jsonscan.Value, date string) {
	ocidV := rel.Get("ocid")
	if m.versioned {
		meta := &relMeta{id: rel.Get("id"), date: rel.Get("date"), tag: rel.Get("tag")}
		c := m.root.child("ocid")
		c.leaf, c.hasLeaf, c.touched = ocidV, true, true
		m.root.touched = true
		m.members(&m.root, rel, m.rules.root, meta, true)
		return
	}
	ocid, _ := ocidV.Str()
	id := &jsonscan.Value{Kind: jsonscan.String, Raw: jsonscan.AppendQuoted(nil, ocid+"-"+date)}
	m.leaf(m.root.child("id"), id, nil)
	m.leaf(m.root.child("date"), rel.Get("date"), nil)
	m.leaf(m.root.child("ocid"), ocidV, nil)
	m.root.touched = true
	m.members(&m.root, rel, m.rules.root, nil, true)
}

// child returns the object member key of n, creating it; nil if n is
// already an array.
func (n *mnode) child(key string) *mnode {
	if n.cont == jsonscan.Array {
		return nil
	}
	n.cont = jsonscan.Object
	if n.kidIdx != nil {
		if i, ok := n.kidIdx[key]; ok {
			return n.kids[i]
		}
	} else {
		for i, k := range n.keys {
			if k == key {
				return n.kids[i]
			}
		}
	}
	c := &mnode{}
	n.keys = append(n.keys, key)
	n.kids = append(n.kids, c)
	if n.kidIdx != nil {
		n.kidIdx[key] = len(n.kids) - 1
	} else if len(n.kids) > 12 {
		n.kidIdx = make(map[string]int, 2*len(n.kids))
		for i, k := range n.keys {
			n.kidIdx[k] = i
		}
	}
	return c
}

// leaf sets the value of n (compiled) or appends to its history
// (versioned) unless the value is unchanged.
func (m *merger) leaf(n *mnode, v *jsonscan.Value, meta *relMeta) {
	if n == nil {
		return
	}
	if v == nil {
		v = &jsonNull
	}
	n.touched = true
	n.hasLeaf = true
	if !m.versioned {
		n.leaf = v
		return
	}
	if l := len(n.hist); l > 0 && jsonscan.Equal(n.hist[l-1].v, v) {
		return
	}
	n.hist = append(n.hist, hentry{meta: meta, v: v})
}

// members merges the members of object v into n.
func (m *merger) members(n *mnode, v *jsonscan.Value, r *rule, meta *relMeta, top bool) {
	for i, key := range v.Keys {
		if top && (key == "tag" || (m.versioned && key == "ocid")) {
			continue
		}
		kr := r.child(key)
		if kr != nil && kr.omit {
			continue
		}
		kv := &v.Kids[i]
		switch {
		case kv.Kind < jsonscan.Array || (kr != nil && kr.whole) || (kv.Kind == jsonscan.Array && !allObjects(kv)):
			if c := n.child(key); c != nil {
				m.leaf(c, kv, meta)
				n.touched = true
			}
		case len(kv.Kids) == 0:
			// empty objects and arrays of objects add nothing
		case kv.Kind == jsonscan.Object:
			c := n.child(key)
			if c == nil {
				continue
			}
			m.members(c, kv, kr, meta, false)
			n.touched = n.touched || c.touched
		default:
			c := n.child(key)
			if c == nil {
				continue
			}
			m.array(c, kv, kr, meta)
			n.touched = n.touched || c.touched
		}
	}
}

func allObjects(v *jsonscan.Value) bool {
	for i := range v.Kids {
		if v.Kids[i].Kind != jsonscan.Object {
			return false
		}
	}
	return true
}

// identity returns the merge identity of an object's id, or false when
// the object has no usable id.
func identity(id *jsonscan.Value) (string, bool) {
	if id == nil {
		return "", false
	}
	switch id.Kind {
	case jsonscan.String:
		s, _ := id.Str()
		return s, true
	case jsonscan.Number, jsonscan.Bool:
		return string(id.Raw), true
	case jsonscan.Array:
		if len(id.Kids) > 0 && !allObjects(id) {
			return string(jsonscan.AppendValue(nil, id)), true
		}
	}
	return "", false
}

// array merges an array of objects into n by identifier, position or
// appending, as the rules say.
func (m *merger) array(n *mnode, v *jsonscan.Value, r *rule, meta *relMeta) {
	if n.cont == jsonscan.Object {
		return
	}
	n.cont = jsonscan.Array
	strategy := IdentifierMerge
	if r != nil {
		strategy = r.strategy
	}
	for i := range v.Kids {
		obj := &v.Kids[i]
		idv := obj.Get("id")
		ident, hasID := identity(idv)
		var key string
		switch {
		case strategy == Append || (strategy == IdentifierMerge && !hasID):
			m.uniq++
			key = "\x00u" + strconv.Itoa(m.uniq)
		case strategy == MergeByPosition:
			key = "\x00p" + strconv.Itoa(i)
		default:
			key = ident
		}
		it := n.item(key)
		if it.node == nil {
			it.node = &mnode{}
			if hasID {
				it.id = idv
			}
		}
		m.members(it.node, obj, r, meta, false)
		n.touched = n.touched || it.node.touched
	}
}

func (n *mnode) item(key string) *mitem {
	if n.itemIdx == nil {
		n.itemIdx = map[string]int{}
	}
	if i, ok := n.itemIdx[key]; ok {
		return n.items[i]
	}
	it := &mitem{}
	n.items = append(n.items, it)
	n.itemIdx[key] = len(n.items) - 1
	return it
}

func (m *merger) result() json.RawMessage {
	if m.single != nil {
		return m.single
	}
	out, _ := m.write(make([]byte, 0, 4096), &m.root, true)
	return out
}

// write appends node n; ok is false when n contributes nothing (the
// caller then drops its member name).
func (m *merger) write(dst []byte, n *mnode, top bool) ([]byte, bool) {
	if !n.touched {
		return dst, false
	}
	switch {
	case n.cont == jsonscan.Object && n.hasContainer():
		dst = append(dst, '{')
		first := true
		for i, k := range n.keys {
			mark := len(dst)
			if !first {
				dst = append(dst, ',')
			}
			dst = jsonscan.AppendQuoted(dst, k)
			dst = append(dst, ':')
			var ok bool
			if top && m.versioned && k == "ocid" {
				c := n.kids[i]
				ok = c.leaf != nil
				if ok {
					dst = jsonscan.AppendValue(dst, c.leaf)
				}
			} else {
				dst, ok = m.write(dst, n.kids[i], false)
			}
			if !ok {
				dst = dst[:mark]
				continue
			}
			first = false
		}
		return append(dst, '}'), true
	case n.cont == jsonscan.Array && n.hasContainer():
		dst = append(dst, '[')
		first := true
		for _, it := range n.items {
			if !it.node.touched {
				continue
			}
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = m.writeItem(dst, it)
		}
		return append(dst, ']'), true
	case n.hasLeaf:
		if !m.versioned {
			if n.leaf.Kind == jsonscan.Null {
				return dst, false
			}
			return jsonscan.AppendValue(dst, n.leaf), true
		}
		dst = append(dst, '[')
		for i, h := range n.hist {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"releaseID":`...)
			dst = appendOrNull(dst, h.meta.id)
			dst = append(dst, `,"releaseDate":`...)
			dst = appendOrNull(dst, h.meta.date)
			dst = append(dst, `,"releaseTag":`...)
			dst = appendOrNull(dst, h.meta.tag)
			dst = append(dst, `,"value":`...)
			dst = jsonscan.AppendValue(dst, h.v)
			dst = append(dst, '}')
		}
		return append(dst, ']'), true
	}
	return dst, false
}

// hasContainer reports whether a leaf-less container exists below n: an
// object or array that some set leaf created.
func (n *mnode) hasContainer() bool {
	for _, k := range n.kids {
		if k.touched {
			return true
		}
	}
	for _, it := range n.items {
		if it.node.touched {
			return true
		}
	}
	return false
}

// writeItem appends one object of an identifier-merged array; its `id` is
// the one of the object that created it, never versioned.
func (m *merger) writeItem(dst []byte, it *mitem) []byte {
	dst = append(dst, '{')
	first := true
	if it.id != nil {
		dst = append(dst, `"id":`...)
		dst = jsonscan.AppendValue(dst, it.id)
		first = false
	}
	n := it.node
	for i, k := range n.keys {
		if k == "id" && it.id != nil {
			continue
		}
		mark := len(dst)
		if !first {
			dst = append(dst, ',')
		}
		dst = jsonscan.AppendQuoted(dst, k)
		dst = append(dst, ':')
		var ok bool
		dst, ok = m.write(dst, n.kids[i], false)
		if !ok {
			dst = dst[:mark]
			continue
		}
		first = false
	}
	return append(dst, '}')
}

func appendOrNull(dst []byte, v *jsonscan.Value) []byte {
	if v == nil {
		return append(dst, "null"...)
	}
	return jsonscan.AppendValue(dst, v)
}
