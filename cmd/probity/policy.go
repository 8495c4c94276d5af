package main

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/probity/probity"
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
// policy that fails to compile, fails its tests or gives an outcome other
// than allow, review or deny is refused, and the version in force stays.
func (m *Main) publishPolicy(ctx context.Context, store probity.PolicyStore, dir, author string) (probity.PolicyVersion, error) {
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
	if _, err := b.Validate(ctx, policy.SampleInputs()); err != nil {
		return probity.PolicyVersion{}, fmt.Errorf("refused: %w", err)
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
