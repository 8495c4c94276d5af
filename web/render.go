package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// views holds the parsed templates, one per page (each with the layout),
// and the static assets under their hashed names.
type views struct {
	pages  map[string]*template.Template
	assets map[string]asset  // hashed name → content
	names  map[string]string // file name → its URL (/static/hashed name)
	sri    map[string]string // file name → its Subresource Integrity value
}

type asset struct {
	body  []byte
	gz    []byte // gzipped, for clients that take it (nil: not worth it)
	ctype string
}

// assetTypes are the static files served, by extension; other files under
// static/ (a vendored package's licence and notes) are not.
var assetTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
}

// csp allows this site's own stylesheet, images and scripts (htmx and
// site.js, from this origin only: no inline script, no eval — htmx runs
// with allowEval false — and no inline style: htmx's indicator styles are
// off), requests back to it and forms posting to it; no framing.
const csp = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func parseViews() (*views, error) {
	v := &views{pages: map[string]*template.Template{}, assets: map[string]asset{}, names: map[string]string{}, sri: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		base := path.Base(p)
		ext := path.Ext(base)
		ctype, ok := assetTypes[ext]
		if !ok {
			return nil
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		if _, dup := v.names[base]; dup {
			return fmt.Errorf("web: two static files named %s", base)
		}
		sum := sha256.Sum256(b)
		hashed := strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		a := asset{body: b, ctype: ctype}
		if ext != ".svg" {
			var z bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
			zw.Write(b)
			zw.Close()
			if z.Len() < len(b)*9/10 {
				a.gz = z.Bytes()
			}
		}
		v.assets[hashed] = a
		v.names[base] = "/static/" + hashed
		s384 := sha512.Sum384(b)
		v.sri[base] = "sha384-" + base64.StdEncoding.EncodeToString(s384[:])
		return nil
	})
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"asset": func(name string) string { return v.names[name] },
		"sri":   func(name string) string { return v.sri[name] },
		// htmxHeaders go with every htmx request: Accept, because the
		// register, contract and organization addresses answer JSON to
		// an XMLHttpRequest's */*, and a signed-in session's CSRF token
		// (its forms carry it too).
		"htmxHeaders": func(c httpapi.Caller) string {
			h := map[string]string{"Accept": "text/html"}
			if t := csrfOf(c); t != "" {
				h["X-CSRF-Token"] = t
			}
			b, _ := json.Marshal(h)
			return string(b)
		},
		"money": money, "date": date, "datetime": datetime,
		"words": words, "join": strings.Join, "add": func(a, b int) int { return a + b },
		"pct": func(n, of int) int {
			if of <= 0 {
				return 0
			}
			return min(100, n*100/of)
		},
		"orgURL":      func(id int64) string { return "/orgs/" + strconv.FormatInt(id, 10) },
		"contractURL": func(id string) string { return "/contracts/" + url.PathEscape(id) },
		"csrf":        func(c httpapi.Caller) string { return csrfOf(c) },
		"money2":      func(a float64) string { return formatAmount(a) },
		"fnum":        func(f *float64) string { return strconv.FormatFloat(*f, 'f', -1, 64) },
		"indent":      func(n int) string { return strings.Repeat("\u00a0\u00a0", n) },
		"short": func(h string) string {
			if len(h) > 12 {
				return h[:12]
			}
			return h
		},
	}
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	entries, err := templateFS.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if name == "layout.html" {
			continue
		}
		t, err := layout.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(templateFS, "templates/"+name); err != nil {
			return nil, err
		}
		v.pages[strings.TrimSuffix(name, ".html")] = t
	}
	return v, nil
}

func csrfOf(c httpapi.Caller) string {
	if c.Session == nil {
		return ""
	}
	return c.Session.CSRF
}

// page is what every template gets: the page's own data and the frame.
type page struct {
	Title   string
	Caller  httpapi.Caller
	Nav     string // which top-level section is current
	Private bool   // a signed-in page: not cached, not indexed
	Notice  string
	Data    any
}

// securityHeaders are set on every page and asset.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin") // never to another site; same-origin keeps the Origin header of form posts
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// render writes a page; a template error is a 500 (logged, never shown).
func (s *Site) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	s.renderBlock(w, r, status, name, "layout.html", p)
}

// htmxWants says whether r is an htmx request for the element with the
// given id only (not a history restore, which wants the whole page).
func htmxWants(r *http.Request, id string) bool {
	return r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true" && r.Header.Get("HX-Target") == id
}

// renderBlock writes one template of a page: its layout, or a part that
// an htmx request replaces.
func (s *Site) renderBlock(w http.ResponseWriter, r *http.Request, status int, name, block string, p page) {
	p.Caller = httpapi.CallerOf(r.Context())
	t := s.views.pages[name]
	var buf bytes.Buffer
	if t == nil {
		s.log.Error("web: no template", slog.String("name", name))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := t.ExecuteTemplate(&buf, block, p); err != nil {
		s.log.Error("web: template", slog.String("name", name), slog.String("block", block), slog.String("error", err.Error()))
		http.Error(w, "internal error (request "+w.Header().Get("X-Request-Id")+")", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	securityHeaders(h)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Vary", "Accept, Cookie, HX-Request") // htmx requests may get a part of the page
	if p.Private || p.Caller.User != nil {
		h.Set("Cache-Control", "no-store")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail answers err as a page: its message for what the visitor can fix,
// a request id for an internal error.
func (s *Site) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := probity.ErrorCode(err)
	status := map[string]int{
		probity.EINVALID: 400, probity.ENOTFOUND: 404, probity.ECONFLICT: 409,
		probity.EUNAUTHORIZED: 401, probity.EFORBIDDEN: 403,
	}[code]
	msg := err.Error()
	if status == 0 {
		status = 500
		s.log.ErrorContext(r.Context(), "web: internal error", slog.String("path", r.URL.Path), slog.String("error", err.Error()),
			slog.String("request_id", w.Header().Get("X-Request-Id")))
		msg = "Something went wrong on our side. Quote request " + w.Header().Get("X-Request-Id") + " if you report it."
	}
	s.render(w, r, status, "error", page{Title: http.StatusText(status), Data: struct {
		Status  int
		Message string
	}{status, msg}})
}

// money formats an amount with thousands separators; nil is "—" (unknown,
// never 0).
func money(v *probity.Value) string {
	if v == nil {
		return "—"
	}
	return formatAmount(v.Amount) + " " + v.Currency
}

func formatAmount(a float64) string {
	neg := a < 0
	a = math.Abs(a)
	whole := int64(a)
	cents := int64(math.Round((a - float64(whole)) * 100))
	if cents == 100 {
		whole, cents = whole+1, 0
	}
	s := strconv.FormatInt(whole, 10)
	var b strings.Builder
	if neg {
		b.WriteString("−")
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	fmt.Fprintf(&b, ".%02d", cents)
	return b.String()
}

// compact formats an amount for a chart label: 1.2 M, 350 k.
func compact(a float64) string {
	switch x := math.Abs(a); {
	case x >= 1e9:
		return strconv.FormatFloat(a/1e9, 'f', 1, 64) + " bn"
	case x >= 1e6:
		return strconv.FormatFloat(a/1e6, 'f', 1, 64) + " M"
	case x >= 1e3:
		return strconv.FormatFloat(a/1e3, 'f', 0, 64) + " k"
	}
	return strconv.FormatFloat(a, 'f', 0, 64)
}

func date(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func datetime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// words turns a code into words: family_separation → family separation.
func words(s string) string { return strings.ReplaceAll(s, "_", " ") }

// static serves an asset by its hashed name, cached for a year.
func (s *Site) static(w http.ResponseWriter, r *http.Request) {
	a, ok := s.views.assets[r.PathValue("name")]
	if !ok {
		s.fail(w, r, probity.Errorf(probity.ENOTFOUND, "no file %q", r.PathValue("name")))
		return
	}
	h := w.Header()
	securityHeaders(h)
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	body := a.body
	if a.gz != nil {
		h.Set("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
			body = a.gz
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// acceptsGzip says whether the request's Accept-Encoding takes gzip: named
// (or "*" when gzip is not named) with a quality above 0 (RFC 9110 12.5.3).
func acceptsGzip(r *http.Request) bool {
	star := false
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(part, ";")
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					f = 0 // a quality that does not parse is no consent
				}
				q = f
			}
		}
		switch name = strings.TrimSpace(name); {
		case strings.EqualFold(name, "gzip") || strings.EqualFold(name, "x-gzip"):
			return q > 0
		case name == "*":
			star = q > 0
		}
	}
	return star
}
