package main

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/probity/probity"
	"github.com/probity/probity/decide"
	"github.com/probity/probity/policy"
)

// loadPolicy loads a policy folder; "default" names the policy shipped
// with probity.
func loadPolicy(dir string) (*policy.Bundle, error) {
	if dir == "default" {
		return policy.Default()
	}
	return policy.Load(dir)
}

func (m *Main) policyTest(ctx context.Context, args []string) error {
	fs := m.newFlagSet("policy test", "policy test DIR   (DIR may be 'default', the policy shipped with probity)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("policy test: want one policy folder")
	}
	b, err := loadPolicy(fs.Arg(0))
	if err != nil {
		return err
	}
	rep, err := b.Test(ctx)
	if err != nil {
		return err
	}
	for _, r := range rep.Results {
		status := "PASS"
		switch {
		case r.Skip:
			status = "SKIP"
		case !r.Pass:
			status = "FAIL"
		}
		fmt.Fprintf(m.Stdout, "%s  %s\n", status, r.Name)
	}
	fmt.Fprintf(m.Stdout, "%d passed, %d failed\n", rep.Passed, rep.Failed)
	if !rep.OK() {
		for _, p := range rep.Problems() {
			fmt.Fprintf(m.Stderr, "%s\n", p)
		}
		return errors.New("policy tests failed")
	}
	return nil
}

func (m *Main) policyPublish(ctx context.Context, args []string) error {
	fs := m.newFlagSet("policy publish", "policy publish [--author NAME] DIR   (DIR may be 'default')")
	author := fs.String("author", "", "who publishes this version (default: $USER)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("policy publish: want one policy folder")
	}
	if *author == "" {
		*author = m.Getenv("USER")
	}
	if *author == "" {
		*author = "unknown"
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	v, err := m.publishPolicy(ctx, store, fs.Arg(0), *author)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "policy version %d in force: sha256 %s, published by %s at %s\n", v.ID, v.Hash, v.Author, v.PublishedAt.UTC().Format("2006-01-02 15:04:05Z"))
	return m.afterChange(ctx, store)
}

// publishPolicy loads, tests and validates a policy and publishes it. A
// policy that fails to compile, fails its tests, gives an outcome other
// than allow, review or deny, or fails to evaluate on any contract of the
// register as it is now is refused, and the version in force stays.
func (m *Main) publishPolicy(ctx context.Context, store probity.Store, dir, author string) (probity.PolicyVersion, error) {
	b, err := loadPolicy(dir)
	if err != nil {
		return probity.PolicyVersion{}, fmt.Errorf("refused: %w", err)
	}
	rep, err := b.Test(ctx)
	if err != nil {
		return probity.PolicyVersion{}, fmt.Errorf("refused: %w", err)
	}
	if !rep.OK() {
		for _, p := range rep.Problems() {
			fmt.Fprintf(m.Stderr, "%s\n", p)
		}
		return probity.PolicyVersion{}, fmt.Errorf("refused: %d of %d policy tests failed (the version in force stays)", rep.Failed, rep.Passed+rep.Failed)
	}
	engine, err := b.Validate(ctx, policy.SampleInputs())
	if err != nil {
		return probity.PolicyVersion{}, fmt.Errorf("refused: %w", err)
	}
	if err := m.preflight(ctx, store, engine); err != nil {
		return probity.PolicyVersion{}, err
	}
	return store.PublishPolicy(ctx, probity.PolicyVersion{Hash: b.Hash, Author: author, Files: b.AllFiles()})
}

func (m *Main) policyShow(ctx context.Context, args []string) error {
	fs := m.newFlagSet("policy show", "policy show [--json]")
	asJSON := fs.Bool("json", false, "write JSON (with every file)")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	v, err := store.CurrentPolicy(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, v)
	}
	fmt.Fprintf(m.Stdout, "Policy version %d\nsha256     %s\nauthor     %s\npublished  %s\nfiles     ", v.ID, v.Hash, v.Author, v.PublishedAt.UTC().Format("2006-01-02 15:04:05Z"))
	var names []string
	for n := range v.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(m.Stdout, " %s", n)
	}
	fmt.Fprintln(m.Stdout)
	for _, n := range names {
		if len(n) > 3 && n[len(n)-3:] == ".md" {
			fmt.Fprintf(m.Stdout, "\n%s\n", v.Files[n])
		}
	}
	return nil
}

// preflight evaluates a new policy on every contract of the register, as
// it would be decided now, before the policy is put in force: tests pass
// on the inputs their author imagined, the register holds the real ones
// (a conflict of complete rules that only large amounts reach, say). Any
// failure refuses the policy, naming the contract and OPA's rule, file and
// line; nothing is recorded.
func (m *Main) preflight(ctx context.Context, store probity.Store, engine *policy.Engine) error {
	d, err := decide.NewWithEngine(ctx, store, engine, 0)
	if err != nil {
		return err
	}
	m.decideGC()
	failed, n, err := d.Check(ctx, 10)
	if err != nil {
		return err
	}
	if len(failed) == 0 {
		return nil
	}
	for _, f := range failed {
		fmt.Fprintf(m.Stderr, "%s\n", f)
	}
	return fmt.Errorf("refused: the policy fails to evaluate on %d or more of the register's %d contracts, e.g. %s (the version in force stays)", len(failed), n, failed[0])
}
