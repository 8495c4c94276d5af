#!/usr/bin/env bash
# The portal's figures (issue 10): register page (search + filter + sort,
# first and 500th page) and contract page on 100,000 contracts in SQLite,
# over loopback HTTP. Reports p50/p99 latency, page bytes and CPU per
# request. Usage: bench/web.sh [REQUESTS] [COUNT]   (default 500 requests, 1 run)
# Targets: register p99 < 50 ms, contract p99 < 30 ms, pages < 100 kB.
# Building the register takes about a minute before the first figure.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-500}"
count="${2:-1}"
out=bench/out
mkdir -p "$out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/web-machine.txt"
go test -run '^$' -bench 'BenchmarkPortal' -benchtime "${n}x" -count "$count" -timeout 60m ./web | tee "$out/web.txt"
