package storetest

import (
	"testing"

	"github.com/probity/probity"
)

func testReview(t *testing.T, s probity.Store) {}
