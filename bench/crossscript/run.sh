#!/bin/sh
# Cross-script screening benchmark (issue 13): recall and false positives per
# script on the UN consolidated list's original-script names and the FtM
# entities with names in two scripts (../shared/data), tune and report
# halves; then the cost of romanisation per name, by script, and of
# screening the UN list's Arabic names against its Latin names (p50/p99).
#
#   bench/crossscript/run.sh            # figures
#   TRANSLIT_MISSES=tune bench/crossscript/run.sh   # also the pairs missed
set -e
cd "$(dirname "$0")/../.."
go test -count=1 -run TestCrossScriptBenchmark -v ./match/translit/ | grep -E 'recall|below|---|^ok|FAIL|MISS|FALSE' || true
go test -count=1 -run XXX -bench 'BenchmarkLatin|BenchmarkSearchArabic' -benchtime 20000x ./match/translit/ | grep -E 'Benchmark|^ok'
