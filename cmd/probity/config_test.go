package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadConfigOrder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "probity.yaml")
	if err := os.WriteFile(file, []byte("db: from-file.db\nserve:\n  addr: 127.0.0.1:9000\n  reload: 5s\n  rate: 7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, tc := range []struct {
		name   string
		file   string
		env    map[string]string
		check  func(Config) bool
		errHas string
	}{
		{name: "defaults", check: func(c Config) bool { return c == DefaultConfig() }},
		{name: "file over defaults", file: file, check: func(c Config) bool {
			return c.DB == "from-file.db" && c.Serve.Addr == "127.0.0.1:9000" && c.Serve.Reload == 5*time.Second &&
				c.Serve.Rate == 7 && c.Serve.LogFormat == DefaultConfig().Serve.LogFormat
		}},
		{name: "environment over file", file: file, env: map[string]string{"PROBITY_DB": "env.db", "PROBITY_RELOAD": "1m", "PROBITY_MAX_BODY": "42"},
			check: func(c Config) bool {
				return c.DB == "env.db" && c.Serve.Reload == time.Minute && c.Serve.MaxBody == 42 && c.Serve.Addr == "127.0.0.1:9000"
			}},
		{name: "bad variable", env: map[string]string{"PROBITY_RATE": "fast"}, errHas: `PROBITY_RATE="fast": invalid syntax`},
		{name: "bad duration", env: map[string]string{"PROBITY_RELOAD": "often"}, errHas: "PROBITY_RELOAD"},
		{name: "missing file", file: filepath.Join(dir, "none.yaml"), errHas: "none.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := loadConfig(tc.file, env(tc.env))
			if tc.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errHas) {
					t.Fatalf("error %v, want one containing %q", err, tc.errHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(c) {
				t.Errorf("config %+v", c)
			}
		})
	}
}

func TestConfigFileUnknownKey(t *testing.T) {
	file := filepath.Join(t.TempDir(), "probity.yaml")
	if err := os.WriteFile(file, []byte("db: x.db\nserve:\n  adress: :80\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadConfig(file, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "adress") {
		t.Fatalf("misspelt key: error %v, want one naming line 3 and the key", err)
	}
}

// TestDBFlagOverridesEnvironment: --db wins over PROBITY_DB, which wins
// over the file named by PROBITY_CONFIG.
func TestDBFlagOverridesEnvironment(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "probity.yaml")
	if err := os.WriteFile(file, []byte("db: "+filepath.Join(dir, "file.db")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"PROBITY_CONFIG": file}
	runWith := func(args ...string) {
		t.Helper()
		var out, errb bytes.Buffer
		m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			Getenv: func(k string) string { return vars[k] }, Terminal: func() bool { return false }}
		if code := m.Run(context.Background(), args); code != 0 {
			t.Fatalf("probity %v: exit %d: %s", args, code, errb.String())
		}
	}
	exists := func(name string) bool { _, err := os.Stat(filepath.Join(dir, name)); return err == nil }

	runWith("migrate")
	if !exists("file.db") {
		t.Fatal("the config file's db was not used")
	}
	vars["PROBITY_DB"] = filepath.Join(dir, "env.db")
	runWith("migrate")
	if !exists("env.db") {
		t.Fatal("PROBITY_DB did not override the config file")
	}
	runWith("--db", filepath.Join(dir, "flag.db"), "migrate")
	if !exists("flag.db") {
		t.Fatal("--db did not override PROBITY_DB")
	}
}
