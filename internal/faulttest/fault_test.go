package faulttest_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the read-only connection that watches for commits

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/internal/shareddata"
	"github.com/probity/probity/sqlite"
)

// The suite's fixtures, made once by TestMain.
var (
	bin    string // the probity binary under test
	baseDB string // the demo scenario, copied for each fault
	tmp    string
)

// tally is the summary printed at the end of the run.
var tally struct {
	sync.Mutex
	faults, contracts, undecided, acked, lost int
}

func count(faults, contracts, undecided, acked, lost int) {
	tally.Lock()
	defer tally.Unlock()
	tally.faults += faults
	tally.contracts += contracts
	tally.undecided += undecided
	tally.acked += acked
	tally.lost += lost
}

func TestMain(m *testing.M) {
	if os.Getenv("PROBITY_FAULT_TESTS") != "1" {
		os.Exit(m.Run()) // every test skips itself
	}
	var err error
	if tmp, err = os.MkdirTemp("", "probity-fault-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := setupAndRun(m)
	os.RemoveAll(tmp)
	os.Exit(code)
}

func setupAndRun(m *testing.M) int {
	bin = filepath.Join(tmp, "probity")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/probity/probity/cmd/probity").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "faulttest: building probity: %v\n%s", err, out)
		return 1
	}
	baseDB = filepath.Join(tmp, "base.db")
	if out, err := exec.Command(bin, "--db", baseDB, "demo", "--no-serve").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "faulttest: probity demo: %v\n%s", err, out)
		return 1
	}
	code := m.Run()
	tally.Lock()
	line := fmt.Sprintf("fault-injection summary: faults injected %d, contracts checked %d, undecided after recovery %d (must be 0), acknowledged writes %d, acknowledged writes lost %d (must be 0)",
		tally.faults, tally.contracts, tally.undecided, tally.acked, tally.lost)
	// go test shows a passing package's output only with -v: the summary
	// also goes to the file $PROBITY_FAULT_SUMMARY names, for CI to print.
	fmt.Printf("\n%s\n", line)
	if path := os.Getenv("PROBITY_FAULT_SUMMARY"); path != "" {
		if err := os.WriteFile(path, []byte(line+"\n"), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "faulttest: %v\n", err)
		}
	}
	if tally.undecided != 0 || tally.lost != 0 {
		code = 1
	}
	tally.Unlock()
	return code
}

func enabled(t *testing.T) {
	t.Helper()
	if os.Getenv("PROBITY_FAULT_TESTS") != "1" {
		t.Skip("the fault-injection suite runs with PROBITY_FAULT_TESTS=1 (it builds probity and kills it)")
	}
}

// copyDB copies the demo database into dir and returns its path.
func copyDB(t *testing.T, dir string) string {
	t.Helper()
	db := filepath.Join(dir, "probity.db")
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(baseDB + suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(db+suffix, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// lockedBuffer collects a child's output.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// child is a probity process.
type child struct {
	cmd      *exec.Cmd
	out, err lockedBuffer
	done     chan struct{}
	waitErr  error
}

func start(t *testing.T, db string, args ...string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(bin, append([]string{"--db", db}, args...)...), done: make(chan struct{})}
	c.cmd.Stdout, c.cmd.Stderr = &c.out, &c.err
	c.cmd.Env = append(os.Environ(), "USER=faulttest")
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		c.waitErr = c.cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(func() { c.kill() })
	return c
}

func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// kill sends SIGKILL and reports whether the process was still running
// (a fault injected).
func (c *child) kill() bool {
	if c.exited() {
		return false
	}
	err := c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
	var ee *exec.ExitError
	return err == nil && errors.As(c.waitErr, &ee) && ee.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL
}

// wait waits for the child to exit and returns its exit code.
func (c *child) wait(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case <-c.done:
	case <-time.After(within):
		c.kill()
		t.Fatalf("%v did not finish within %v\nstdout: %s\nstderr: %s", c.cmd.Args, within, c.out.String(), c.err.String())
	}
	if c.cmd.ProcessState == nil {
		return -1
	}
	return c.cmd.ProcessState.ExitCode()
}

// run runs probity to the end and returns its output and exit code.
func run(t *testing.T, db string, args ...string) (string, string, int) {
	t.Helper()
	c := start(t, db, args...)
	code := c.wait(t, 2*time.Minute)
	if strings.Contains(c.err.String(), "panic:") {
		t.Fatalf("%v panicked:\n%s", args, c.err.String())
	}
	return c.out.String(), c.err.String(), code
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, errs, code := run(t, db, args...)
	if code != 0 {
		t.Fatalf("probity %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// watch opens a read-only connection to db, to see commits as they land.
func watch(t *testing.T, db string) *sql.DB {
	t.Helper()
	w, err := sql.Open("sqlite", "file:"+db+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func countRows(t *testing.T, w *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := w.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// killAfter kills c with SIGKILL delay after query's count first exceeds
// base (the commit the scenario is about), and reports whether the kill
// found the process running.
func killAfter(t *testing.T, c *child, w *sql.DB, query string, base int, delay time.Duration) bool {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if c.exited() {
			t.Logf("%v ended before the commit point was seen", c.cmd.Args[3:])
			return false
		}
		var n int
		if err := w.QueryRow(query).Scan(&n); err == nil && n > base {
			time.Sleep(delay)
			return c.kill()
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("%v: %s never exceeded %d", c.cmd.Args, query, base)
	return false
}

// recoverAndCheck runs an unrelated command (which finishes the pending
// work first), then checks the register: nothing pending, and every
// contract's latest decision is what the policy in force gives on the
// register as it is now, computed afresh.
func recoverAndCheck(t *testing.T, db string) {
	t.Helper()
	status := mustRun(t, db, "status", "--json")
	var st struct {
		Pending map[string]int `json:"pending"`
	}
	if err := json.Unmarshal([]byte(status), &st); err != nil {
		t.Fatalf("status --json: %v: %q", err, status)
	}
	t.Logf("pending after the fault: %v", st.Pending)
	mustRun(t, db, "contracts", "list", "--limit", "1")
	check(t, db)
}

// check is the oracle.
func check(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pending, err := s.CountPendingChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stale, checked := staleContracts(t, s)
	count(0, checked, len(stale), 0, 0)
	if len(pending) > 0 {
		t.Errorf("after recovery, still pending: %v", pending)
	}
	if len(stale) > 0 {
		t.Errorf("after recovery, %d of %d contracts are undecided or decided on stale evidence, e.g. %v", len(stale), checked, stale[:min(5, len(stale))])
	}
}

// staleContracts evaluates every contract under the policy in force and
// returns those whose latest recorded decision is missing or differs in
// outcome or reasons.
func staleContracts(t *testing.T, s *sqlite.DB) ([]string, int) {
	t.Helper()
	ctx := context.Background()
	d, err := decide.New(ctx, s, 0)
	if err != nil {
		t.Fatal(err)
	}
	latest, err := s.Decisions(ctx, probity.DecisionFilter{LatestOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	recorded := map[string]probity.Decision{}
	for _, dec := range latest {
		recorded[dec.ContractID] = dec
	}
	all, err := s.Contracts(ctx, probity.ContractFilter{})
	if err != nil {
		t.Fatal(err)
	}
	bad := make([]bool, len(all))
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	next := make(chan int, len(all))
	for i := range all {
		next <- i
	}
	close(next)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				want, err := d.Engine().Decision(ctx, d.Input(&all[i]))
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				got, ok := recorded[all[i].ID]
				bad[i] = !ok || got.Outcome != want.Outcome || reasonsKey(got.Reasons) != reasonsKey(want.Reasons)
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	var out []string
	for i, b := range bad {
		if b {
			out = append(out, all[i].ID)
		}
	}
	return out, len(all)
}

func reasonsKey(rs []probity.Reason) string {
	b, _ := json.Marshal(rs)
	return string(b)
}

// orgNamed returns the id of the first organization whose name contains name.
func orgNamed(t *testing.T, db, name string) int64 {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	orgs, err := s.Organizations(context.Background(), probity.OrgFilter{Name: name})
	if err != nil || len(orgs) == 0 {
		t.Fatalf("no organization named %q: %v", name, err)
	}
	return orgs[0].ID
}

// delays are how long after the commit point the kill lands: at once, and
// when the work that follows is under way.
var delays = []time.Duration{0, 250 * time.Millisecond}

// kill -9 while a large ingest runs, after a batch committed.
func TestKillDuringIngest(t *testing.T) {
	enabled(t)
	file := filepath.Join(shareddata.Dir(t, "ocds", "armenia-armeps"), "armenia-releases.jsonl")
	for i, delay := range []time.Duration{0, 700 * time.Millisecond} {
		t.Run(delay.String(), func(t *testing.T) {
			db := copyDB(t, t.TempDir())
			w := watch(t, db)
			base := countRows(t, w, `SELECT count(*) FROM contracts`)
			c := start(t, db, "ingest", "ocds", "--quiet", "--batch", "100", file)
			if killAfter(t, c, w, `SELECT count(*) FROM contracts`, base, delay) {
				count(1, 0, 0, 0, 0)
			}
			recoverAndCheck(t, db)
			if i == 0 {
				// Running the same ingest again goes on from what was kept,
				// to the register an uninterrupted ingest makes (the demo
				// already holds some of the file's processes).
				ref := copyDB(t, t.TempDir())
				mustRun(t, ref, "ingest", "ocds", "--quiet", file)
				want := countRows(t, watch(t, ref), `SELECT count(*) FROM contracts`)
				mustRun(t, db, "ingest", "ocds", "--quiet", file)
				check(t, db)
				if n := countRows(t, w, `SELECT count(*) FROM contracts`); n != want || want <= base {
					t.Errorf("after the ingest ran again: %d contracts, want %d (as without the kill; %d before)", n, want, base)
				}
			}
		})
	}
}

var addedFinding = regexp.MustCompile(`finding (\d+) added`)

// kill -9 right after "findings add" committed.
func TestKillAfterFindingsAdd(t *testing.T) {
	enabled(t)
	for _, delay := range delays {
		t.Run(delay.String(), func(t *testing.T) {
			db := copyDB(t, t.TempDir())
			org := orgNamed(t, db, "Microsoft")
			w := watch(t, db)
			base := countRows(t, w, `SELECT count(*) FROM findings`)
			c := start(t, db, "findings", "add", "--org", strconv.FormatInt(org, 10), "--category", "unlawful_surveillance",
				"--status", "substantiated", "--severity", "high", "--source", "Fault Test|A report|2024", "--legal-basis", "ICCPR art. 17",
				"--summary", "a finding added just before the process was killed")
			if killAfter(t, c, w, `SELECT count(*) FROM findings`, base, delay) {
				count(1, 0, 0, 0, 0)
			}
			recoverAndCheck(t, db)
			ackedFindings(t, db, c.out.String())
		})
	}
}

// ackedFindings checks that every finding the process said it added is
// stored.
func ackedFindings(t *testing.T, db, out string) {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, m := range addedFinding.FindAllStringSubmatch(out, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		lost := 0
		if _, err := s.Finding(context.Background(), id); err != nil {
			lost = 1
			t.Errorf("finding %d was acknowledged, then lost: %v", id, err)
		}
		count(0, 0, 0, 1, lost)
	}
}

// kill -9 right after "lists load" committed a new version.
func TestKillAfterListsLoad(t *testing.T) {
	enabled(t)
	for _, delay := range delays {
		t.Run(delay.String(), func(t *testing.T) {
			dir := t.TempDir()
			db := copyDB(t, dir)
			list := filepath.Join(dir, "list.csv")
			os.WriteFile(list, []byte("id,name,schema,program\nF1,Microsoft,Company,GLOMAG\nF2,Dell Federal Systems,Company,GLOMAG\nF3,Palantir Technologies,Company,GLOMAG\n"), 0o644)
			w := watch(t, db)
			base := countRows(t, w, `SELECT count(*) FROM list_versions`)
			c := start(t, db, "lists", "load", "csv", list, "--name", "fault_list")
			if killAfter(t, c, w, `SELECT count(*) FROM list_versions`, base, delay) {
				count(1, 0, 0, 0, 0)
			}
			recoverAndCheck(t, db)
			if n := countRows(t, w, `SELECT count(*) FROM screenings WHERE list = 'fault_list'`); n == 0 {
				t.Errorf("after recovery, the new list has no hit: the register was not screened against it")
			}
		})
	}
}

// policyVariant writes a copy of the default policy whose contractor
// exposure reasons read differently, so that decisions under it differ.
func policyVariant(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "policy", "default")
	dir := filepath.Join(t.TempDir(), "policy")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.ReplaceAll(data, []byte(`"contractor exposure: "`), []byte(`"exposure through a contractor: "`))
		data = bytes.ReplaceAll(data, []byte(`"related exposure: "`), []byte(`"exposure through a relation: "`))
		data = bytes.ReplaceAll(data, []byte(`r.message == "related exposure: `), []byte(`r.message == "exposure through a relation: `))
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// kill -9 right after "policy publish" committed a new version.
func TestKillAfterPolicyPublish(t *testing.T) {
	enabled(t)
	pol := policyVariant(t)
	for _, delay := range []time.Duration{0, time.Second} {
		t.Run(delay.String(), func(t *testing.T) {
			db := copyDB(t, t.TempDir())
			w := watch(t, db)
			base := countRows(t, w, `SELECT count(*) FROM policy_versions`)
			c := start(t, db, "policy", "publish", "--author", "faulttest", pol)
			if killAfter(t, c, w, `SELECT count(*) FROM policy_versions`, base, delay) {
				count(1, 0, 0, 0, 0)
			}
			recoverAndCheck(t, db)
		})
	}
}

// server is a "probity serve" child with a reviewer's token.
type server struct {
	*child
	url, token string
}

func startServer(t *testing.T, db string) *server {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("reviewer%d", time.Now().UnixNano()%1e9)
	u, err := s.CreateUser(ctx, probity.User{Name: name, Role: probity.RoleReviewer}, "faulttest")
	if err != nil {
		t.Fatal(err)
	}
	secret, display, hash, err := probity.NewSecret(probity.TokenPrefix)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateToken(ctx, probity.Token{UserID: u.ID, Name: "faulttest", Prefix: display}, hash, "faulttest"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	c := start(t, db, "serve", "--addr", "127.0.0.1:0", "--rate", "0", "--log-level", "warn")
	url := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if m := url.FindStringSubmatch(c.out.String()); m != nil {
			return &server{child: c, url: m[1], token: secret}
		}
		if c.exited() {
			t.Fatalf("serve ended: %s", c.err.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve did not start: %s", c.err.String())
	return nil
}

func (s *server) post(path string, body any) (int, []byte, error) {
	data, _ := json.Marshal(body)
	req, err := httpRequest("POST", s.url+path, data, s.token)
	if err != nil {
		return 0, nil, err
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, nil
}

// firstOpenCases returns the ids and contracts of n open cases.
func firstOpenCases(t *testing.T, db string, n int) ([]int64, []string) {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cases, err := s.Cases(context.Background(), probity.CaseFilter{State: probity.CaseOpen, Limit: n})
	if err != nil || len(cases) < n {
		t.Fatalf("want %d open cases: %d, %v", n, len(cases), err)
	}
	var ids []int64
	var contracts []string
	for _, c := range cases[:n] {
		ids = append(ids, c.ID)
		contracts = append(contracts, c.ContractID)
	}
	return ids, contracts
}

// kill -9 of serve right after it answered a case decision (cancel the
// contract: a change of the register, so a decision to take again).
func TestKillAfterCaseDecision(t *testing.T) {
	enabled(t)
	for i := range 2 {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			db := copyDB(t, t.TempDir())
			ids, contracts := firstOpenCases(t, db, 1)
			srv := startServer(t, db)
			status, body, err := srv.post(fmt.Sprintf("/cases/%d/decision", ids[0]), map[string]string{"outcome": probity.CaseCancelContract})
			if i == 1 {
				time.Sleep(150 * time.Millisecond)
			}
			if srv.kill() {
				count(1, 0, 0, 0, 0)
			}
			if err != nil || status != 200 {
				t.Fatalf("POST decision: %d %s %v", status, body, err)
			}
			recoverAndCheck(t, db)
			s, err := sqlite.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			c, err1 := s.Case(context.Background(), ids[0])
			k, err2 := s.Contract(context.Background(), contracts[0])
			lost := 0
			if err1 != nil || err2 != nil || c.State != probity.CaseDecided || k.Status != probity.StatusCancelled {
				lost = 1
				t.Errorf("the acknowledged case decision was lost: case %+v (%v), contract status %v (%v)", c, err1, k, err2)
			}
			count(0, 0, 0, 1, lost)
		})
	}
}

// While a large ingest runs, HTTP writes succeed or get 503 with
// Retry-After, never 500; then serve and the ingest are both killed, and
// nothing acknowledged is lost.
func TestWritesDuringIngest(t *testing.T) {
	enabled(t)
	file := filepath.Join(shareddata.Dir(t, "ocds", "armenia-armeps"), "armenia-releases.jsonl")
	db := copyDB(t, t.TempDir())
	ids, _ := firstOpenCases(t, db, 1)
	srv := startServer(t, db)
	w := watch(t, db)
	base := countRows(t, w, `SELECT count(*) FROM contracts`)
	comment := func(text string) (int, []byte, time.Duration) {
		start := time.Now()
		status, body, err := srv.post(fmt.Sprintf("/cases/%d/comments", ids[0]), map[string]string{"text": text})
		if err != nil {
			t.Fatalf("POST comment: %v", err)
		}
		return status, body, time.Since(start)
	}

	// A writer that cannot get the lock within the busy timeout gets 503
	// with Retry-After (another process holds the write lock throughout).
	lock, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := lock.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	req, _ := httpRequest("POST", srv.url+fmt.Sprintf("/cases/%d/comments", ids[0]), []byte(`{"text":"while the lock is held"}`), srv.token)
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("a write while another process held the lock: %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	conn.ExecContext(context.Background(), "ROLLBACK")
	conn.Close()
	lock.Close()

	ing := start(t, db, "ingest", "ocds", "--quiet", "--batch", "100", file)
	var acked []int64
	statuses := map[int]int{}
	var slowest time.Duration
	for !ing.exited() && countRows(t, w, `SELECT count(*) FROM contracts`) < base+500 {
		status, body, took := comment(fmt.Sprintf("comment %d during the ingest", len(acked)))
		slowest = max(slowest, took)
		statuses[status]++
		switch status {
		case 200:
			var c probity.CaseComment
			if err := json.Unmarshal(body, &c); err != nil || c.ID == 0 {
				t.Fatalf("comment answer: %s", body)
			}
			acked = append(acked, c.ID)
		case 503:
		default:
			t.Fatalf("a write during the ingest got %d: %s", status, body)
		}
	}
	t.Logf("writes during the ingest: %v, the slowest took %v", statuses, slowest)
	if slowest > 5*time.Second {
		t.Errorf("a write waited %v for the ingest: batches should leave room within seconds", slowest)
	}
	if statuses[200] == 0 {
		t.Errorf("no write got through while the ingest ran: %v", statuses)
	}
	faults := 0
	if ing.kill() {
		faults++
	}
	if srv.kill() {
		faults++
	}
	count(faults, 0, 0, 0, 0)
	recoverAndCheck(t, db)
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	comments, err := s.CaseComments(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int64]bool{}
	for _, c := range comments {
		stored[c.ID] = true
	}
	lost := 0
	for _, id := range acked {
		if !stored[id] {
			lost++
		}
	}
	count(0, 0, 0, len(acked), lost)
	if lost > 0 {
		t.Errorf("%d of %d acknowledged comments lost", lost, len(acked))
	}
}
