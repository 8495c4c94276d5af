package review

import (
	"strings"

	"github.com/probity/probity"
)

// Roles, from least to most privileged (the names of probity.Role).
const (
	RolePublic   = string(probity.RolePublic)
	RoleEmployee = string(probity.RoleEmployee)
	RoleReviewer = string(probity.RoleReviewer)
	RoleAdmin    = string(probity.RoleAdmin)
)

// System is the actor of automatic changes (SyncDecisions).
const System = "system"

// Actor is who acts: a user name and a role. The accounts layer maps an
// authenticated user to an Actor; the review rules never look users up.
type Actor struct {
	Name string
	Role string
	// Via is how the actor was vouched for when not by their own
	// credentials ("local operator" on the command line); the audit shows
	// it beside the name.
	Via string
}

// audited is the actor as the audit log names them.
func (a Actor) audited() string {
	if a.Via == "" {
		return a.Name
	}
	return a.Name + " (" + a.Via + ")"
}

// Validate checks that the actor has a name and a known role.
func (a Actor) Validate() error {
	if strings.TrimSpace(a.Name) == "" {
		return probity.Errorf(probity.EUNAUTHORIZED, "no user: every review action needs the name of who acts")
	}
	if !probity.Role(a.Role).Valid() {
		return probity.Errorf(probity.EINVALID, "unknown role %q (want public, employee, reviewer or admin)", a.Role)
	}
	return nil
}

// can checks that the actor is valid and has at least the role min; what
// names the action in the error ("decide a case").
func (a Actor) can(min, what string) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if !probity.Role(a.Role).AtLeast(probity.Role(min)) {
		return probity.Errorf(probity.EFORBIDDEN, "%s is %s: only %s or above may %s", a.Name, article(a.Role), min, what)
	}
	return nil
}

func article(role string) string {
	if role == RoleAdmin || role == RoleEmployee {
		return "an " + role
	}
	return "a " + role
}
