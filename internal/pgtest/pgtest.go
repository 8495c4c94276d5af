// Package pgtest gives tests a fresh PostgreSQL database on the server
// named by $PROBITY_TEST_POSTGRES (CI starts one with .ci/postgres.sh), and
// skips them with a clear message when no server is named.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Env is the environment variable naming a PostgreSQL server the tests
// may create and drop databases on.
const Env = "PROBITY_TEST_POSTGRES"

// NewDatabase creates a uniquely named, empty database on the
// server named by $PROBITY_TEST_POSTGRES, dropped at the end of the test,
// and returns its DSN. It skips the test when the variable is unset.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	admin := os.Getenv(Env)
	if admin == "" {
		tb.Skipf("%s is not set: no PostgreSQL server to test against (start one with: bash .ci/postgres.sh | tail -1)", Env)
	}
	u, err := url.Parse(admin)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		tb.Fatalf("%s must be a postgres:// URL", Env)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "probity_test_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		tb.Fatalf("connect to %s: %v", Env, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			tb.Errorf("drop %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			tb.Errorf("drop %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
