package ocds

import (
	"bytes"
	"encoding/json"
	"sync"
)

// internKey decodes an object key token, returning a shared string for
// the member names of the OCDS schemas so that parsing does not allocate
// one string per member.
func internKey(raw []byte) (string, error) {
	if len(raw) >= 2 && bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 {
		if s, ok := interned()[string(raw[1:len(raw)-1])]; ok {
			return s, nil
		}
	}
	return unquote(raw)
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
