package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/probity/probity"
	"github.com/probity/probity/postgres"
	"github.com/probity/probity/sqlite"
)

// Exit statuses (the command-line contract).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// Main is the program, with its surroundings injectable so that tests run
// it in-process.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Terminal reports whether stderr is a terminal (for progress bars).
	Terminal func() bool

	DBPath string
}

// NewMain returns a Main wired to the process.
func NewMain() *Main {
	return &Main{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
		Terminal: func() bool { return term.IsTerminal(int(os.Stderr.Fd())) },
	}
}

// usageError is a mistake in how the command was called (exit 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

type command struct {
	name    string
	usage   string
	summary string
	run     func(m *Main, ctx context.Context, args []string) error
}

func commands() []command {
	return []command{
		{"ingest", "ingest ocds|usaspending PATH...", "load contracts into the register", (*Main).runIngest},
		{"contracts", "contracts list|show", "the contract register", (*Main).runContracts},
		{"orgs", "orgs list|show", "organizations, and why records were merged", (*Main).runOrgs},
		{"export", "export ocds", "the register as an OCDS record package", (*Main).runExport},
		{"lists", "lists load ofac|un|ftm|csv PATH; lists list", "watch lists and their versions", (*Main).runLists},
		{"screen", "screen NAME | screen --batch FILE", "screen names against the lists", (*Main).runScreen},
		{"compare", "compare NAME1 NAME2 | compare --batch FILE", "score two names", (*Main).runCompare},
		{"findings", "findings add|update|import|list|show", "the evidence base", (*Main).runFindings},
		{"relations", "relations add|list", "relationships between organizations", (*Main).runRelations},
		{"policy", "policy test|publish|show DIR", "the policy as code (OPA/Rego)", (*Main).runPolicy},
		{"decide", "decide --all | --contract ID", "decide contracts under the published policy", (*Main).runDecide},
		{"decisions", "decisions list|show|changed", "decisions, and why", (*Main).runDecisions},
		{"cases", "cases list|show|open|assign|comment|attach|decide|sync", "review cases", (*Main).runCases},
		{"concerns", "concerns raise|sign|list|show", "employee concerns", (*Main).runConcerns},
		{"users", "users add|set|list", "users and roles", (*Main).runUsers},
		{"tokens", "tokens create|revoke|list", "API tokens", (*Main).runTokens},
		{"serve", "serve [--addr 127.0.0.1:8080]", "the HTTP API", (*Main).runServe},
		{"audit", "audit [--object KIND:ID] [--actor NAME]", "the audit log", (*Main).runAudit},
		{"demo", "demo [--addr ADDR] [--no-serve]", "load the shipped 2018 scenario and serve it", (*Main).runDemo},
	}
}

// hasSubcommands names the commands whose first argument is a subcommand
// (the others take -h in their own flag set).
var hasSubcommands = map[string]bool{
	"ingest": true, "contracts": true, "orgs": true, "export": true, "lists": true, "findings": true, "relations": true,
	"policy": true, "decisions": true, "cases": true, "concerns": true, "users": true, "tokens": true,
}

// Run runs one invocation and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	err := m.run(ctx, args)
	if err == nil {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(m.Stderr, "probity: %s\n", ue.msg)
		fmt.Fprintln(m.Stderr, "run 'probity help' for usage")
		return exitUsage
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(m.Stderr, "probity: %s\n", err)
	return exitFailure
}

func (m *Main) run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("probity", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&m.DBPath, "db", "", "database: a SQLite file path (default ./probity.db, env PROBITY_DB), or postgres://… for PostgreSQL")
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	if m.DBPath == "" {
		m.DBPath = m.Getenv("PROBITY_DB")
	}
	if m.DBPath == "" {
		m.DBPath = "probity.db"
	}
	args = fs.Args()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		m.usage()
		if len(args) == 0 {
			return usagef("no command given")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		if len(args) == 2 && (args[1] == "-h" || args[1] == "--help" || args[1] == "help") && hasSubcommands[c.name] {
			fmt.Fprintf(m.Stdout, "usage: probity %s\n  %s\nRun 'probity %s SUBCOMMAND -h' for a subcommand's flags.\n", c.usage, c.summary, c.name)
			return nil
		}
		return c.run(m, ctx, args[1:])
	}
	return usagef("unknown command %q", args[0])
}

func (m *Main) usage() {
	fmt.Fprintln(m.Stdout, "usage: probity [--db PATH] COMMAND [ARGS]")
	fmt.Fprintln(m.Stdout, "\ncommands:")
	tw := newTable(m.Stdout)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.usage, c.summary)
	}
	tw.Flush()
	fmt.Fprintln(m.Stdout, "\nRun 'probity COMMAND -h' for a command's flags.")
	fmt.Fprintln(m.Stdout, "\nThe database is ./probity.db unless --db or PROBITY_DB names another.")
}

// openStore opens the store named by --db.
func (m *Main) openStore(ctx context.Context) (probity.Store, error) {
	if postgres.IsDSN(m.DBPath) {
		return postgres.Open(ctx, m.DBPath)
	}
	return sqlite.Open(ctx, m.DBPath)
}

// newFlagSet returns a flag set whose errors become usage errors and whose
// -h prints the flags to stdout.
func (m *Main) newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stdout)
	fs.Usage = func() {
		fmt.Fprintf(m.Stdout, "usage: probity %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args into fs, turning errors into usage errors. It accepts
// flags after positional arguments too ("contracts show ID --json").
func parse(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] != "-" && strings.HasPrefix(args[0], "-") {
			// only after "--": the rest is positional
			pos = append(pos, args...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}
