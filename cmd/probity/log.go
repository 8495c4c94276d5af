package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/probity/probity"
	"github.com/probity/probity/httpapi"
	"github.com/probity/probity/postgres"
	"github.com/probity/probity/translog"
)

// The transparency log's key file is kept outside the database: next to a
// SQLite file (DB + ".logkey"), or in the user's configuration directory
// for PostgreSQL ($XDG_CONFIG_HOME/probity/log.key on Linux), unless
// PROBITY_LOG_KEY names it. Its origin (the log's name, the first line of
// every checkpoint) is fixed when the key is created: PROBITY_LOG_ORIGIN,
// or this host's name followed by /log.

func (m *Main) logKeyPath() string {
	if p := m.Getenv("PROBITY_LOG_KEY"); p != "" {
		return p
	}
	if postgres.IsDSN(m.Config.DB) {
		if dir, err := os.UserConfigDir(); err == nil {
			return filepath.Join(dir, "probity", "log.key")
		}
		return "probity-log.key"
	}
	return m.Config.DB + ".logkey"
}

func (m *Main) logOrigin() string {
	if o := m.Getenv("PROBITY_LOG_ORIGIN"); o != "" {
		return o
	}
	host, err := os.Hostname()
	if err != nil || translog.CheckOrigin(host+"/log") != nil {
		return "probity/log"
	}
	return host + "/log"
}

// logSigner loads the key file, creating it on first use.
func (m *Main) logSigner() (*translog.Signer, error) {
	path := m.logKeyPath()
	s, created, err := translog.LoadOrCreateKey(path, m.logOrigin())
	if err != nil {
		return nil, err
	}
	if created {
		fmt.Fprintf(m.Stderr, "probity: created the transparency log's signing key %s (mode 0600; keep it secret and backed up); its verifier key: %s\n", path, s.VerifierKeys()[0])
	}
	return s, nil
}

// logStore returns the store as the log's store.
func logStore(store probity.Store) (translog.CheckpointStore, error) {
	ls, ok := store.(translog.CheckpointStore)
	if !ok {
		return nil, fmt.Errorf("this store (%T) does not keep the transparency log", store)
	}
	return ls, nil
}

// logRoutes starts signing checkpoints (every few seconds while entries
// arrive, until ctx ends) and returns the route serving the log under
// /log/, for serve.
func (m *Main) logRoutes(ctx context.Context, store probity.Store, logger *slog.Logger) ([]httpapi.Route, error) {
	ls, err := logStore(store)
	if err != nil {
		logger.Warn("no transparency log under /log/", "err", err)
		return nil, nil
	}
	s, err := m.logSigner()
	if err != nil {
		return nil, err
	}
	// The first checkpoint is signed before serving; if that fails (a
	// stored checkpoint that this key did not sign, stored hashes that
	// changed), the log is still served as it is and the error is logged
	// at every attempt: refusing to sign is the point, refusing to serve
	// would hide the evidence.
	cp := &translog.Checkpointer{Store: ls, Signer: s, Logger: logger}
	if _, _, err := cp.Once(ctx); err != nil {
		logger.Error("transparency log: no checkpoint signed", "err", err)
	}
	go cp.Run(ctx)
	h := &translog.Handler{Reader: ls, Keys: s.VerifierKeys(), Logger: logger}
	return []httpapi.Route{{Method: "GET", Pattern: "/log/", Role: probity.RolePublic,
		Summary: "The transparency log (C2SP tlog-tiles): checkpoint, tile/<L>/<N>, tile/entries/<N>, proof/inclusion, proof/consistency, key", Handler: h.ServeHTTP}}, nil
}

// logKey prints the log's verifier keys (creating the key file on first
// use); with --add it adds a new key, the first step of a rotation.
func (m *Main) logKey(ctx context.Context, args []string) error {
	fs := m.newFlagSet("log key", "log key [--add]")
	add := fs.Bool("add", false, "add a new signing key beside the current one (key rotation, see docs/log.md)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("log key: unexpected argument %q", fs.Arg(0))
	}
	s, err := m.logSigner()
	if err != nil {
		return err
	}
	if *add {
		vkey, err := translog.AddKey(m.logKeyPath())
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "probity: added a signing key to %s; checkpoints are now signed by both keys\n", m.logKeyPath())
		fmt.Fprintln(m.Stdout, vkey)
		return nil
	}
	fmt.Fprintln(m.Stdout, strings.Join(s.VerifierKeys(), "\n"))
	return nil
}

// logExport writes the log as a static tree (checkpoint, key, tiles,
// entry bundles) that any static web host can serve; probity verify
// --server URL-OF-THAT-DIRECTORY checks it. A checkpoint of the current
// size is signed first when the newest one is older.
func (m *Main) logExport(ctx context.Context, args []string) error {
	fs := m.newFlagSet("log export", "log export DIR")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("log export: want one directory")
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	ls, err := logStore(store)
	if err != nil {
		return err
	}
	s, err := m.logSigner()
	if err != nil {
		return err
	}
	if _, _, err := (&translog.Checkpointer{Store: ls, Signer: s}).Once(ctx); err != nil {
		return err
	}
	cp, err := translog.Export(ctx, ls, s.VerifierKeys(), fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "exported %d entries of log %s to %s (root %s)\n", cp.Size, cp.Origin, fs.Arg(0), cp.Root)
	return nil
}

// logAudit compares every published decision, policy version, finding
// and decided case as stored now with its newest log entry, and fails
// naming each item changed straight in the database (translog.Audit).
func (m *Main) logAudit(ctx context.Context, args []string) error {
	fs := m.newFlagSet("log audit", "log audit")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("log audit: unexpected argument %q", fs.Arg(0))
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	as, ok := store.(translog.AuditStore)
	if !ok {
		return fmt.Errorf("this store (%T) does not keep the transparency log", store)
	}
	checked, bad, err := translog.Audit(ctx, as)
	if err != nil {
		return err
	}
	for _, d := range bad {
		fmt.Fprintln(m.Stderr, d)
	}
	if len(bad) > 0 {
		return fmt.Errorf("log audit: %d of %d published items no longer match the log", len(bad), checked)
	}
	fmt.Fprintf(m.Stdout, "ok: the %d published decisions, policy versions, findings and case outcomes match their log entries\n", checked)
	return nil
}
