package httpapi

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/probity/probity"
)

// openAPIDoc is the hand-written OpenAPI 3 document of the built-in routes.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the server's OpenAPI document: openapi.json, plus a
// minimal entry (summary and least role) for each extra route it does not
// document.
func (s *Server) OpenAPI() ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		return nil, err
	}
	paths, _ := doc["paths"].(map[string]any)
	for _, rt := range s.routes {
		item, _ := paths[rt.Pattern].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[rt.Pattern] = item
		}
		m := strings.ToLower(rt.Method)
		op, ok := item[m].(map[string]any)
		if !ok {
			op = map[string]any{"summary": rt.Summary, "x-probity-role": string(rt.Role),
				"responses": map[string]any{"200": map[string]any{"description": "ok"}, "default": map[string]any{"$ref": "#/components/responses/Error"}}}
			item[m] = op
		}
		// Every route above the public declares how to authenticate, so
		// that a client generated from the document sends credentials.
		if _, ok := op["security"]; !ok && rt.Role != probity.RolePublic {
			op["security"] = []any{map[string]any{"bearer": []any{}}, map[string]any{"session": []any{}}}
		}
	}
	return json.Marshal(doc)
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	doc, err := s.OpenAPI()
	if err != nil {
		WriteError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(doc)
}
