package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

// The browser tests drive a real headless Chromium through the portal and
// check every page with axe-core. They run when PROBITY_BROWSER_TESTS=1;
// PROBITY_CHROMIUM names the browser (default /usr/bin/chromium),
// PROBITY_AXE the file axe.min.js of the npm package axe-core, and
// PROBITY_SCREENSHOTS a folder for the screenshots (default: a temporary
// one, named in the log).

type session struct {
	t    *testing.T
	ctx  context.Context
	base string
	axe  string
	dir  string
	shot int

	mu      sync.Mutex
	console []chromedp.ConsoleMessage // what the pages wrote to the console
}

func newSession(t *testing.T, base string) *session {
	t.Helper()
	if os.Getenv("PROBITY_BROWSER_TESTS") != "1" {
		t.Skip("browser tests run with PROBITY_BROWSER_TESTS=1 (they need Chromium and axe-core)")
	}
	chromium := os.Getenv("PROBITY_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	axePath := os.Getenv("PROBITY_AXE")
	if axePath == "" {
		t.Fatal("PROBITY_AXE must name axe.min.js of the npm package axe-core (npm install axe-core)")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatalf("reading axe-core: %v", err)
	}
	dir := os.Getenv("PROBITY_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	t.Logf("screenshots in %s", dir)
	s := &session{t: t, ctx: ctx, base: base, axe: string(axe), dir: dir}
	// Every console message, browser log entry (a refused script or
	// request: a Content-Security-Policy violation) and uncaught
	// exception, for checkConsole.
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			s.mu.Lock()
			s.console = append(s.console, m)
			s.mu.Unlock()
		}
	}()
	t.Cleanup(s.checkConsole)
	return s
}

// checkConsole fails on a Content-Security-Policy violation or an uncaught
// exception written to the console so far; other messages are logged.
func (s *session) checkConsole() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.console {
		if m.IsException() || strings.Contains(m.Text, "Content Security Policy") || m.Source == "security" {
			s.t.Errorf("console: %s (%s:%d)", m, m.URL, m.Line)
		} else {
			s.t.Logf("console: %s (%s)", m, m.URL)
		}
	}
	s.console = nil
}

// markPage leaves a mark on the page that a full page load would wipe.
func (s *session) markPage() {
	s.t.Helper()
	s.run("mark the page", chromedp.Evaluate[chromedp.Void](`window.probityMark = 1`))
}

// stillMarked fails unless the page was changed in place (by htmx) since
// markPage, and htmx is loaded.
func (s *session) stillMarked(what string) {
	s.t.Helper()
	ok, err := chromedp.Run(s.ctx, chromedp.Evaluate[bool](`window.probityMark === 1 && typeof htmx === "object"`))
	if err != nil || !ok {
		s.t.Errorf("%s: the page was loaded again, not changed in place by htmx (%v)", what, err)
	}
}

// run runs steps with a time limit, failing the test on error.
func (s *session) run(what string, steps ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		s.t.Fatalf("%s: %v", what, err)
	}
}

// open goes to path and waits for the page.
func (s *session) open(path string) {
	s.t.Helper()
	s.run("open "+path, chromedp.Navigate(s.base+path), chromedp.WaitReady("main"))
}

// clickTo clicks sel and waits until the new page's address contains
// want and the page is loaded (evaluations fail while it navigates: they
// are tried again).
func (s *session) clickTo(sel, want string) {
	s.t.Helper()
	s.clickUntil(sel, fmt.Sprintf(`location.href.includes(%q)`, want))
}

// clickUntil clicks sel and waits until the JavaScript condition holds on
// a loaded page.
func (s *session) clickUntil(sel, cond string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil && !strings.Contains(err.Error(), "navigated") {
		s.t.Fatalf("click %s: %v", sel, err)
	}
	check := cond + ` && document.readyState === "complete" && !!document.querySelector("main")`
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](check))
		if err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			loc, _ := chromedp.Run(s.ctx, chromedp.Location())
			txt, _ := chromedp.Run(s.ctx, chromedp.Evaluate[string](`document.body.innerText`))
			s.t.Logf("page at %s:\n%s", loc, txt[:min(len(txt), 800)])
			s.t.Fatalf("click %s: never reached %s (at %s; %v)", sel, cond, loc, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// waitFor waits until the JavaScript condition holds on a loaded page.
func (s *session) waitFor(cond string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 20*time.Second)
	defer cancel()
	check := cond + ` && document.readyState === "complete"`
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](check))
		if err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			loc, _ := chromedp.Run(s.ctx, chromedp.Location())
			s.t.Fatalf("never reached %s (at %s; %v)", cond, loc, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// text is the visible text of the main element.
func (s *session) text() string {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	txt, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
	if err != nil {
		s.t.Fatal(err)
	}
	return txt
}

func (s *session) mustSee(what ...string) {
	s.t.Helper()
	txt := s.text()
	for _, w := range what {
		if !strings.Contains(txt, w) {
			s.t.Errorf("page does not show %q:\n%s", w, txt[:min(len(txt), 1500)])
		}
	}
}

// screenshot saves the whole page as NN-name.png.
func (s *session) screenshot(name string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Fatal(err)
	}
	s.shot++
	path := filepath.Join(s.dir, fmt.Sprintf("%02d-%s.png", s.shot, name))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	} `json:"violations"`
}

// checkA11y runs axe-core on the page and fails on any serious or
// critical violation (lesser ones are logged).
func (s *session) checkA11y(page string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](s.axe)); err != nil {
		s.t.Fatalf("%s: injecting axe-core: %v", page, err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`axe.run(document, {resultTypes: ["violations"]}).then(r => ({violations: r.violations}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		s.t.Fatalf("%s: axe: %v", page, err)
	}
	var res axeResult
	if err := json.Unmarshal(raw, &res); err != nil {
		s.t.Fatalf("%s: axe result: %v", page, err)
	}
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes[:min(len(v.Nodes), 3)] {
			where = append(where, n.HTML)
		}
		if v.Impact == "serious" || v.Impact == "critical" {
			s.t.Errorf("%s: axe %s violation %s: %s at %s", page, v.Impact, v.ID, v.Help, strings.Join(where, " | "))
		} else {
			s.t.Logf("%s: axe %s: %s (%s)", page, v.Impact, v.ID, v.Help)
		}
	}
}

// visit opens a page, checks it with axe and takes its screenshot.
func (s *session) visit(path, name string) {
	s.t.Helper()
	s.open(path)
	s.checkA11y(path)
	s.screenshot(name)
}

func (s *session) signIn(token string) {
	s.t.Helper()
	s.open("/signin?invite=" + token)
	s.clickTo(`form[action="/signin"] button[type=submit]`, "/console")
}

func (s *session) signOut() {
	s.t.Helper()
	s.clickUntil(`form[action="/signout"] button`, `!!document.querySelector('header a[href="/signin"]')`)
}

// TestBrowserScenario is the portal's story in a real browser: a visitor
// finds an ICE contract and its reasons; an employee raises a concern, two
// colleagues sign it and a case opens; a reviewer who did not sign decides
// it; the public contract page shows the outcome. Every page passes axe.
func TestBrowserScenario(t *testing.T) {
	f := newFixture(t)
	s := newSession(t, f.ts.URL)
	f.sign() // a checkpoint, as probity serve signs every few seconds

	// A visitor.
	s.visit("/", "home")
	s.mustSee("Where the money goes", "Contract value by buying agency")
	s.visit("/contracts", "register")
	s.markPage()
	s.run("search", chromedp.SendKeys(chromedp.CSS("#q"), "licences"),
		chromedp.SetValue(chromedp.CSS("#buyer"), strconv.FormatInt(f.ice, 10)))
	s.clickTo(`form.filters button[type=submit]`, "buyer=")
	s.mustSee("1 contract", "Microsoft enterprise licences")
	// htmx replaced the results only, and the address is the view's, to
	// share; the title is the view's too.
	s.stillMarked("register filters")
	if title, err := chromedp.Run(s.ctx, chromedp.Evaluate[string](`document.title`)); err != nil || title != "The register" {
		t.Errorf("title after the htmx swap: %q %v", title, err)
	}
	// Back goes to the unfiltered view (htmx keeps no copy of pages: the
	// browser loads it again), and forward to the filtered one.
	s.run("back", chromedp.NavigateBack())
	s.waitFor(`!location.href.includes("buyer=") && document.querySelector("#results .count strong").textContent === "3"`)
	s.run("forward", chromedp.NavigateForward())
	s.waitFor(`location.href.includes("buyer=") && document.querySelector("#results .count strong").textContent === "1"`)
	s.checkA11y("register filtered")
	s.screenshot("register-ice")
	s.clickTo(`table.register a[href="/contracts/`+f.iceDeal+`"]`, "/contracts/"+f.iceDeal)
	s.mustSee("Decision: deny", "Why: the reasons", "established findings of serious human-rights violations", "Children were separated", "probity reviewers")
	s.checkA11y("contract")
	s.screenshot("contract-deny")
	s.mustSee("Made at log checkpoint", "inclusion proof")
	proof, err := chromedp.Run(s.ctx, chromedp.Evaluate[string](`document.querySelector('dd.proof a[href^="/log/proof/inclusion"]').href`))
	if err != nil {
		t.Fatal(err)
	}
	s.run("open the proof", chromedp.Navigate(proof))
	if txt, err := chromedp.Run(s.ctx, chromedp.Evaluate[string](`document.body.innerText`)); err != nil || !strings.Contains(txt, `"leaf_hash"`) {
		t.Errorf("the inclusion proof link %s shows %q (%v)", proof, txt, err)
	}
	s.visit("/orgs/"+strconv.FormatInt(f.ice, 10), "org-ice")
	s.mustSee("Part of: Department of Homeland Security")
	s.visit("/policy", "policy")
	s.visit("/contracts/"+f.cityDeal, "contract-allow")
	s.mustSee("Decision: allow")

	// An employee raises a concern about the allowed contract.
	s.signIn(f.tokens["erin"])
	s.checkA11y("console")
	s.screenshot("console")
	s.open("/contracts/" + f.cityDeal)
	s.clickTo(`a[href^="/console/concerns/new"]`, "/console/concerns/new")
	s.checkA11y("concern form")
	s.run("write", chromedp.SendKeys(chromedp.CSS("#text"), "This park contract pays for face recognition cameras."))
	s.screenshot("concern-form")
	s.clickTo(`form[action="/console/concerns"] button`, "raised=1")
	s.mustSee("1 of 3", "You have signed")
	s.checkA11y("concern")
	s.screenshot("concern-raised")
	loc, err := chromedp.Run(s.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	concernPath := strings.Split(strings.TrimPrefix(loc, f.ts.URL), "?")[0]
	s.signOut()

	// Two colleagues sign; the third signature opens a case.
	for i, who := range []string{"eve", "emil"} {
		s.signIn(f.tokens[who])
		s.open(concernPath)
		s.markPage()
		s.clickTo(`form[action$="/sign"] button`, "signed=1")
		s.mustSee(strconv.Itoa(i+2) + " of 3")
		s.stillMarked("sign a concern")
		if v, err := chromedp.Run(s.ctx, chromedp.Evaluate[int](`document.querySelector("#progress").value`)); err != nil || v != i+2 {
			t.Errorf("progress bar at %d after signature %d (%v)", v, i+2, err)
		}
		if i == 1 {
			s.mustSee("escalated", "case")
			s.checkA11y("concern escalated")
			s.screenshot("concern-escalated")
		}
		s.signOut()
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(concernPath, "/console/concerns/"), 10, 64)
	c, err := f.db.Concern(t.Context(), id)
	if err != nil || c.CaseID == 0 {
		t.Fatalf("no case after three signatures: %+v %v", c, err)
	}
	casePath := "/console/cases/" + strconv.FormatInt(c.CaseID, 10)

	// A reviewer who did not sign decides.
	s.signIn(f.tokens["rob"])
	s.visit("/console/cases", "queue")
	s.visit(casePath, "case")
	s.mustSee("Separation of duties")
	// A comment is appended in place, the form emptied for the next.
	s.markPage()
	s.run("comment", chromedp.SendKeys(chromedp.CSS("#comment"), "Checked the camera supplier's register entry."))
	s.clickUntil(`form[action$="/comments"] button`, `document.querySelectorAll("#comments ol.comments li").length === 1 && document.querySelector("#comment").value === ""`)
	s.mustSee("Checked the camera supplier's register entry.")
	s.stillMarked("comment on a case")
	s.checkA11y("case commented")
	s.screenshot("case-commented")
	// A comment the server refuses (only spaces): the htmx request gets an
	// error page, and site.js posts the form as a browser without
	// JavaScript does, so the whole page shows why.
	s.markPage()
	s.run("blank comment", chromedp.SendKeys(chromedp.CSS("#comment"), "   "))
	s.clickUntil(`form[action$="/comments"] button`, `window.probityMark === undefined && !!document.querySelector("main .notice")`)
	s.mustSee("Not done: the comment is empty")
	s.run("decide", chromedp.Click(chromedp.CSS(`#outcome-reject`)))
	s.clickTo(`form[action$="/decision"] button`, "done=1")
	s.mustSee("reject")
	s.screenshot("case-decided")
	s.visit("/console/admin", "admin-denied")
	s.signOut()
	s.signIn(f.tokens["ada"])
	s.visit("/console/admin", "admin")
	s.mustSee("Watch lists in force", "Users", "erin")
	s.signOut()

	// The public sees the outcome.
	s.visit("/contracts/"+f.cityDeal, "contract-outcome")
	s.mustSee("Reviewers decided: reject")
	// And a phone-sized window still reads.
	s.run("phone", chromedp.EmulateViewport(390, 844))
	s.visit("/contracts", "register-phone")
	s.visit("/contracts/"+f.iceDeal, "contract-phone")
}

// TestBrowserWithoutJavaScript goes through what htmx enhances with
// scripts switched off: the register's filters, signing a concern and
// commenting on a case work as plain forms, each a whole page.
func TestBrowserWithoutJavaScript(t *testing.T) {
	f := newFixture(t)
	s := newSession(t, f.ts.URL)
	f.sign()
	if _, err := chromedp.Call(s.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	s.open("/contracts")
	if loaded, err := chromedp.Run(s.ctx, chromedp.Evaluate[bool](`typeof htmx !== "undefined"`)); err != nil || loaded {
		t.Fatalf("scripts still run (htmx loaded: %v, %v)", loaded, err)
	}
	s.run("search", chromedp.SendKeys(chromedp.CSS("#q"), "licences"),
		chromedp.SetValue(chromedp.CSS("#buyer"), strconv.FormatInt(f.ice, 10)))
	s.clickTo(`form.filters button[type=submit]`, "buyer=")
	s.mustSee("1 contract", "Microsoft enterprise licences")
	s.screenshot("nojs-register") // (axe needs scripts: it checks these pages in TestBrowserScenario)

	c, err := f.concernSvc.RaiseConcern(t.Context(), review.Actor{Name: "erin", Role: string(probity.RoleEmployee)},
		probity.Concern{ContractID: f.cityDeal, Text: "Cameras in the park contract."}, true)
	if err != nil {
		t.Fatal(err)
	}
	s.signIn(f.tokens["eve"])
	s.open("/console/concerns/" + strconv.FormatInt(c.ID, 10))
	s.clickTo(`form[action$="/sign"] button`, "signed=1")
	s.mustSee("2 of 3", "You signed this concern")
	s.signOut()

	k, err := f.concernSvc.OpenCase(t.Context(), review.Actor{Name: "rita", Role: string(probity.RoleReviewer)}, f.iceDeal, "rita")
	if err != nil {
		t.Fatal(err)
	}
	s.signIn(f.tokens["rob"])
	s.open("/console/cases/" + strconv.FormatInt(k.ID, 10))
	s.run("comment", chromedp.SendKeys(chromedp.CSS("#comment"), "Read without scripts."))
	s.clickTo(`form[action$="/comments"] button`, "done=1")
	s.mustSee("Read without scripts.")
	s.screenshot("nojs-case")
}
