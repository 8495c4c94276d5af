package probity

import (
	"errors"
	"testing"
)

func TestUserValidateReservedNames(t *testing.T) {
	for _, name := range append([]string{}, ReservedUserNames...) {
		u := User{Name: name, Role: RoleEmployee}
		var ie *InputError
		if err := u.Validate(); !errors.As(err, &ie) || ie.Field != "name" {
			t.Errorf("user %q: Validate() = %v, want an input error on name", name, err)
		}
	}
	for _, name := range []string{"alice", "systems", "public-affairs", "anon"} {
		u := User{Name: name, Role: RoleEmployee}
		if err := u.Validate(); err != nil {
			t.Errorf("user %q: %v", name, err)
		}
	}
}
