package main

import (
	"context"
	"fmt"
	"time"

	"github.com/probity/probity"
)

// demoUsers are the demo's people: three employees (a concern escalates at
// demoThreshold signatures), two reviewers (one may have signed; the other
// decides) and an admin.
var demoUsers = []probity.User{
	{Name: "demo-employee", Role: probity.RoleEmployee},
	{Name: "demo-employee-2", Role: probity.RoleEmployee},
	{Name: "demo-employee-3", Role: probity.RoleEmployee},
	{Name: "demo-reviewer", Role: probity.RoleReviewer},
	{Name: "demo-reviewer-2", Role: probity.RoleReviewer},
	{Name: "demo-admin", Role: probity.RoleAdmin},
}

// demoThreshold is the number of signatures that escalates a concern in
// the demo (the service's default is 100: too many to try by hand).
const demoThreshold = 3

// demoSignIn adds the demo's users (if missing), prints a one-time sign-in
// link for an employee, a reviewer and an admin (more with
// `probity users invite NAME`), and lowers the concern threshold for the
// demo unless the configuration sets one.
func (m *Main) demoSignIn(ctx context.Context, store probity.AccountStore, addr string) error {
	for _, u := range demoUsers {
		if _, err := store.User(ctx, u.Name); probity.ErrorCode(err) == probity.ENOTFOUND {
			if _, err := store.CreateUser(ctx, u, "probity demo"); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	if m.Config.Serve.Threshold == 0 {
		m.Config.Serve.Threshold = demoThreshold
	}
	fmt.Fprintf(m.Stdout, "\nOpen http://%s in a browser. Sign in (each link works once, for a day):\n", addr)
	for _, name := range []string{"demo-employee", "demo-reviewer", "demo-admin"} {
		link, err := inviteLink(ctx, store, name, "", addr, 24*time.Hour, "probity demo")
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "  %-15s %s\n", name, link)
	}
	fmt.Fprintf(m.Stdout, "More people: probity users invite demo-employee-2 --admin (also demo-employee-3, demo-reviewer-2). A concern escalates to a case at %d signatures.\n", m.Config.Serve.Threshold)
	return nil
}
