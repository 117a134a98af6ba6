#!/usr/bin/env bash
# npm run bench — every benchmark against its baseline, one JSON line each (also in bench/results/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
run() { npx tsx --conditions react-server "$@"; }
run bench/uncached.ts
PULSE_SAMPLE_SCALE="${BENCH_SCALE:-12}" run bench/uncached.ts
PULSE_SAMPLE_SCALE="${BENCH_SCALE:-12}" run bench/refresh.ts
