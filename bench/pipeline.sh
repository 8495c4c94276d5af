#!/usr/bin/env bash
# Measures what the durable pipeline costs ingest: the Armenia JSON Lines
# file and a synthetic file of SIZE (default 50MB) made from it, ingested
# into a new SQLite database by
#   before   probity at BEFORE (default ad5892d: no outbox, one transaction)
#   atomic   this tree, --atomic (one transaction; outbox rows by triggers)
#   batched  this tree, default (a commit every 2 s, 100 ms left to other
#            writers after each)
# and prints seconds and MB/s for each, with the machine's load.
# Usage: bench/pipeline.sh [SIZE [BEFORE]]
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-50MB}"
before="${2:-ad5892d}"
data="${PROBITY_SHARED_DATA:-../shared/data}"
src="$data/ocds/armenia-armeps/armenia-releases.jsonl"
if [ ! -f "$src" ]; then
	echo "bench/pipeline.sh: $src not found: put the shared/ folder beside the repository" >&2
	exit 1
fi
tmp=bench/tmp
mkdir -p "$tmp" bench/out
go build -o "$tmp/probity" ./cmd/probity
rm -rf "$tmp/before-src" && mkdir -p "$tmp/before-src"
git archive "$before" | tar -x -C "$tmp/before-src"
(cd "$tmp/before-src" && go build -o ../probity-before ./cmd/probity)
[ -f "$tmp/synth-$size.jsonl" ] || go run ./bench/synth-ocds -in "$src" -size "$size" -out "$tmp/synth-$size.jsonl"

run() { # name binary file [flags]
	rm -f "$tmp/pl.db" "$tmp/pl.db-wal" "$tmp/pl.db-shm"
	local name=$1 bin=$2 file=$3 bytes secs
	shift 3
	bytes=$(du -b "$file" | cut -f1)
	/usr/bin/time -f '%e' -o "$tmp/time.txt" "$bin" --db "$tmp/pl.db" ingest ocds --quiet "$@" "$file" >/dev/null
	secs=$(cat "$tmp/time.txt")
	awk -v n="$name" -v b="$bytes" -v s="$secs" 'BEGIN { printf "%-34s %7.1f MB in %6.1f s: %5.1f MB/s\n", n, b/1e6, s, b/1e6/s }'
}
{
	echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
	for f in "$src" "$tmp/synth-$size.jsonl"; do
		n=$(basename "$f")
		run "before ($before) $n" "$tmp/probity-before" "$f"
		run "atomic $n" "$tmp/probity" "$f" --atomic
		run "batched $n" "$tmp/probity" "$f"
	done
	echo "after: load $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee bench/out/pipeline.txt
