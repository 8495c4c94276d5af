package ocds

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

//go:embed schema/release-schema-1.0.json schema/release-schema-1.1.json
var schemas embed.FS

// ArrayStrategy says how the objects of an array are merged across releases.
type ArrayStrategy uint8

const (
	// IdentifierMerge matches objects by their `id` (the OCDS default);
	// objects with no `id` are always kept as new objects.
	IdentifierMerge ArrayStrategy = iota
	// Append keeps every object of every release as a new object.
	Append
	// MergeByPosition matches objects by their position in the array.
	MergeByPosition
)

// Rules are the merge rules derived from a release schema: which fields are
// omitted when merged (`omitWhenMerged`, 1.0 `mergeStrategy: ocdsOmit`) and
// which arrays are replaced whole (`wholeListMerge`, 1.0 `mergeStrategy:
// ocdsVersion`, arrays of non-objects, arrays of objects without an `id`
// property). Rules are immutable and safe for concurrent use.
type Rules struct {
	root *rule
}

// rule is one node of the rule tree; array levels are transparent, as in
// the schema's path without indexes.
type rule struct {
	omit     bool
	whole    bool
	strategy ArrayStrategy
	kids     map[string]*rule
}

func (r *rule) child(key string) *rule {
	if r == nil {
		return nil
	}
	return r.kids[key]
}

var (
	rulesOnce sync.Once
	rules10   *Rules
	rules11   *Rules
)

// RulesFor returns the rules of the embedded release schema for an OCDS
// version: "1.0" (schema 1.0.3) or "1.1" (schema 1.1.5). Any version that
// does not start with "1.0" gets the 1.1 rules; "" gets the 1.0 rules, as
// OCDS says data with no version is 1.0.
func RulesFor(version string) *Rules {
	rulesOnce.Do(func() {
		load := func(name string) *Rules {
			b, err := schemas.ReadFile(name)
			if err != nil {
				panic(err) // embedded at build time: cannot happen
			}
			r, err := NewRules(b)
			if err != nil {
				panic(err) // embedded at build time and tested: cannot happen
			}
			return r
		}
		rules10 = load("schema/release-schema-1.0.json")
		rules11 = load("schema/release-schema-1.1.json")
	})
	if NormalizeVersion(version) == "1.0" {
		return rules10
	}
	return rules11
}

// NormalizeVersion maps an OCDS version string to "1.0" or "1.1": empty
// and "1.0.x" are 1.0, anything else is 1.1.
func NormalizeVersion(v string) string {
	v = strings.TrimSpace(v)
	if v == "" || v == "1.0" || strings.HasPrefix(v, "1.0.") || v == "1" {
		return "1.0"
	}
	return "1.1"
}

// NewRules derives merge rules from a JSON release schema. Only local
// references ("#/definitions/X", "#/properties/x") are followed; a `$ref`
// replaces its object entirely, as JSON reference resolution does.
func NewRules(schema []byte) (*Rules, error) {
	var doc map[string]any
	if err := json.Unmarshal(schema, &doc); err != nil {
		return nil, fmt.Errorf("release schema: %w", err)
	}
	b := ruleBuilder{doc: doc, active: map[string]bool{}}
	root := &rule{}
	props, _ := b.deref(doc)["properties"].(map[string]any)
	b.properties(root, props)
	return &Rules{root: root}, nil
}

// WithStrategy returns a copy of r in which the array at path (member names
// joined by ".", array levels left out, e.g. "awards.items") is merged with
// strategy s.
func (r *Rules) WithStrategy(path string, s ArrayStrategy) *Rules {
	root := cloneRule(r.root)
	n := root
	for _, part := range strings.Split(path, ".") {
		if n.kids == nil {
			n.kids = map[string]*rule{}
		}
		c := n.kids[part]
		if c == nil {
			c = &rule{}
			n.kids[part] = c
		}
		n = c
	}
	n.strategy = s
	return &Rules{root: root}
}

func cloneRule(r *rule) *rule {
	c := *r
	if r.kids != nil {
		c.kids = make(map[string]*rule, len(r.kids))
		for k, v := range r.kids {
			c.kids[k] = cloneRule(v)
		}
	}
	return &c
}

type ruleBuilder struct {
	doc    map[string]any
	active map[string]bool // $refs being expanded, to stop on cycles
}

// deref follows $ref chains to local definitions.
func (b *ruleBuilder) deref(m map[string]any) map[string]any {
	for i := 0; i < 32 && m != nil; i++ {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		m = b.resolve(ref)
	}
	return m
}

func (b *ruleBuilder) resolve(ref string) map[string]any {
	if !strings.HasPrefix(ref, "#/") {
		return nil
	}
	var cur any = b.doc
	for _, part := range strings.Split(ref[2:], "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	m, _ := cur.(map[string]any)
	return m
}

func types(m map[string]any) []string {
	switch t := m["type"].(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func has(ts []string, t string) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

func truthy(m map[string]any, key string) bool {
	b, _ := m[key].(bool)
	return b
}

// properties fills n with the rules for the given schema properties.
func (b *ruleBuilder) properties(n *rule, props map[string]any) {
	for key, raw := range props {
		pm, _ := raw.(map[string]any)
		ref, _ := pm["$ref"].(string)
		if ref != "" {
			if b.active[ref] {
				continue // a cycle: nothing deeper to learn
			}
			b.active[ref] = true
		}
		b.property(n, key, b.deref(pm))
		if ref != "" {
			delete(b.active, ref)
		}
	}
}

func (b *ruleBuilder) property(n *rule, key string, p map[string]any) {
	if p == nil {
		return
	}
	ts := types(p)
	get := func() *rule {
		if n.kids == nil {
			n.kids = map[string]*rule{}
		}
		c := n.kids[key]
		if c == nil {
			c = &rule{}
			n.kids[key] = c
		}
		return c
	}
	switch {
	case truthy(p, "omitWhenMerged") || p["mergeStrategy"] == "ocdsOmit":
		get().omit = true
	case has(ts, "array") && (truthy(p, "wholeListMerge") || p["mergeStrategy"] == "ocdsVersion"):
		get().whole = true
	case has(ts, "object") && p["properties"] != nil:
		props, _ := p["properties"].(map[string]any)
		b.properties(get(), props)
	case has(ts, "array") && p["items"] != nil:
		im, _ := p["items"].(map[string]any)
		ref, _ := im["$ref"].(string)
		if ref != "" {
			if b.active[ref] {
				return
			}
			b.active[ref] = true
			defer delete(b.active, ref)
		}
		items := b.deref(im)
		its := types(items)
		for _, t := range its {
			if t != "object" {
				get().whole = true
				return
			}
		}
		if has(its, "object") && items["properties"] != nil {
			props, _ := items["properties"].(map[string]any)
			if _, ok := props["id"]; !ok {
				get().whole = true
				return
			}
			b.properties(get(), props)
		}
	}
}
