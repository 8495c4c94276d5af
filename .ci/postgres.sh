#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and prints its DSN on
# the last line of stdout. Installs the Debian package when it is missing.
# Usage: dsn=$(bash .ci/postgres.sh | tail -1)
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/probity-pg.XXXXXX)
port=${PROBITY_PG_PORT:-54329}
chown postgres:postgres "$dir" 2>/dev/null || true
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >&2
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1" -w start >&2
echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
