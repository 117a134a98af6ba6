#!/usr/bin/env bash
# npm run bench — every benchmark against its baseline, one JSON line each (also in bench/results/).
# BENCH_SCALE sets the embedded data size for the engine benchmarks (12 ≈ 12 M rows).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
run() { npx tsx --conditions react-server "$@"; }
scale="${BENCH_SCALE:-12}"

run bench/uncached.ts
PULSE_SAMPLE_SCALE="$scale" run bench/uncached.ts
PULSE_SAMPLE_SCALE="$scale" run bench/refresh.ts
npx next build >/dev/null
run bench/cached.ts
