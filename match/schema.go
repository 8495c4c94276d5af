package match

import "strings"

// FollowTheMoney schema hierarchy, as far as screening needs it:
//
//	Thing > LegalEntity > Person
//	Thing > LegalEntity > Organization > Company | PublicBody
//	Thing > Vessel, Thing > Airplane
//
// Two schemata are compatible when one is the other or an ancestor of it: a
// query for an Organization finds Companies, a LegalEntity finds people and
// companies, a Person never finds a Company.
var schemaParent = map[string]string{
	"LegalEntity":  "Thing",
	"Person":       "LegalEntity",
	"Organization": "LegalEntity",
	"Company":      "Organization",
	"PublicBody":   "Organization",
	"Vessel":       "Thing",
	"Airplane":     "Thing",
	"Thing":        "",
}

// canonicalSchema maps a schema name given in any case to its FtM spelling;
// "" (and unknown names) become "Thing", which is compatible with all.
func canonicalSchema(s string) string {
	s = strings.TrimSpace(s)
	for k := range schemaParent {
		if strings.EqualFold(k, s) {
			return k
		}
	}
	return "Thing"
}

// isA reports whether schema s is anc or a descendant of anc.
func isA(s, anc string) bool {
	for s != "" {
		if s == anc {
			return true
		}
		s = schemaParent[s]
	}
	return false
}

// Compatible reports whether a query of schema q may match a list entry of
// schema e (both FtM schema names; "" means Thing).
func Compatible(q, e string) bool {
	q, e = canonicalSchema(q), canonicalSchema(e)
	return isA(q, e) || isA(e, q)
}

// classOf picks the matching logic for a pair of (canonical) schemata: the
// more specific one decides.
func classOf(q, e string) class {
	s := q
	if isA(e, q) {
		s = e
	}
	switch {
	case isA(s, "Person"):
		return classPerson
	case isA(s, "Organization"):
		return classOrg
	case isA(s, "Vessel"), isA(s, "Airplane"):
		return classObject
	}
	return classAny
}
