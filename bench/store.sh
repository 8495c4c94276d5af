#!/usr/bin/env bash
# Ingest of the Armenia JSON Lines file into a new SQLite file and a new
# PostgreSQL database with the CLI, interleaved ROUNDS times (default 5):
# median wall time of each, and CPU time (probity's own, plus the
# PostgreSQL server's when PROBITY_PG_DATA names its data folder), so that
# the figure holds on a shared machine. Needs PROBITY_TEST_POSTGRES (a
# postgres:// URL of a server where databases may be created).
# Usage: bench/store.sh [ROUNDS]   (PROBITY_BIN=path: measure that build)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
data="${PROBITY_SHARED_DATA:-../shared/data}"
src="$data/ocds/armenia-armeps/armenia-releases.jsonl"
[ -f "$src" ] || { echo "bench/store.sh: $src not found: put the shared/ folder beside the repository" >&2; exit 1; }
[ -n "${PROBITY_TEST_POSTGRES:-}" ] || { echo "bench/store.sh: set PROBITY_TEST_POSTGRES (dsn=\$(bash .ci/postgres.sh | tail -1))" >&2; exit 1; }
tmp=bench/tmp
mkdir -p "$tmp" bench/out
bin="${PROBITY_BIN:-$tmp/probity}" # PROBITY_BIN: measure another build (before/after)
[ -n "${PROBITY_BIN:-}" ] || go build -o "$bin" ./cmd/probity
admin="$PROBITY_TEST_POSTGRES"
pgdb="${admin%/*}/probity_bench_store?${admin#*\?}"
[ "$admin" = "${admin#*\?}" ] && pgdb="${admin%/*}/probity_bench_store"

# server_cpu prints the PostgreSQL server's CPU seconds so far (postmaster,
# its live children and the children it reaped), or 0.
server_cpu() {
	local pidfile="${PROBITY_PG_DATA:-}/postmaster.pid"
	[ -n "${PROBITY_PG_DATA:-}" ] && [ -r "$pidfile" ] || { echo 0; return; }
	local pm; pm=$(head -1 "$pidfile")
	local ticks=0 p
	for p in $pm $(pgrep -P "$pm"); do
		[ -r /proc/$p/stat ] || continue
		ticks=$((ticks + $(awk '{print $14+$15}' /proc/$p/stat)))
	done
	ticks=$((ticks + $(awk '{print $16+$17}' /proc/$pm/stat)))
	awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t/hz }'
}

run() { # store target → "wall cpu"
	local before after
	before=$(server_cpu)
	/usr/bin/time -f '%e %U %S' -o "$tmp/time.txt" "$bin" --db "$2" ingest ocds --quiet "$src" >/dev/null
	after=$(server_cpu)
	awk -v b="$before" -v a="$after" '{ printf "%s %.2f\n", $1, $2 + $3 + a - b }' "$tmp/time.txt"
}

: >"$tmp/store.txt"
for i in $(seq "$rounds"); do
	rm -f "$tmp/store.db" "$tmp/store.db-wal" "$tmp/store.db-shm"
	echo "sqlite $(run sqlite "$tmp/store.db")" >>"$tmp/store.txt"
	psql -q "$admin" -c 'DROP DATABASE IF EXISTS probity_bench_store' -c 'CREATE DATABASE probity_bench_store' 2>/dev/null
	echo "postgres $(run postgres "$pgdb")" >>"$tmp/store.txt"
done
psql -q "$admin" -c 'DROP DATABASE IF EXISTS probity_bench_store' 2>/dev/null
{
	echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds, interleaved"
	for s in sqlite postgres; do
		w=$(grep "^$s " "$tmp/store.txt" | awk '{ print $2 }' | sort -n | awk '{ v[NR]=$1 } END { print v[int((NR+1)/2)] }')
		c=$(grep "^$s " "$tmp/store.txt" | awk '{ print $3 }' | sort -n | awk '{ v[NR]=$1 } END { print v[int((NR+1)/2)] }')
		printf "%-9s median wall %6.2f s   median CPU %6.2f s\n" "$s" "$w" "$c"
	done
} | tee bench/out/store.txt
