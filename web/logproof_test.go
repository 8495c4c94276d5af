package web_test

import (
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/probity/probity"
	"github.com/probity/probity/internal/ocdsschema"
	"github.com/probity/probity/review"
	"github.com/probity/probity/translog"
)

// The portal cites the transparency log everywhere it publishes: every
// page, export and feed entry names the item's log entry and links to its
// inclusion proof in the checkpoint the page was made at. These tests
// follow each link and check the proof as an outside reader would: the
// leaf hash is computed from the entry's bytes, the proof is checked
// against the root of the checkpoint, whose signature is checked with the
// log's verifier key.

// fetch GETs a path of the fixture's server.
func (f *fixture) fetch(path string) (int, []byte, http.Header) {
	f.t.Helper()
	resp, err := http.Get(f.ts.URL + path)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header
}

// servedCheckpoint is the checkpoint /log/checkpoint serves, its signature
// checked with the log's key.
func (f *fixture) servedCheckpoint() translog.Checkpoint {
	f.t.Helper()
	status, msg, _ := f.fetch("/log/checkpoint")
	if status != 200 {
		f.t.Fatalf("GET /log/checkpoint: %d %s", status, msg)
	}
	cp, err := translog.OpenCheckpoint(msg, "test.probity/log", f.signer.VerifierKeys()...)
	if err != nil {
		f.t.Fatal(err)
	}
	return cp
}

// proves follows an inclusion-proof link and checks that it proves the
// entry of item typ/id against the root of cp: the link names cp's size,
// the entry at its index is that item, and the audit path leads from the
// entry's leaf hash (RFC 6962, computed here from the entry's bytes) to
// cp's root.
func (f *fixture) proves(link string, cp translog.Checkpoint, typ, id string) {
	f.t.Helper()
	link = html.UnescapeString(link)
	m := regexp.MustCompile(`^/log/proof/inclusion\?index=(\d+)&size=(\d+)$`).FindStringSubmatch(link)
	if m == nil {
		f.t.Fatalf("%q is not an inclusion proof link", link)
	}
	index, _ := strconv.ParseInt(m[1], 10, 64)
	size, _ := strconv.ParseInt(m[2], 10, 64)
	if size != cp.Size {
		f.t.Errorf("%s: size %d, the checkpoint the page was made at has %d", link, size, cp.Size)
	}
	entries, err := f.db.LogEntries(context.Background(), index, index+1)
	if err != nil || len(entries) != 1 {
		f.t.Fatalf("entry %d: %v", index, err)
	}
	var e translog.Entry
	if err := json.Unmarshal(entries[0], &e); err != nil {
		f.t.Fatal(err)
	}
	if e.Type != typ || e.ID != id {
		f.t.Errorf("%s: entry %d is %s %s, want %s %s", link, index, e.Type, e.ID, typ, id)
	}
	status, body, _ := f.fetch(link)
	if status != 200 {
		f.t.Fatalf("GET %s: %d %s", link, status, body)
	}
	var p translog.InclusionProof
	if err := json.Unmarshal(body, &p); err != nil {
		f.t.Fatalf("%s: %v", link, err)
	}
	leaf := tlog.RecordHash(entries[0])
	if p.LeafHash != leaf || p.Root != cp.Root {
		f.t.Errorf("%s: proof for leaf %s root %s; the entry hashes to %s, the checkpoint's root is %s", link, p.LeafHash, p.Root, leaf, cp.Root)
	}
	if err := tlog.CheckRecord(p.Proof, cp.Size, cp.Root, index, leaf); err != nil {
		f.t.Errorf("%s: the proof does not verify against checkpoint %s: %v", link, cp, err)
	}
}

// logIndex is where the store says an item's newest entry is.
func (f *fixture) logIndex(typ, id string) int64 {
	f.t.Helper()
	i, ok, err := f.db.LogIndex(context.Background(), typ, id)
	if err != nil || !ok {
		f.t.Fatalf("%s %s: not in the log (%v)", typ, id, err)
	}
	return i
}

// latestDecision is a contract's latest decision.
func (f *fixture) latestDecision(contract string) probity.Decision {
	f.t.Helper()
	ds, err := f.db.Decisions(context.Background(), probity.DecisionFilter{ContractID: contract, LatestOnly: true})
	if err != nil || len(ds) != 1 {
		f.t.Fatalf("latest decision of %s: %v %v", contract, ds, err)
	}
	return ds[0]
}

// decideCase opens a review case on a contract and has a reviewer decide
// it (the outcome is published, and logged).
func (f *fixture) decideCase(contract string) probity.Case {
	f.t.Helper()
	ctx := context.Background()
	c, err := f.concernSvc.OpenCase(ctx, review.Actor{Name: "rita", Role: string(probity.RoleReviewer)}, contract, "rita")
	if err != nil {
		f.t.Fatal(err)
	}
	c, err = f.concernSvc.Decide(ctx, review.Actor{Name: "rob", Role: string(probity.RoleReviewer)}, c.ID, probity.CaseReject, "")
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

var proofLink = regexp.MustCompile(`/log/proof/inclusion\?index=(\d+)&amp;size=(\d+)`)

// linkTo is the page's proof link of entry index, "" if it has none.
func linkTo(page string, index int64) string {
	for _, m := range proofLink.FindAllStringSubmatch(page, -1) {
		if m[1] == strconv.FormatInt(index, 10) {
			return m[0]
		}
	}
	return ""
}

func rootText(cp translog.Checkpoint) string { return base64.StdEncoding.EncodeToString(cp.Root[:]) }

func TestContractPageCitesTheLog(t *testing.T) {
	f := newFixture(t)
	b := &browser{f: f}
	outcome := f.decideCase(f.cityDeal)

	// No checkpoint yet: entries are named, honestly without proofs.
	r := b.get("/contracts/" + f.iceDeal)
	ci := f.logIndex(translog.TypeContract, f.iceDeal)
	if !strings.Contains(r.body, "log entry "+strconv.FormatInt(ci, 10)+" (not yet in a signed checkpoint") || !strings.Contains(r.body, "No log checkpoint is signed yet") {
		t.Errorf("before any checkpoint, the page does not say that the proofs are to come:\n%s", r.body)
	}
	if proofLink.MatchString(r.body) {
		t.Error("a proof link before any checkpoint")
	}

	cp := f.sign()
	if served := f.servedCheckpoint(); served != cp {
		t.Fatalf("served checkpoint %s, signed %s", served, cp)
	}
	r = b.get("/contracts/" + f.iceDeal)
	if !strings.Contains(html.UnescapeString(r.body), "Made at log checkpoint "+strconv.FormatInt(cp.Size, 10)+", root hash <code class=\"hash\">"+rootText(cp)+"</code>") {
		t.Errorf("the page does not name checkpoint %s", cp)
	}
	link := linkTo(r.body, ci)
	if link == "" {
		t.Fatalf("no proof link of contract entry %d", ci)
	}
	f.proves(link, cp, translog.TypeContract, f.iceDeal)
	d := f.latestDecision(f.iceDeal)
	di := f.logIndex(translog.TypeDecision, strconv.FormatInt(d.ID, 10))
	if link = linkTo(r.body, di); link == "" {
		t.Fatalf("no proof link of decision entry %d", di)
	}
	f.proves(link, cp, translog.TypeDecision, strconv.FormatInt(d.ID, 10))

	// So is the public finding behind the decision, on the contract's page
	// and on its organization's.
	pi := f.logIndex(translog.TypeFinding, strconv.FormatInt(f.publicID, 10))
	if link = linkTo(r.body, pi); link == "" {
		t.Fatalf("no proof link of finding entry %d", pi)
	}
	f.proves(link, cp, translog.TypeFinding, strconv.FormatInt(f.publicID, 10))
	org := b.get("/orgs/" + strconv.FormatInt(f.dhs, 10))
	if link = linkTo(org.body, pi); link == "" {
		t.Fatalf("the organization page has no proof link of finding entry %d", pi)
	}
	f.proves(link, cp, translog.TypeFinding, strconv.FormatInt(f.publicID, 10))
	// A reviewer sees the confidential finding too, and that it is not in
	// the log; the public sees neither.
	if _, ok, _ := f.db.LogIndex(context.Background(), translog.TypeFinding, strconv.FormatInt(f.confID, 10)); ok {
		t.Fatal("the confidential finding is in the log")
	}
	rev := f.signIn("rita").get("/orgs/" + strconv.FormatInt(f.ice, 10))
	if !strings.Contains(rev.body, secretSummary) || !strings.Contains(rev.body, "This finding: not in the transparency log") {
		t.Error("a reviewer is not told that the confidential finding is not in the log")
	}
	if pub := b.get("/orgs/" + strconv.FormatInt(f.ice, 10)); strings.Contains(pub.body, secretSummary) {
		t.Error("the public sees the confidential finding")
	}

	// A decided case's outcome is cited on its contract's page.
	r = b.get("/contracts/" + f.cityDeal)
	oi := f.logIndex(translog.TypeCaseOutcome, strconv.FormatInt(outcome.ID, 10))
	if link = linkTo(r.body, oi); link == "" || !strings.Contains(r.body, "Reviewers decided: <strong>reject</strong>") {
		t.Fatalf("no proof link of case outcome entry %d", oi)
	}
	f.proves(link, cp, translog.TypeCaseOutcome, strconv.FormatInt(outcome.ID, 10))
	// The reviewers' case page cites the decision and the outcome too.
	cpage := f.signIn("rob").get("/console/cases/" + strconv.FormatInt(outcome.ID, 10))
	if linkTo(cpage.body, oi) == "" || linkTo(cpage.body, f.logIndex(translog.TypeDecision, strconv.FormatInt(outcome.DecisionID, 10))) == "" {
		t.Errorf("the case page does not cite the outcome (entry %d) and the decision under review", oi)
	}

	// A contract published after the checkpoint: its entry is named, its
	// proof is not offered until a checkpoint covers it.
	err := f.db.Update(context.Background(), func(tx probity.Tx) error {
		return tx.PutContract(context.Background(), probity.Contract{ID: "CONT_LATE", Title: "Published after the checkpoint", Status: probity.StatusActive,
			Buyer: &probity.OrgRef{ID: f.ice}, Source: "usaspending"})
	})
	if err != nil {
		t.Fatal(err)
	}
	li := f.logIndex(translog.TypeContract, "CONT_LATE")
	r = b.get("/contracts/CONT_LATE")
	if !strings.Contains(r.body, "log entry "+strconv.FormatInt(li, 10)+" (not yet in a signed checkpoint") || linkTo(r.body, li) != "" {
		t.Errorf("a contract newer than the checkpoint: entry %d not shown as awaiting the next checkpoint", li)
	}
	cp2 := f.sign()
	r = b.get("/contracts/CONT_LATE")
	if link = linkTo(r.body, li); link == "" {
		t.Fatalf("after checkpoint %d, no proof link of entry %d", cp2.Size, li)
	}
	f.proves(link, cp2, translog.TypeContract, "CONT_LATE")
	if strings.Contains(r.body, secretSummary) || strings.Contains(b.get("/contracts/"+f.iceDeal).body, secretSummary) {
		t.Error("a confidential finding on a page")
	}
}

func TestPolicyPageCitesTheLog(t *testing.T) {
	f := newFixture(t)
	cp := f.sign()
	r := (&browser{f: f}).get("/policy")
	vs, err := f.db.PolicyVersions(context.Background())
	if err != nil || len(vs) == 0 {
		t.Fatal(vs, err)
	}
	for _, v := range vs {
		i := f.logIndex(translog.TypePolicy, v.Hash)
		link := linkTo(r.body, i)
		if link == "" {
			t.Fatalf("policy version %d: no proof link of entry %d", v.ID, i)
		}
		f.proves(link, cp, translog.TypePolicy, v.Hash)
	}
	if !strings.Contains(html.UnescapeString(r.body), rootText(cp)) {
		t.Errorf("the policy page does not name the root of checkpoint %s", cp)
	}
	// API clients get the same citations.
	req, _ := http.NewRequest("GET", f.ts.URL+"/policy", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Versions []struct {
			Hash     string `json:"hash"`
			LogIndex *int64 `json:"log_index"`
			LogProof string `json:"log_proof"`
		} `json:"versions"`
		Checkpoint struct {
			Size     int64  `json:"size"`
			RootHash string `json:"root_hash"`
		} `json:"checkpoint"`
	}
	err = json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if err != nil || len(out.Versions) != len(vs) || out.Checkpoint.Size != cp.Size || out.Checkpoint.RootHash != rootText(cp) {
		t.Fatalf("policy JSON: %v %+v", err, out)
	}
	for _, v := range out.Versions {
		if v.LogIndex == nil || *v.LogIndex != f.logIndex(translog.TypePolicy, v.Hash) {
			t.Errorf("policy %s: log_index %v", v.Hash, v.LogIndex)
		}
		f.proves(v.LogProof, cp, translog.TypePolicy, v.Hash)
	}
}

func TestCSVExportCitesTheLog(t *testing.T) {
	f := newFixture(t)
	cp := f.sign()
	late := func(id string) {
		err := f.db.Update(context.Background(), func(tx probity.Tx) error {
			return tx.PutContract(context.Background(), probity.Contract{ID: id, Title: "Late", Status: probity.StatusActive, Buyer: &probity.OrgRef{ID: f.city}, Source: "ocds"})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	late("CONT_LATE") // after the checkpoint: indexed, no proof yet
	status, body, hdr := f.fetch("/contracts?format=csv")
	if status != 200 {
		t.Fatalf("csv: %d", status)
	}
	if hdr.Get("X-Log-Checkpoint-Size") != strconv.FormatInt(cp.Size, 10) || hdr.Get("X-Log-Root-Hash") != rootText(cp) {
		t.Errorf("headers %v, want checkpoint %s", hdr, cp)
	}
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, c := range []string{"log_index", "log_proof", "decision_log_index", "decision_log_proof", "checkpoint_size", "checkpoint_root_hash"} {
		if _, ok := col[c]; !ok {
			t.Fatalf("no column %s in %v", c, rows[0])
		}
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want a header and 4 contracts", len(rows))
	}
	for _, row := range rows[1:] {
		id := row[col["id"]]
		get := func(c string) string { return row[col[c]] }
		if get("checkpoint_size") != strconv.FormatInt(cp.Size, 10) || get("checkpoint_root_hash") != rootText(cp) {
			t.Errorf("%s: checkpoint %s %s, want %s", id, get("checkpoint_size"), get("checkpoint_root_hash"), cp)
		}
		if get("log_index") != strconv.FormatInt(f.logIndex(translog.TypeContract, id), 10) {
			t.Errorf("%s: log_index %q", id, get("log_index"))
		}
		if id == "CONT_LATE" {
			if get("log_proof") != "" || get("decision_log_index") != "" {
				t.Errorf("%s: published after the checkpoint, yet proof %q, decision entry %q", id, get("log_proof"), get("decision_log_index"))
			}
			continue
		}
		f.proves(get("log_proof"), cp, translog.TypeContract, id)
		d := f.latestDecision(id)
		if get("decision_log_index") != strconv.FormatInt(f.logIndex(translog.TypeDecision, strconv.FormatInt(d.ID, 10)), 10) {
			t.Errorf("%s: decision_log_index %q", id, get("decision_log_index"))
		}
		f.proves(get("decision_log_proof"), cp, translog.TypeDecision, strconv.FormatInt(d.ID, 10))
	}
	if strings.Contains(string(body), secretSummary) || strings.Contains(string(body), secretAuthor) {
		t.Error("a confidential finding in the CSV export")
	}
}

func TestOCDSExportCitesTheLog(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	rel := json.RawMessage(`{"ocid":"` + f.cityDeal + `","id":"r1","date":"2020-01-01T00:00:00Z","tag":["contract"],"initiationType":"tender","buyer":{"name":"City of Testville"}}`)
	err := f.db.Update(ctx, func(tx probity.Tx) error {
		_, err := tx.PutRelease(ctx, probity.Release{OCID: f.cityDeal, ID: "r1", Date: "2020-01-01T00:00:00Z", Version: "1.1", Raw: rel, Source: "test:1"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cp := f.sign()
	status, body, _ := f.fetch("/contracts?format=ocds")
	if status != 200 {
		t.Fatalf("ocds: %d %s", status, body)
	}
	var pkg struct {
		Probity struct {
			Checkpoint *struct {
				Origin   string
				Size     int64
				RootHash string
			}
			CheckpointURL string
		}
		Records []struct {
			OCID    string
			Probity struct {
				LogIndex         *int64
				LogProof         string
				DecisionLogIndex *int64
				DecisionLogProof string
			}
		}
	}
	if err := json.Unmarshal(body, &pkg); err != nil {
		t.Fatal(err)
	}
	if c := pkg.Probity.Checkpoint; c == nil || c.Size != cp.Size || c.RootHash != rootText(cp) || c.Origin != cp.Origin || pkg.Probity.CheckpointURL != "/log/checkpoint" {
		t.Errorf("package's checkpoint %+v, want %s", pkg.Probity, cp)
	}
	if len(pkg.Records) != 1 || pkg.Records[0].OCID != f.cityDeal {
		t.Fatalf("records %+v", pkg.Records)
	}
	p := pkg.Records[0].Probity
	d := f.latestDecision(f.cityDeal)
	if p.LogIndex == nil || *p.LogIndex != f.logIndex(translog.TypeContract, f.cityDeal) ||
		p.DecisionLogIndex == nil || *p.DecisionLogIndex != f.logIndex(translog.TypeDecision, strconv.FormatInt(d.ID, 10)) {
		t.Fatalf("record's log member %+v", p)
	}
	f.proves(p.LogProof, cp, translog.TypeContract, f.cityDeal)
	f.proves(p.DecisionLogProof, cp, translog.TypeDecision, strconv.FormatInt(d.ID, 10))
	t.Run("schema", func(t *testing.T) {
		schema := ocdsschema.RecordPackage(t)
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Fatalf("the export is not a valid record package: %v", err)
		}
	})
}

func TestAtomFeedCitesTheLog(t *testing.T) {
	f := newFixture(t)
	outcome := f.decideCase(f.cityDeal)
	cp := f.sign()
	status, body, _ := f.fetch("/feed.atom")
	if status != 200 {
		t.Fatalf("feed: %d", status)
	}
	var feed struct {
		Checkpoint struct {
			Signed   bool   `xml:"signed,attr"`
			Size     string `xml:"size,attr"`
			RootHash string `xml:"rootHash,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"checkpoint"`
		Entries []struct {
			ID      string `xml:"id"`
			Summary string `xml:"summary"`
			Links   []struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Log *struct {
				XMLName xml.Name
				Type    string `xml:"type,attr"`
				Index   int64  `xml:"index,attr"`
				Proof   string `xml:"proof,attr"`
			} `xml:"logEntry"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(body, &feed); err != nil {
		t.Fatal(err)
	}
	if !feed.Checkpoint.Signed || feed.Checkpoint.Size != strconv.FormatInt(cp.Size, 10) || feed.Checkpoint.RootHash != rootText(cp) || feed.Checkpoint.Href != "/log/checkpoint" {
		t.Errorf("feed checkpoint %+v, want %s", feed.Checkpoint, cp)
	}
	seen := map[string]bool{}
	for _, e := range feed.Entries {
		typ, id, ok := strings.Cut(strings.TrimPrefix(e.ID, "tag:probity,2026:"), "/")
		if !ok {
			t.Fatalf("entry id %q", e.ID)
		}
		if typ == "case" {
			typ = translog.TypeCaseOutcome
		}
		seen[typ] = true
		want := f.logIndex(typ, id)
		if e.Log == nil || e.Log.XMLName.Space != "tag:probity,2026:log" || e.Log.Type != typ || e.Log.Index != want {
			t.Fatalf("entry %s: log element %+v, want %s entry %d", e.ID, e.Log, typ, want)
		}
		if !strings.Contains(e.Summary, "Transparency log entry "+strconv.FormatInt(want, 10)+", included in checkpoint "+strconv.FormatInt(cp.Size, 10)) {
			t.Errorf("entry %s: summary %q does not cite entry %d", e.ID, e.Summary, want)
		}
		var related string
		for _, l := range e.Links {
			if l.Rel == "related" {
				related = l.Href
			}
		}
		if related == "" || related != e.Log.Proof {
			t.Errorf("entry %s: related link %q, log element's proof %q", e.ID, related, e.Log.Proof)
		}
		f.proves(related, cp, typ, id)
	}
	if !seen[translog.TypeDecision] || !seen[translog.TypeCaseOutcome] {
		t.Errorf("feed has %v; want decisions and the outcome of case %d", seen, outcome.ID)
	}
	if strings.Contains(string(body), secretSummary) || regexp.MustCompile(`\brob\b`).Match(body) {
		t.Error("the feed names a confidential finding or the reviewer")
	}
}
