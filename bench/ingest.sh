#!/usr/bin/env bash
# Measures probity ingest end to end: MB/s into a committed SQLite database
# and peak RSS, on the real Armenia JSON Lines file and on a synthetic file
# of SIZE (default 1GB) made from it. Usage: bench/ingest.sh [SIZE]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-1GB}"
data="${PROBITY_SHARED_DATA:-../shared/data}"
src="$data/ocds/armenia-armeps/armenia-releases.jsonl"
if [ ! -f "$src" ]; then
	echo "bench/ingest.sh: $src not found: put the shared/ folder beside the repository" >&2
	exit 1
fi
tmp=bench/tmp
mkdir -p "$tmp" bench/out
go build -o "$tmp/probity" ./cmd/probity
[ -f "$tmp/synth-$size.jsonl" ] || go run ./bench/synth-ocds -in "$src" -size "$size" -out "$tmp/synth-$size.jsonl"

run() { # name file kind
	rm -f "$tmp/bench.db" "$tmp/bench.db-wal" "$tmp/bench.db-shm"
	local bytes start end rss
	bytes=$(du -b "$2" | cut -f1)
	/usr/bin/time -f '%e %M' -o "$tmp/time.txt" "$tmp/probity" --db "$tmp/bench.db" ingest "$3" --quiet "$2" >/dev/null
	read -r secs rss <"$tmp/time.txt"
	awk -v n="$1" -v b="$bytes" -v s="$secs" -v r="$rss" 'BEGIN { printf "%-28s %8.1f MB in %6.1f s: %6.1f MB/s, peak RSS %5.0f MB\n", n, b/1e6, s, b/1e6/s, r/1024 }'
}
{
	echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
	run "ocds armenia (9.8 MB)" "$src" ocds
	run "ocds synthetic ($size)" "$tmp/synth-$size.jsonl" ocds
	prime="$data/usaspending/mn_ice_contracts/mn_all/Contracts_PrimeAwardSummaries_2025-03-21_H19M57S23_1.csv"
	[ -f "$prime" ] && run "usaspending prime (1,369 rows)" "$prime" usaspending
} | tee bench/out/ingest.txt
