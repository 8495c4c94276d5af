package verify_test

import "github.com/probity/probity/translog/rfc6962check"

// rfc6962Root is the independent checker (package rfc6962check: standard
// library only).
func rfc6962Root(prefix string) (claimed, computed [32]byte, size int, err error) {
	return rfc6962check.Root(prefix)
}
