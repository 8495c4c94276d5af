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

	// Config is loaded by Run from the defaults, --config, PROBITY_* and
	// --db; the commands read it (and their flags override it).
	Config Config

	dbUse dbUse         // what the running command may do with the database
	store probity.Store // opened by openStore on first use, closed by Run
	// keepPending: opening the store does not finish the work left
	// pending (status shows it instead).
	keepPending bool
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
	db := fs.String("db", "", "database: a SQLite file path (default ./probity.db, env PROBITY_DB), or postgres://… for PostgreSQL")
	config := fs.String("config", "", "a YAML configuration file (env PROBITY_CONFIG)")
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	if *config == "" {
		*config = m.Getenv("PROBITY_CONFIG")
	}
	var err error
	if m.Config, err = loadConfig(*config, m.Getenv); err != nil {
		return usagef("%v", err)
	}
	if *db != "" {
		m.Config.DB = *db
	}
	if m.Config.CPUProfile != "" {
		stop, err := startCPUProfile(m.Config.CPUProfile)
		if err != nil {
			return err
		}
		defer stop()
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
		if len(args) == 2 && (args[1] == "-h" || args[1] == "--help" || args[1] == "help") && c.run == nil {
			fmt.Fprintf(m.Stdout, "usage: probity %s\n  %s\nRun 'probity %s SUBCOMMAND -h' for a subcommand's flags.\n", c.synopsis(), c.summary, c.name)
			return nil
		}
		m.dbUse = c.db
		defer m.closeStore()
		err := c.dispatch(m, ctx, args[1:])
		if m.store != nil && !m.keepPending {
			m.finishPending(ctx, m.store) // what the command left pending (redecide.go)
		}
		return err
	}
	return usagef("unknown command %q", args[0])
}

func (m *Main) usage() {
	fmt.Fprintln(m.Stdout, "usage: probity [--db PATH] [--config FILE] COMMAND [ARGS]")
	fmt.Fprintln(m.Stdout, "\ncommands:")
	tw := newTable(m.Stdout)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.synopsis(), c.summary)
	}
	tw.Flush()
	fmt.Fprintln(m.Stdout, "\nRun 'probity COMMAND -h' for a command's flags.")
	fmt.Fprintln(m.Stdout, "\nThe database is ./probity.db unless --db or PROBITY_DB names another.")
	fmt.Fprintln(m.Stdout, "Settings are read from the defaults, then --config FILE (YAML; env PROBITY_CONFIG),")
	fmt.Fprintln(m.Stdout, "then PROBITY_* variables (PROBITY_ADDR, PROBITY_RATE, PROBITY_RELOAD, PROBITY_LOG_LEVEL,")
	fmt.Fprintln(m.Stdout, "PROBITY_LOG_FORMAT, PROBITY_MAX_BODY, PROBITY_CPUPROFILE), then flags.")
}

// openStore returns the store named by --db, opening it on first use; Run
// closes it when the command returns, so a command never closes it itself.
func (m *Main) openStore(ctx context.Context) (probity.Store, error) {
	if m.store != nil {
		return m.store, nil
	}
	if m.dbUse == noDB {
		return nil, fmt.Errorf("internal error: a command marked noDB opened the database")
	}
	var err error
	if postgres.IsDSN(m.Config.DB) {
		m.store, err = postgres.Open(ctx, m.Config.DB)
	} else {
		if err := checkSQLiteFile(m.Config.DB, m.dbUse == createsDB); err != nil {
			return nil, err
		}
		m.store, err = sqlite.Open(ctx, m.Config.DB)
		if err != nil {
			if ro := readOnly(m.Config.DB); ro != nil {
				err = ro
			}
		}
	}
	if err != nil {
		m.store = nil
		return nil, err
	}
	if !m.keepPending {
		m.finishPending(ctx, m.store) // what an earlier command left pending (redecide.go)
	}
	return m.store, nil
}

// closeStore closes the store if the command opened it.
func (m *Main) closeStore() {
	if m.store != nil {
		m.store.Close()
		m.store = nil
	}
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
