#!/usr/bin/env bash
# Transparency log figures (issue 11):
#   - append with the transaction committed, entries/s on SQLite (Go benchmark)
#   - an inclusion proof served (Go benchmark, log of 100,000 entries)
#   - probity verify --mirror of an N-entry log (default 1,000,000), end to end
#     over HTTP, first run (empty mirror) and a second run (nothing new)
# Usage: bench/log.sh [N]   (COUNT=3 BENCHTIME=2000x by default)
# The log's SQLite file is kept in $LOGDB (default /tmp/probity-log-N.db) so
# that a second run skips the fill. Results: bench/out/log.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
COUNT=${COUNT:-3}
BENCHTIME=${BENCHTIME:-2000x}
LOGDB=${LOGDB:-/tmp/probity-log-$N.db}
ADDR=${ADDR:-127.0.0.1:18411}
OUT=bench/out/log.txt
mkdir -p bench/out
: >"$OUT"
note() { echo "$*" | tee -a "$OUT"; }

note "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
go test -run '^$' -bench 'BenchmarkAppendSQLite|BenchmarkEmptyTxSQLite|BenchmarkInclusionProof' \
	-benchtime "$BENCHTIME" -count "$COUNT" ./translog/ | tee -a "$OUT"

BIN=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$BIN"' EXIT
go build -o "$BIN/probity" ./cmd/probity
go build -o "$BIN/logserve" ./bench/logserve
"$BIN/logserve" --db "$LOGDB" --n "$N" --addr "$ADDR" >"$BIN/key" &
SERVER=$!
for _ in $(seq 1 3600); do
	[ -s "$BIN/key" ] && curl -sf "http://$ADDR/log/checkpoint" >/dev/null 2>&1 && break
	sleep 1
done
KEY=$(cat "$BIN/key")
MIRROR="$BIN/mirror"
for run in first second; do
	start=$(date +%s.%N)
	/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" -o "$BIN/time" \
		"$BIN/probity" verify --server "http://$ADDR" --key "$KEY" --state "$BIN/state.json" --mirror "$MIRROR" | tee -a "$OUT"
	note "verify --mirror ($run run) of $N entries: $(cat "$BIN/time"); load: $(cut -d' ' -f1-3 /proc/loadavg)"
done
note "mirror size: $(du -sh "$MIRROR" | cut -f1)"
