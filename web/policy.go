package web

import (
	"bytes"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
	"github.com/yuin/goldmark"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/translog"
)

// policyData is the policy page's data.
type policyData struct {
	Current  *probity.PolicyVersion
	Text     template.HTML // POLICY.md, rendered (raw HTML in it is dropped)
	Files    []policyFile  // the rule files, by name
	Versions []probity.PolicyVersion
	From, To *probity.PolicyVersion
	Diff     []fileDiff
	Log      logState
	VerLog   map[string]logRef // each version's log entry, by hash
}

type policyFile struct {
	Name, Text string
}

type fileDiff struct {
	Name    string
	Lines   []diffLine
	Changed bool
}

type diffLine struct {
	Op   string // "=", "+", "-"
	Text string
}

// policy is GET /policy: the published text, the versions and, with
// ?from=&to= (version ids), what changed between two. API clients get the
// versions as JSON.
func (s *Site) policy(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	versions, err := s.store.PolicyVersions(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	slices.SortFunc(versions, func(a, b probity.PolicyVersion) int { return int(b.ID - a.ID) })
	st := s.logState(ctx)
	hashes := make([]string, len(versions))
	for i, v := range versions {
		hashes[i] = v.Hash
	}
	verLog := s.logRefs(ctx, st, translog.TypePolicy, hashes)
	if !httpapi.WantsHTML(r) {
		// Each version with its log entry (and its proof once the
		// checkpoint covers it), and the checkpoint the answer was made at.
		out := make([]map[string]any, len(versions))
		for i, v := range versions {
			out[i] = map[string]any{"id": v.ID, "hash": v.Hash, "published_at": v.PublishedAt, "files": v.Files}
			if l := verLog[v.Hash]; l.Logged {
				out[i]["log_index"] = l.Index
				if l.Covered() {
					out[i]["log_proof"] = l.ProofURL()
				}
			}
		}
		body := map[string]any{"versions": out}
		if st.Signed {
			body["checkpoint"] = map[string]any{"origin": st.Origin, "size": st.Size, "root_hash": st.RootText()}
		}
		httpapi.WriteJSON(w, http.StatusOK, body)
		return
	}
	d := policyData{Versions: versions, Log: st, VerLog: verLog}
	byID := func(name string) (*probity.PolicyVersion, error) {
		s := r.URL.Query().Get(name)
		if s == "" {
			return nil, nil
		}
		id, err := strconv.ParseInt(s, 10, 64)
		for i := range versions {
			if err == nil && versions[i].ID == id {
				return &versions[i], nil
			}
		}
		return nil, probity.Errorf(probity.EINVALID, "%s: %q is not a published policy version", name, s)
	}
	if len(versions) > 0 {
		d.Current = &versions[0]
		var text bytes.Buffer
		if err := goldmark.Convert([]byte(d.Current.Files["POLICY.md"]), &text); err == nil {
			d.Text = template.HTML(text.String()) // goldmark leaves raw HTML out by default
		}
		for name, text := range d.Current.Files {
			if strings.HasSuffix(name, ".rego") {
				d.Files = append(d.Files, policyFile{name, text})
			}
		}
		slices.SortFunc(d.Files, func(a, b policyFile) int { return strings.Compare(a.Name, b.Name) })
	}
	if d.From, err = byID("from"); err == nil {
		d.To, err = byID("to")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if d.From != nil && d.To == nil {
		d.To = d.Current
	}
	if d.From != nil && d.To != nil {
		d.Diff = diffVersions(d.From, d.To)
	}
	s.render(w, r, http.StatusOK, "policy", page{Title: "The policy", Nav: "policy", Data: d})
}

// diffVersions compares every file of two versions line by line; unchanged
// runs longer than six lines are cut to three on each side.
func diffVersions(a, b *probity.PolicyVersion) []fileDiff {
	var names []string
	for n := range a.Files {
		names = append(names, n)
	}
	for n := range b.Files {
		if _, ok := a.Files[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var out []fileDiff
	for _, n := range names {
		x, y := splitLines(a.Files[n]), splitLines(b.Files[n])
		fd := fileDiff{Name: n}
		m := difflib.NewMatcher(x, y)
		for _, op := range m.GetOpCodes() {
			switch op.Tag {
			case 'e':
				eq := x[op.I1:op.I2]
				if len(eq) > 6 {
					for _, l := range eq[:3] {
						fd.Lines = append(fd.Lines, diffLine{"=", l})
					}
					fd.Lines = append(fd.Lines, diffLine{"…", strconv.Itoa(len(eq)-6) + " unchanged lines"})
					eq = eq[len(eq)-3:]
				}
				for _, l := range eq {
					fd.Lines = append(fd.Lines, diffLine{"=", l})
				}
			default:
				fd.Changed = true
				for _, l := range x[op.I1:op.I2] {
					fd.Lines = append(fd.Lines, diffLine{"-", l})
				}
				for _, l := range y[op.J1:op.J2] {
					fd.Lines = append(fd.Lines, diffLine{"+", l})
				}
			}
		}
		out = append(out, fd)
	}
	return out
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
