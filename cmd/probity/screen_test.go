package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/probity/probity/internal/shareddata"
)

func TestListsScreenCompare(t *testing.T) {
	sdn := shareddata.Dir(t, "watchlists", "ofac-sdn-2024-05-03")
	db := tempDB(t)
	if _, errs, code := run(t, db, "", "screen", "anyone"); code != 1 || !strings.Contains(errs, "lists load") {
		t.Fatalf("screen before any list: exit %d, %q", code, errs)
	}
	out := mustRun(t, db, "lists", "load", "ofac", sdn, "--json")
	var rep struct {
		List      string `json:"list"`
		VersionID int64  `json:"version_id"`
		Entries   int    `json:"entries"`
		Unchanged bool   `json:"unchanged"`
		Diff      struct {
			Added []string `json:"added"`
		} `json:"diff"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.List != "us_ofac_sdn" || rep.Entries != 14965 || len(rep.Diff.Added) != 14965 || rep.Unchanged {
		t.Fatalf("first load: %+v", rep)
	}
	// A malformed version fails, naming file and line, and the loaded
	// version stays in use.
	bad := t.TempDir()
	data, _ := os.ReadFile(filepath.Join(sdn, "sdn.csv"))
	os.WriteFile(filepath.Join(bad, "sdn.csv"), data[:len(data)/2], 0o644) // truncated mid-row
	if _, errs, code := run(t, db, "", "lists", "load", "ofac", bad); code != 1 || !strings.Contains(errs, "sdn.csv") {
		t.Fatalf("truncated list: exit %d, %q", code, errs)
	}
	out = mustRun(t, db, "lists", "load", "ofac", sdn, "--json")
	json.Unmarshal([]byte(out), &rep)
	if !rep.Unchanged || rep.VersionID != 1 {
		t.Fatalf("reload of the same files: %+v", rep)
	}

	// One name, JSON: the GLOMAG entry, with the list's own id.
	out = mustRun(t, db, "screen", "--json", "--schema", "Person", "Ramzan Kadyrov")
	var res screenResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Results) == 0 || res.Results[0].SourceID != "23343" || !res.Results[0].Match || !strings.Contains(strings.Join(res.Results[0].Programs, " "), "GLOMAG") {
		t.Fatalf("Kadyrov: %+v", res.Results)
	}
	if res.Results[0].Summary == "" || len(res.Results[0].Explanation.Alignment) == 0 {
		t.Errorf("result does not explain itself: %+v", res.Results[0])
	}
	// Bad queries get an answer, not a crash.
	for _, q := range []string{"!!!", strings.Repeat("x", 10000)} {
		if _, errs, code := run(t, db, "", "screen", q); code != 1 || errs == "" {
			t.Errorf("screen %.10q: exit %d, %q", q, code, errs)
		}
	}

	// Batch: one JSON line per query, in order, with query ids.
	queries := filepath.Join(t.TempDir(), "q.csv")
	os.WriteFile(queries, []byte("id,name,schema\nq1,Ramzan Kadyrov,Person\nq2,Microsoft Corporation,Company\nq3,...,\n"), 0o644)
	out = mustRun(t, db, "screen", "--batch", queries)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("batch wrote %d lines, want 3:\n%s", len(lines), out)
	}
	for i, want := range []string{"q1", "q2", "q3"} {
		var r screenResult
		if err := json.Unmarshal([]byte(lines[i]), &r); err != nil || r.QueryID != want {
			t.Errorf("line %d: %v %+v", i+1, err, r)
		}
		if want == "q1" && (len(r.Results) == 0 || r.Results[0].SourceID != "23343") {
			t.Errorf("batch q1: %+v", r.Results)
		}
		if want == "q3" && r.Error == "" {
			t.Errorf("punctuation-only query has no error: %+v", r)
		}
	}

	// compare: a verdict with reasons; numbers must agree.
	out = mustRun(t, db, "compare", "--json", "--schema", "Company", "Holding 3 Ltd", "Holding 1 Ltd")
	var cmp struct {
		Score float64 `json:"score"`
		Match bool    `json:"match"`
	}
	json.Unmarshal([]byte(out), &cmp)
	if cmp.Match {
		t.Errorf("Holding 3 matched Holding 1: %s", out)
	}
	if out := mustRun(t, db, "compare", "George Bush", "George Habbash"); !strings.Contains(out, "no match") {
		t.Errorf("George Bush ~ George Habbash: %s", out)
	}
}

func TestCompareBatchKeepsRows(t *testing.T) {
	pairs := shareddata.Dir(t, "matching", "name_pairs", "nomenklatura_name_bench_dev.csv")
	out := mustRun(t, tempDB(t), "compare", "--batch", pairs)
	in, _ := os.ReadFile(pairs)
	inRows, err := csv.NewReader(strings.NewReader(string(in))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	outRows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(outRows) != len(inRows) {
		t.Fatalf("%d rows out, %d in", len(outRows), len(inRows))
	}
	n := len(inRows[0])
	if strings.Join(outRows[0][n:], ",") != "score,match" {
		t.Fatalf("header: %v", outRows[0])
	}
	for i := 1; i < len(inRows); i++ {
		if strings.Join(outRows[i][:n], "\x00") != strings.Join(inRows[i], "\x00") {
			t.Fatalf("row %d changed: %v -> %v", i, inRows[i], outRows[i])
		}
		if m := outRows[i][n+1]; m != "true" && m != "false" {
			t.Fatalf("row %d: match %q", i, m)
		}
	}
}
