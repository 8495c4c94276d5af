package main

import (
	"context"
	"flag"
	"strconv"

	"github.com/probity/probity/review"
)

// actorFlags adds --as, --role and --admin (identity.go); the returned
// function gives the proven actor of a command that needs the role role,
// or for a reading command (viewer) the public without a proof.
func (m *Main) actorFlags(ctx context.Context, fs *flag.FlagSet, role string) func(viewer ...bool) (review.Actor, error) {
	id := m.identityFlags(fs, role)
	return func(viewer ...bool) (review.Actor, error) {
		return m.actor(ctx, id, role, len(viewer) > 0)
	}
}

// idArg reads the first positional argument of a subcommand, an ID.
func idArg(fs *flag.FlagSet, what string) (int64, error) {
	if fs.NArg() < 1 {
		return 0, usagef("%s: want the %s ID", fs.Name(), what)
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("%s: %q is not a valid %s ID (a positive number)", fs.Name(), fs.Arg(0), what)
	}
	return id, nil
}

// oneID reads the only positional argument of a subcommand, an ID.
func oneID(fs *flag.FlagSet, what string) (int64, error) {
	if fs.NArg() != 1 {
		return 0, usagef("%s: want one %s ID", fs.Name(), what)
	}
	return idArg(fs, what)
}

// withService opens the store and runs fn with a review service on it.
func (m *Main) withService(ctx context.Context, fn func(*review.Service) error) error {
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	return fn(review.New(store))
}

// actOn runs a cases or concerns subcommand that acts on one ID (of a
// what: "case" or "concern"): it parses the flags and the ID, returns a
// usage error with want unless ok, and runs fn with the actor and the
// review service.
func (m *Main) actOn(ctx context.Context, fs *flag.FlagSet, args []string, actor func(...bool) (review.Actor, error),
	what, want string, ok func() bool, fn func(s *review.Service, a review.Actor, id int64) error) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := idArg(fs, what)
	if err != nil {
		return err
	}
	if !ok() {
		return usagef("%s: want %s", fs.Name(), want)
	}
	a, err := actor()
	if err != nil {
		return err
	}
	return m.withService(ctx, func(s *review.Service) error { return fn(s, a, id) })
}
