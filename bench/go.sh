#!/usr/bin/env bash
# Runs the project's Go benchmarks COUNT times each and summarises them
# with benchstat. Usage: bench/go.sh [PATTERN] [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
pattern="${1:-.}"
count="${2:-5}"
out=bench/out
mkdir -p "$out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/machine.txt"
go test -run '^$' -bench "$pattern" -benchmem -count "$count" -timeout 60m ./... | tee "$out/go-raw.txt"
go run golang.org/x/perf/cmd/benchstat@latest "$out/go-raw.txt" | tee "$out/go.txt"
