#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and prints its data
# directory on the second-last line of stdout and its DSN on the last.
# Installs the Debian package when it is missing. A port in use (another
# run's server) is skipped for the next free one.
# Usage: out=$(bash .ci/postgres.sh); dsn=$(tail -1 <<<"$out")
#        bash .ci/postgres.sh stop DATADIR   (stops that server)
set -euo pipefail
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "${1:-}" = stop ]; then
	bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
	as_pg "$bin/pg_ctl" -D "$2" stop -m fast >&2 || true
	exit 0
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/probity-pg.XXXXXX)
port=${PROBITY_PG_PORT:-54329}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
	port=$((port + 1))
done
chown postgres:postgres "$dir" 2>/dev/null || true
as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >&2
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1" -w start >&2
echo "$dir/data"
echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
