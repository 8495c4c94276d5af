package ocds

import (
	"encoding/json"
	"sync"

	"github.com/probity/probity/internal/jsonscan"
)

// memberNames are the member names of the OCDS release schemas, and of
// the versioned releases and common extensions, which the JSON parser
// returns as shared strings instead of allocating one per member.
var memberNames = sync.OnceValue(func() jsonscan.Names {
	m := jsonscan.Names{}
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
