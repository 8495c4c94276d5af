#!/usr/bin/env bash
# Screening quality and speed from one run, on the machine at hand:
#   - the seeded perturbation benchmark (bench/perturb) on SEED, by kind and schema,
#     on the OFAC SDN list (tuned on seed 1) and on the UN consolidated list
#     (never tuned on);
#   - name_bench dev: P/R/F1 at the default threshold, STRONG pairs, k-fold
#     cross-validation (bench/namebench);
#   - the ICE register scan against the SDN list (bench/icescan);
#   - index build, one-query p50/p99 and batch names/s on the full SDN list
#     (BenchmarkIndexBuildSDN, BenchmarkSearchSDN, BenchmarkBatchSDN) and peak RSS.
# Usage: bench/match.sh [SEED]   (default 2: tune on seed 1, report on another)
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${1:-2}"
out=bench/out
mkdir -p "$out"
f="$out/match-seed$seed.txt"
{
	echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
	go build -o "$out/perturb" ./bench/perturb
	/usr/bin/time -f "perturb peak RSS %M KB" "$out/perturb" -seed "$seed" 2>&1
	"$out/perturb" -list un -seed "$seed" 2>&1
	go run ./bench/namebench
	go run ./bench/icescan | tail -6
	go test -run '^$' -bench 'IndexBuildSDN|SearchSDN$|BatchSDN' -benchtime 2s -count 3 ./match/
	echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$f"
