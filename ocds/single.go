package ocds

import "github.com/probity/probity/internal/jsonscan"

// compileSingle is the fast path of Compile for a process with one
// release, the common case: it writes the compiled release straight from
// the parsed release, with the same result as the general merge. It
// reports false when the release needs the general merge: an array with
// two objects of the same id, or rules that do not omit the release's own
// id and date.
func compileSingle(r *Rules, rel *jsonscan.Value, ocid, date string) ([]byte, bool) {
	root := r.root
	if c := root.child("id"); c == nil || !c.omit {
		return nil, false
	}
	if c := root.child("date"); c == nil || !c.omit {
		return nil, false
	}
	dst := make([]byte, 0, len(rel.Raw)+256)
	dst = append(dst, `{"tag":["compiled"],"id":`...)
	dst = jsonscan.AppendQuoted(dst, ocid+"-"+date)
	dst = append(dst, `,"date":`...)
	dst = jsonscan.AppendValue(dst, rel.Get("date"))
	dst = append(dst, `,"ocid":`...)
	dst = jsonscan.AppendValue(dst, rel.Get("ocid"))
	w := singleWriter{dst: dst}
	for i, key := range rel.Keys {
		if key == "tag" || key == "ocid" {
			continue
		}
		w.member(key, &rel.Kids[i], root.child(key), true)
		if w.dup {
			return nil, false
		}
	}
	return append(w.dst, '}'), true
}

type singleWriter struct {
	dst []byte
	dup bool // an identifier-merge array repeats an id
}

// member writes `,"key":value` unless the value contributes nothing;
// it reports whether some leaf (null included) was found.
func (w *singleWriter) member(key string, v *jsonscan.Value, r *rule, comma bool) bool {
	if r != nil && r.omit {
		return false
	}
	mark := len(w.dst)
	if comma {
		w.dst = append(w.dst, ',')
	}
	w.dst = jsonscan.AppendQuoted(w.dst, key)
	w.dst = append(w.dst, ':')
	switch {
	case v.Kind == jsonscan.Null:
		w.dst = w.dst[:mark]
		return true
	case v.Kind < jsonscan.Array || (r != nil && r.whole) || (v.Kind == jsonscan.Array && !allObjects(v)):
		w.dst = jsonscan.AppendValue(w.dst, v)
		return true
	case len(v.Kids) == 0:
		w.dst = w.dst[:mark]
		return false
	case v.Kind == jsonscan.Object:
		if !w.object(v, r, nil) {
			w.dst = w.dst[:mark]
			return false
		}
		return true
	default:
		if !w.array(v, r) {
			w.dst = w.dst[:mark]
			return false
		}
		return true
	}
}

// object writes an object's members; id, if set, is written first and
// the member "id" skipped. It reports whether any leaf was found.
func (w *singleWriter) object(v *jsonscan.Value, r *rule, id *jsonscan.Value) bool {
	mark := len(w.dst)
	w.dst = append(w.dst, '{')
	touched := false
	first := true
	if id != nil {
		w.dst = append(w.dst, `"id":`...)
		w.dst = jsonscan.AppendValue(w.dst, id)
		touched, first = true, false
	}
	for i, key := range v.Keys {
		if id != nil && key == "id" {
			continue
		}
		before := len(w.dst)
		if w.member(key, &v.Kids[i], r.child(key), !first) {
			touched = true
		}
		if len(w.dst) > before {
			first = false
		}
	}
	if !touched {
		w.dst = w.dst[:mark]
		return false
	}
	w.dst = append(w.dst, '}')
	return true
}

func (w *singleWriter) array(v *jsonscan.Value, r *rule) bool {
	strategy := IdentifierMerge
	if r != nil {
		strategy = r.strategy
	}
	var seen map[string]bool
	mark := len(w.dst)
	w.dst = append(w.dst, '[')
	touched := false
	for i := range v.Kids {
		obj := &v.Kids[i]
		idv := obj.Get("id")
		ident, hasID := identity(idv)
		if hasID && strategy == IdentifierMerge {
			if seen == nil {
				seen = make(map[string]bool, len(v.Kids))
			}
			if seen[ident] {
				w.dup = true
				return false
			}
			seen[ident] = true
		}
		if !hasID {
			idv = nil
		}
		before := len(w.dst)
		if touched {
			w.dst = append(w.dst, ',')
		}
		if w.object(obj, r, idv) {
			touched = true
		} else {
			w.dst = w.dst[:before]
		}
	}
	if !touched {
		w.dst = w.dst[:mark]
		return false
	}
	w.dst = append(w.dst, ']')
	return true
}
