package storetest

import (
	"testing"

	"github.com/probity/probity"
)

func testAccounts(t *testing.T, s probity.Store) {}
