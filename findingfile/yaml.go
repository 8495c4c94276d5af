package findingfile

import (
	"encoding/json"
	"errors"
	"regexp"
	"strconv"

	"github.com/probity/probity"
	"go.yaml.in/yaml/v3"
)

// parseYAML reads a YAML sequence of findings, or a mapping whose
// "findings" key holds one. Each record is converted to JSON and decoded as
// a JSON record; errors point at the line of the offending field.
func parseYAML(name string, data []byte) ([]FindingInput, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(name, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, &probity.InputError{File: name, Reason: "empty file: want a list of findings"}
	}
	list := doc.Content[0]
	if list.Kind == yaml.MappingNode {
		var found *yaml.Node
		for i := 0; i+1 < len(list.Content); i += 2 {
			if list.Content[i].Value == "findings" {
				found = list.Content[i+1]
			}
		}
		if found == nil {
			return nil, &probity.InputError{File: name, Line: list.Line, Field: "findings", Reason: "want a list of findings, or a mapping with a \"findings\" list"}
		}
		list = found
	}
	if list.Kind != yaml.SequenceNode {
		return nil, &probity.InputError{File: name, Line: list.Line, Field: "findings", Reason: "want a list of findings"}
	}
	out := make([]FindingInput, 0, len(list.Content))
	for i, item := range list.Content {
		datesAsText(item, 0)
		var v any
		if err := item.Decode(&v); err != nil {
			return nil, &probity.InputError{File: name, Line: item.Line, Record: i + 1, Reason: err.Error(), Err: err}
		}
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, &probity.InputError{File: name, Line: item.Line, Record: i + 1, Reason: "cannot be read as a finding: " + err.Error(), Err: err}
		}
		fi, err := decodeRecord(name, i+1, item.Line, raw)
		if err != nil {
			var ie *probity.InputError
			if errors.As(err, &ie) && ie.Field != "" {
				if n := lookup(item, ie.Field); n != nil {
					ie.Line = n.Line
				}
			}
			return nil, err
		}
		out = append(out, fi)
	}
	return out, nil
}

// datesAsText makes YAML timestamps (2018-06-20) plain strings, as they are
// written, rather than times. depth bounds the walk on hostile input.
func datesAsText(n *yaml.Node, depth int) {
	if n == nil || depth > 100 {
		return
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!timestamp" {
		n.Tag = "!!str"
	}
	for _, c := range n.Content {
		datesAsText(c, depth+1)
	}
}

var pathPart = regexp.MustCompile(`[^.\[\]]+|\[\d+\]`)

// lookup finds the node at a field path such as "sources[1].date" or
// "sources.date" (as encoding/json reports it), or the closest ancestor.
func lookup(n *yaml.Node, field string) *yaml.Node {
	for _, part := range pathPart.FindAllString(field, -1) {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next *yaml.Node
		idx := part
		if part[0] == '[' {
			idx = part[1 : len(part)-1]
		}
		if i, err := strconv.Atoi(idx); err == nil && n.Kind == yaml.SequenceNode {
			if i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		} else if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == part {
					next = n.Content[i+1]
					if next.Kind == yaml.ScalarNode {
						next = n.Content[i] // the key's line reads best
					}
				}
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func yamlError(name string, err error) error {
	ie := &probity.InputError{File: name, Reason: "not valid YAML: " + err.Error(), Err: err}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		ie.Line, _ = strconv.Atoi(m[1])
	}
	return ie
}
