package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/probity/probity"
)

func (m *Main) usersAdd(ctx context.Context, args []string) error {
	fs := m.newFlagSet("users add", "users add NAME --role employee|reviewer|admin [--email E] [--admin [--as ACTOR]]")
	role := fs.String("role", "", "employee, reviewer or admin (required)")
	email := fs.String("email", "", "e-mail address")
	actor := m.adminFlags(ctx, fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *role == "" {
		return usagef("users add: want NAME and --role")
	}
	r, err := probity.ParseRole(*role)
	if err != nil {
		return usagef("users add: --role: %v", err)
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	by, err := actor()
	if err != nil {
		return err
	}
	u, err := store.CreateUser(ctx, probity.User{Name: fs.Arg(0), Email: *email, Role: r}, by)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "user %s (%s) added with id %d\n", u.Name, u.Role, u.ID)
	return nil
}

func (m *Main) usersSet(ctx context.Context, args []string) error {
	fs := m.newFlagSet("users set", "users set NAME [--role R] [--email E] [--disable | --enable] [--admin [--as ACTOR]]")
	role := fs.String("role", "", "new role: employee, reviewer or admin")
	email := fs.String("email", "", "new e-mail address")
	disable := fs.Bool("disable", false, "disable the user: their tokens and sessions stop working")
	enable := fs.Bool("enable", false, "enable a disabled user")
	actor := m.adminFlags(ctx, fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || (*disable && *enable) {
		return usagef("users set: want NAME, and at most one of --disable and --enable")
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	u, err := store.User(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	if *role != "" {
		if u.Role, err = probity.ParseRole(*role); err != nil {
			return usagef("users set: --role: %v", err)
		}
	}
	if *email != "" {
		u.Email = *email
	}
	if *disable || *enable {
		u.Disabled = *disable
	}
	by, err := actor()
	if err != nil {
		return err
	}
	nu, err := store.UpdateUser(ctx, *u, by)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "user %s: role %s, disabled %v\n", nu.Name, nu.Role, nu.Disabled)
	return nil
}

func (m *Main) usersList(ctx context.Context, args []string) error {
	fs := m.newFlagSet("users list", "users list [--json]")
	asJSON := fs.Bool("json", false, "write JSON Lines")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	users, err := store.Users(ctx)
	if err != nil {
		return err
	}
	return writeList(m, *asJSON, users, "ID\tNAME\tROLE\tEMAIL\tCREATED\tDISABLED", "", func(u *probity.User) string {
		return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%v", u.ID, u.Name, u.Role, orDash(u.Email), u.CreatedAt.UTC().Format("2006-01-02"), u.Disabled)
	})
}

// parseLifetime reads "90d", "12h", "30m" or "never".
func parseLifetime(s string) (time.Duration, error) {
	if s == "never" || s == "0" {
		return 0, nil
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days <= 0 || days > 3650 {
			return 0, fmt.Errorf("%q is not a number of days between 1 and 3650", s)
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a lifetime (90d, 12h, never)", s)
	}
	return d, nil
}

func (m *Main) tokensCreate(ctx context.Context, args []string) error {
	fs := m.newFlagSet("tokens create", "tokens create --user NAME [--name LABEL] [--expires 90d|12h|never] [--admin [--as ACTOR]]")
	user := fs.String("user", "", "the token's user (required)")
	name := fs.String("name", "", "a label, to tell tokens apart")
	expires := fs.String("expires", "90d", "lifetime: days (90d), a duration (12h) or never")
	actor := m.adminFlags(ctx, fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *user == "" || fs.NArg() > 0 {
		return usagef("tokens create: want --user NAME")
	}
	life, err := parseLifetime(*expires)
	if err != nil {
		return usagef("tokens create: --expires: %v", err)
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	u, err := store.User(ctx, *user)
	if err != nil {
		return err
	}
	secret, display, hash, err := probity.NewSecret(probity.TokenPrefix)
	if err != nil {
		return err
	}
	t := probity.Token{UserID: u.ID, Name: *name, Prefix: display, CreatedAt: time.Now()}
	if life > 0 {
		t.ExpiresAt = t.CreatedAt.Add(life)
	}
	by, err := actor()
	if err != nil {
		return err
	}
	t, err = store.CreateToken(ctx, t, hash, by)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, secret)
	exp := "never expires"
	if !t.ExpiresAt.IsZero() {
		exp = "expires " + t.ExpiresAt.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(m.Stderr, "token %d for %s (%s), %s; the secret above is shown only once: keep it safe\n", t.ID, u.Name, u.Role, exp)
	return nil
}

func (m *Main) tokensRevoke(ctx context.Context, args []string) error {
	fs := m.newFlagSet("tokens revoke", "tokens revoke ID [--admin [--as ACTOR]]")
	actor := m.adminFlags(ctx, fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	id, err := oneID(fs, "token")
	if err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	by, err := actor()
	if err != nil {
		return err
	}
	t, err := store.RevokeToken(ctx, id, by)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "token %d (%s, of %s) revoked\n", t.ID, t.Prefix, t.User)
	return nil
}

func (m *Main) tokensList(ctx context.Context, args []string) error {
	fs := m.newFlagSet("tokens list", "tokens list [--user NAME] [--json]")
	user := fs.String("user", "", "only this user's tokens")
	asJSON := fs.Bool("json", false, "write JSON Lines")
	if err := parse(fs, args); err != nil {
		return err
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	var userID int64
	if *user != "" {
		u, err := store.User(ctx, *user)
		if err != nil {
			return err
		}
		userID = u.ID
	}
	list, err := store.Tokens(ctx, userID)
	if err != nil {
		return err
	}
	now := time.Now()
	day := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.UTC().Format("2006-01-02")
	}
	return writeList(m, *asJSON, list, "ID\tUSER\tNAME\tPREFIX\tCREATED\tEXPIRES\tLAST USED\tSTATE", "", func(t *probity.Token) string {
		state := "active"
		switch {
		case !t.RevokedAt.IsZero():
			state = "revoked " + day(t.RevokedAt)
		case t.UserDisabled:
			state = "inactive (user disabled)"
		case !t.Active(now):
			state = "expired"
		}
		return fmt.Sprintf("%d\t%s\t%s\t%s…\t%s\t%s\t%s\t%s", t.ID, t.User, orDash(t.Name), t.Prefix, day(t.CreatedAt), day(t.ExpiresAt), day(t.LastUsedAt), state)
	})
}
