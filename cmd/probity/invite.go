package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/probity/probity"
	"github.com/probity/probity/web"
)

// usersInvite is `probity users invite NAME`: a one-time sign-in link for
// the web console. The link carries a token that works once (signing in
// revokes it) and expires after --expires.
func (m *Main) usersInvite(ctx context.Context, args []string) error {
	fs := m.newFlagSet("users invite", "users invite NAME [--base URL] [--expires 7d] [--admin [--as ACTOR]]")
	base := fs.String("base", "", "the portal's address (default http:// and the serve address)")
	expires := fs.String("expires", "7d", "how long the link works if unused: days (7d) or a duration (12h)")
	actor := m.adminFlags(ctx, fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("users invite: want one user NAME")
	}
	life, err := parseLifetime(*expires)
	if err != nil || life <= 0 {
		return usagef("users invite: --expires: want a lifetime such as 7d or 12h")
	}
	store, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	by, err := actor()
	if err != nil {
		return err
	}
	link, err := inviteLink(ctx, store, fs.Arg(0), *base, m.Config.Serve.Addr, life, by)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, link)
	fmt.Fprintf(m.Stderr, "a sign-in link for %s: it works once and expires in %s\n", fs.Arg(0), *expires)
	return nil
}

// inviteLink creates a one-time sign-in token for user and returns the
// link to the sign-in page that carries it.
func inviteLink(ctx context.Context, store probity.AccountStore, user, base, addr string, life time.Duration, actor string) (string, error) {
	u, err := store.User(ctx, user)
	if err != nil {
		return "", err
	}
	if u.Disabled {
		return "", probity.Errorf(probity.ECONFLICT, "user %s is disabled", u.Name)
	}
	secret, display, hash, err := probity.NewSecret(probity.TokenPrefix)
	if err != nil {
		return "", err
	}
	now := time.Now()
	t := probity.Token{UserID: u.ID, Name: web.InviteTokenName, Prefix: display, CreatedAt: now, ExpiresAt: now.Add(life)}
	if _, err := store.CreateToken(ctx, t, hash, actor); err != nil {
		return "", err
	}
	if base == "" {
		base = "http://" + addr
	}
	return strings.TrimSuffix(base, "/") + "/signin?invite=" + url.QueryEscape(secret), nil
}
