package web_test

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"html"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestVendoredHTMX checks the vendored htmx against the hash that
// static/vendor/VENDOR.md names, so that a changed file is noticed.
func TestVendoredHTMX(t *testing.T) {
	b, err := os.ReadFile("static/vendor/htmx.min.js")
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	const want = "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717" // htmx.org 2.0.11 dist/htmx.min.js
	if got := hex.EncodeToString(sum[:]); got != want {
		t.Errorf("static/vendor/htmx.min.js has sha256 %s, VENDOR.md says %s", got, want)
	}
	notes, err := os.ReadFile("static/vendor/VENDOR.md")
	if err != nil || !bytes.Contains(notes, []byte(want)) || !bytes.Contains(b, []byte(`version:"2.0.11"`)) {
		t.Errorf("VENDOR.md does not name the file's hash, or the file is not htmx 2.0.11 (%v)", err)
	}
}

// TestStaticAssets fetches each script and the stylesheet a page names:
// its hashed name serves its content for a year, gzipped to a client that
// takes it, and the page's integrity value is the content's SHA-384.
func TestStaticAssets(t *testing.T) {
	f := newFixture(t)
	page := (&browser{f: f}).get("/contracts").body
	scripts := regexp.MustCompile(`<script src="([^"]+)" integrity="([^"]+)"`).FindAllStringSubmatch(page, -1)
	css := regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`).FindStringSubmatch(page)
	if len(scripts) != 2 || css == nil {
		t.Fatalf("scripts %q, stylesheet %q", scripts, css)
	}
	type want struct{ path, integrity, ctype string }
	list := []want{{css[1], "", "text/css"}}
	for _, s := range scripts {
		list = append(list, want{s[1], html.UnescapeString(s[2]), "text/javascript"})
	}
	for _, w := range list {
		var plain []byte
		for _, enc := range []string{"", "gzip", "gzip;q=0"} {
			req, _ := http.NewRequest("GET", f.ts.URL+w.path, nil)
			req.Header.Set("Accept-Encoding", enc) // set explicitly: the client then does not unzip
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), w.ctype) || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
				t.Fatalf("%s (%q): %d %v", w.path, enc, resp.StatusCode, resp.Header)
			}
			zipped := resp.Header.Get("Content-Encoding") == "gzip"
			if zipped != (enc == "gzip") {
				t.Errorf("%s: Accept-Encoding %q, Content-Encoding %q", w.path, enc, resp.Header.Get("Content-Encoding"))
			}
			if zipped {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if plain == nil {
				plain = body
			} else if !bytes.Equal(plain, body) {
				t.Errorf("%s: the gzipped content differs", w.path)
			}
		}
		sum := sha256.Sum256(plain)
		if !strings.Contains(w.path, "."+hex.EncodeToString(sum[:6])+".") {
			t.Errorf("%s: name does not carry the content's hash %x", w.path, sum[:6])
		}
		if w.integrity != "" {
			s384 := sha512.Sum384(plain)
			if got := "sha384-" + base64.StdEncoding.EncodeToString(s384[:]); got != w.integrity {
				t.Errorf("%s: integrity %s, content %s", w.path, w.integrity, got)
			}
		}
	}
	for _, p := range []string{"/static/VENDOR.md", "/static/htmx.LICENSE", "/static/htmx.min.js"} {
		if r := (&browser{f: f}).get(p); r.status != 404 {
			t.Errorf("%s: %d, want 404 (only hashed names of assets are served)", p, r.status)
		}
	}
}
