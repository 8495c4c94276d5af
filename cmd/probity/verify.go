package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/probity/probity/translog/verify"
)

// runVerify checks a probity log from outside: it trusts nothing the
// server says beyond what the log's key signed (see translog/verify).
// Exit 0 when the log is consistent, 1 with the reason when it is not.
func (m *Main) runVerify(ctx context.Context, args []string) error {
	fs := m.newFlagSet("verify", "verify --server URL [--state FILE] [--key VKEY]... [--mirror DIR]")
	server := fs.String("server", "", "the probity server (its log is under /log/), or the URL of a log export")
	state := fs.String("state", "", "file keeping the last trusted checkpoint and keys between runs (none: nothing is remembered)")
	mirror := fs.String("mirror", "", "directory keeping a copy of every entry (a rewritten entry is then named with its old and new hash)")
	var keys []string
	fs.Func("key", "the log's verifier key (from 'probity log key'); repeat during a key rotation; none: the state's, or on first use the server's", func(s string) error {
		keys = append(keys, strings.TrimSpace(s))
		return nil
	})
	if err := parse(fs, args); err != nil {
		return err
	}
	if *server == "" || fs.NArg() > 0 {
		return usagef("verify: want --server URL and no other argument")
	}
	rep, err := verify.Run(ctx, verify.Options{Server: *server, State: *state, Keys: keys, Mirror: *mirror, Out: m.Stderr})
	if err != nil {
		return err
	}
	cp := rep.Checkpoint
	fmt.Fprintf(m.Stdout, "ok: log %s has %d entries, root %s; every entry, tile and the signature check out\n", cp.Origin, cp.Size, cp.Root)
	if p := rep.Previous; p != nil {
		fmt.Fprintf(m.Stdout, "ok: it contains the %d entries of the checkpoint trusted before, unchanged\n", p.Size)
	}
	return nil
}
