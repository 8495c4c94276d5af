package main

import (
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/probity/probity/translog"
	"golang.org/x/mod/sumdb/tlog"
)

// Secrets that the public must never read: a confidential finding (its
// summary, source and author), an internal case comment, and the name of
// an employee who raised a concern anonymously.
const (
	crawlSecretSummary = "CRAWL-SECRET-SUMMARY of an unpublished site visit"
	crawlSecretSource  = "CRAWL-SECRET-SOURCE internal memo"
	crawlSecretAuthor  = "crawl-secret-author"
	crawlSecretComment = "CRAWL-SECRET-COMMENT reviewer's working note"
	crawlAnonymous     = "demo-employee-3"
)

// TestPublicCrawlOfTheDemoLeaksNothing loads the demo, adds what must stay
// inside (a confidential finding on ICE that its decisions now cite, an
// internal case comment with that finding attached, an anonymous
// concern), serves it, and walks every public page it can reach from the
// home page — every register page, every contract, organization, policy
// version, decision, concern and case outcome, as HTML and as JSON — and
// every export, the feed and every log entry bundle. None may hold a
// secret.
func TestPublicCrawlOfTheDemoLeaksNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("walks the whole demo portal; skipped with -short")
	}
	db := tempDB(t)
	mustRun(t, db, "demo", "--no-serve")
	mustRun(t, db, "users", "add", "crawl-reviewer", "--role", "reviewer", "--admin")
	mustRun(t, db, "users", "add", crawlAnonymous, "--role", "employee", "--admin")
	mustRun(t, db, "findings", "add", "--org", "3", "--category", "arbitrary_detention", "--status", "credible",
		"--severity", "high", "--confidential", "--summary", crawlSecretSummary, "--author", crawlSecretAuthor,
		"--source", "Inside|"+crawlSecretSource+"|2018-07-01")
	cases := mustRun(t, db, "cases", "list", "--json", "--limit", "1")
	caseID := regexp.MustCompile(`"id":(\d+)`).FindStringSubmatch(cases)
	if caseID == nil {
		t.Fatalf("no case after the demo: %q", cases)
	}
	findings := mustRun(t, db, "findings", "list", "--json")
	var confID string
	for _, line := range strings.Split(findings, "\n") {
		if strings.Contains(line, crawlSecretSummary) {
			confID = regexp.MustCompile(`"id":(\d+)`).FindStringSubmatch(line)[1]
		}
	}
	if confID == "" {
		t.Fatalf("the confidential finding is not listed to the operator: %q", findings)
	}
	mustRun(t, db, "cases", "attach", caseID[1], "--finding", confID, "--as", "crawl-reviewer", "--admin")
	mustRun(t, db, "cases", "comment", caseID[1], crawlSecretComment, "--as", "crawl-reviewer", "--admin")
	mustRun(t, db, "concerns", "raise", "--contract", "CONT_AWD_70CTD021FC0000045_7012_70RTAC21A00000001_7001",
		"We should not license software for this work", "--as", crawlAnonymous, "--role", "employee", "--admin")
	if out := mustRun(t, db, "decisions", "show", "CONT_AWD_70CTD021FC0000045_7012_70RTAC21A00000001_7001"); !strings.Contains(out, "arbitrary_detention, credible") {
		t.Fatalf("the decision does not rest on the confidential finding, so the walk would prove little:\n%s", out)
	}

	base, stop := serveForTest(t, db)
	defer stop()
	c := &crawler{t: t, base: base, seen: map[string]bool{}, shapes: map[string]bool{}}
	c.queue = []string{"/", "/contracts?format=csv", "/contracts?format=ocds", "/feed.atom", "/log/checkpoint"}
	c.run()
	c.logEntries()
	if c.pages < 2000 {
		t.Errorf("the walk reached only %d pages; the demo has more than 2,000 contracts", c.pages)
	}
	t.Logf("walked %d public pages and documents", c.pages)

	// A link published before two files' accounts of one award were merged
	// (the 2018 list's id) still leads to the award, for a browser and for
	// a script.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, accept := range []string{"text/html", "application/json"} {
		req, _ := http.NewRequest("GET", base+"/contracts/"+url.PathEscape("usaspending:7012/HSCETC16J00017")+"?x=1", nil)
		req.Header.Set("Accept", accept)
		resp, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if want := "/contracts/CONT_AWD_HSCETC16J00017_7012_HSHQDC15D00017_7001?x=1"; resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
			t.Errorf("a merged award's former id (%s): %d, Location %q, want 302 to %s", accept, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}

// serveForTest runs probity serve on db at a free loopback port.
func serveForTest(t *testing.T, db string) (string, func()) {
	t.Helper()
	var out, errb syncBuffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Terminal: func() bool { return false }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, []string{"--db", db, "serve", "--addr", "127.0.0.1:0", "--rate", "0", "--log-level", "error"})
	}()
	for i := 0; i < 500; i++ {
		if u := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(out.String()); u != "" {
			return u, func() {
				cancel()
				select {
				case <-done:
				case <-time.After(10 * time.Second):
					t.Error("serve did not stop")
				}
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	t.Fatalf("serve printed no address: %q %q", out.String(), errb.String())
	return "", nil
}

type crawler struct {
	t      *testing.T
	base   string
	queue  []string
	seen   map[string]bool
	shapes map[string]bool // path + the names of its query's parameters
	pages  int
}

var hrefRE = regexp.MustCompile(`(?:href|src|action)="([^"]+)"`)

// visit fetches one address as a browser and, for pages with an id, as an
// API client; it checks both for secrets and returns the HTML.
func (c *crawler) visit(u string) string {
	body := c.get(u, "text/html")
	if !strings.Contains(u, "format=") && !strings.HasPrefix(u, "/log/") && !strings.HasSuffix(u, ".atom") {
		c.get(u, "application/json")
	}
	return body
}

func (c *crawler) get(u, accept string) string {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+u, nil)
	req.Header.Set("Accept", accept)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s: %v", u, err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	c.pages++
	if resp.StatusCode >= 500 {
		c.t.Errorf("%s (%s): status %d", u, accept, resp.StatusCode)
	}
	c.check(u+" ("+accept+")", string(b))
	return string(b)
}

func (c *crawler) check(where, body string) {
	for _, s := range []string{crawlSecretSummary, crawlSecretSource, crawlSecretAuthor, crawlSecretComment, crawlAnonymous} {
		if strings.Contains(body, s) {
			c.t.Errorf("%s shows %q", where, s)
		}
	}
}

// run walks the queue: every path once; an address with a query once per
// shape (path and parameter names), except the register's pages, which
// are all walked so that every contract is reached.
func (c *crawler) run() {
	for len(c.queue) > 0 {
		u := c.queue[0]
		c.queue = c.queue[1:]
		body := c.visit(u)
		for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
			next := strings.ReplaceAll(m[1], "&amp;", "&")
			if !c.want(next) {
				continue
			}
			c.queue = append(c.queue, next)
		}
	}
}

func (c *crawler) want(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host != "" || !strings.HasPrefix(p.Path, "/") || p.Fragment != "" && p.Path == "" {
		return false
	}
	p.Fragment = ""
	for _, private := range []string{"/console", "/signin", "/signout", "/static/", "/log/tile/"} {
		if strings.HasPrefix(p.Path, private) {
			return false
		}
	}
	key := p.String()
	if c.seen[key] {
		return false
	}
	q := p.Query()
	if len(q) > 0 {
		names := slices.Sorted(func(yield func(string) bool) {
			for k := range q {
				if !yield(k) {
					return
				}
			}
		})
		shape := p.Path + "?" + strings.Join(names, "&")
		registerPage := p.Path == "/contracts" && len(q) == 1 && q.Get("page") != ""
		if c.shapes[shape] && !registerPage {
			return false
		}
		c.shapes[shape] = true
	}
	c.seen[key] = true
	return true
}

// logEntries reads every entry bundle of the log: a confidential finding
// is never published, so no entry may hold it.
func (c *crawler) logEntries() {
	cp := c.get("/log/checkpoint", "text/plain")
	lines := strings.Split(cp, "\n")
	if len(lines) < 3 {
		c.t.Fatalf("checkpoint: %q", cp)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 1 {
		c.t.Fatalf("checkpoint size %q", lines[1])
	}
	entries := 0
	for n := int64(0); n*256 < size; n++ {
		path := "/log/" + translog.TilePath(tlog.Tile{H: translog.TileHeight, L: translog.EntriesLevel, N: n, W: int(min(size-n*256, 256))})
		b := []byte(c.get(path, "application/octet-stream"))
		for len(b) >= 2 {
			l := int(binary.BigEndian.Uint16(b))
			if len(b) < 2+l {
				c.t.Fatalf("%s: a short entry", path)
			}
			b = b[2+l:]
			entries++
		}
	}
	if int64(entries) != size {
		c.t.Errorf("the entry bundles hold %d entries; the checkpoint says %d", entries, size)
	}
}
