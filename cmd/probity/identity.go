package main

import (
	"context"
	"flag"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/review"
)

// Who acts on the command line, and how they prove it.
//
// --as and --role are claims anybody can type, so an action that needs a
// role (deciding cases, managing users, raising a concern) also needs a
// proof: the API token of a user that exists, in PROBITY_TOKEN (the role
// is the user's), or --admin, with which whoever runs the command vouches
// as the local operator — someone who can reach the database anyway — and
// which the audit log records as such ("alice (local operator)"). Without
// a proof, reading commands see what the public sees.

// localOperator is the audit actor of an action vouched for by --admin.
const localOperator = "local operator"

// tokenEnv holds the API token that proves who runs a command.
const tokenEnv = "PROBITY_TOKEN"

// identity is the --as, --role and --admin flags of one command.
type identity struct {
	fs       *flag.FlagSet
	as, role *string
	operator *bool
}

func (m *Main) identityFlags(fs *flag.FlagSet, role string) *identity {
	return &identity{
		fs:       fs,
		as:       fs.String("as", "", "the user who acts (with PROBITY_TOKEN: its user; with --admin: a user that exists)"),
		role:     fs.String("role", role, "act in this role, at most the user's own: employee, reviewer or admin"),
		operator: fs.Bool("admin", false, "act as the local operator, vouching for --as; recorded as such in the audit"),
	}
}

func (id *identity) set(name string) bool {
	set := false
	id.fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// tokenUser returns the user whose token is in PROBITY_TOKEN, nil if the
// variable is unset.
func (m *Main) tokenUser(ctx context.Context) (*probity.User, error) {
	secret := strings.TrimSpace(m.Getenv(tokenEnv))
	if secret == "" {
		return nil, nil
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	u, _, err := store.Authenticate(ctx, probity.HashSecret(secret), time.Now())
	if err != nil {
		return nil, probity.Errorf(probity.EUNAUTHORIZED, "%s: the token is unknown, expired or revoked, or its user is disabled", tokenEnv)
	}
	return u, nil
}

// actor returns the proven actor of a review command that needs at least
// role need. A reading command (viewer) without a proof gets the public's
// view instead of an error.
func (m *Main) actor(ctx context.Context, id *identity, need string, viewer bool) (review.Actor, error) {
	name := strings.TrimSpace(*id.as)
	want := probity.Role(strings.ToLower(strings.TrimSpace(*id.role)))
	if !want.Valid() {
		return review.Actor{}, usagef("%s: --role %q: want employee, reviewer or admin", id.fs.Name(), *id.role)
	}
	u, via, err := m.provenUser(ctx, id, name)
	if err != nil {
		return review.Actor{}, err
	}
	if u == nil {
		if viewer {
			return review.Actor{Name: "public", Role: review.RolePublic}, nil
		}
		return review.Actor{}, probity.Errorf(probity.EUNAUTHORIZED,
			"%s needs proof of who acts (%s or above; --as is only a claim): set %s to your API token (probity tokens create), or pass --admin --as NAME to vouch as the local operator (recorded in the audit)",
			id.fs.Name(), need, tokenEnv)
	}
	role := u.Role
	if id.set("role") {
		if !u.Role.AtLeast(want) {
			return review.Actor{}, probity.Errorf(probity.EFORBIDDEN, "%s is %s and cannot act as %s", u.Name, u.Role, want)
		}
		role = want
	}
	return review.Actor{Name: u.Name, Role: string(role), Via: via}, nil
}

// provenUser returns the user proven by PROBITY_TOKEN or vouched for by
// --admin (then via is "local operator"); nil without either.
func (m *Main) provenUser(ctx context.Context, id *identity, name string) (*probity.User, string, error) {
	u, err := m.tokenUser(ctx)
	if err != nil {
		return nil, "", err
	}
	if u != nil {
		if name != "" && name != u.Name {
			return nil, "", usagef("%s: --as %s, but %s holds %s's token", id.fs.Name(), name, tokenEnv, u.Name)
		}
		return u, "", nil
	}
	if !*id.operator {
		return nil, "", nil
	}
	if name == "" {
		return nil, "", usagef("%s: --admin needs --as NAME: the user you vouch for", id.fs.Name())
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return nil, "", err
	}
	if u, err = store.User(ctx, name); err != nil {
		return nil, "", probity.Errorf(probity.ENOTFOUND, "%s: user %q does not exist (probity users add %s --role … --admin)", id.fs.Name(), name, name)
	}
	if u.Disabled {
		return nil, "", probity.Errorf(probity.EFORBIDDEN, "%s: user %s is disabled", id.fs.Name(), name)
	}
	return u, localOperator, nil
}

// adminFlags adds --admin and --as to an account command; the returned
// function gives the audit actor once the caller has proven to be an
// admin: the admin whose token is in PROBITY_TOKEN, or the local
// operator (--admin; "NAME (local operator)" with --as NAME).
func (m *Main) adminFlags(ctx context.Context, fs *flag.FlagSet) func() (string, error) {
	as := fs.String("as", "", "with --admin: who you are, for the audit log")
	operator := fs.Bool("admin", false, "act as the local operator (recorded as such in the audit)")
	return func() (string, error) {
		u, err := m.tokenUser(ctx)
		if err != nil {
			return "", err
		}
		switch {
		case u != nil && u.Role.AtLeast(probity.RoleAdmin):
			return u.Name, nil
		case u != nil:
			return "", probity.Errorf(probity.EFORBIDDEN, "%s: %s is %s; managing users and tokens takes an admin", fs.Name(), u.Name, u.Role)
		case *operator && strings.TrimSpace(*as) != "":
			return strings.TrimSpace(*as) + " (" + localOperator + ")", nil
		case *operator:
			return localOperator, nil
		}
		return "", probity.Errorf(probity.EUNAUTHORIZED, "%s manages accounts: set %s to an admin's API token, or pass --admin to act as the local operator (recorded in the audit)", fs.Name(), tokenEnv)
	}
}
