#!/usr/bin/env bash
# npm run bench — every benchmark against its baseline, one JSON line each (also in bench/results/).
# BENCH_SCALE sets the embedded data size for the engine benchmarks (12 ≈ 12 M rows).
# About 30 minutes on 2 cores, most of it the two mixed loads; the README table is written last.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
run() { npx tsx --conditions react-server "$@"; }
scale="${BENCH_SCALE:-12}"

run bench/uncached.ts
PULSE_SAMPLE_SCALE="$scale" run bench/uncached.ts
PULSE_SAMPLE_SCALE="$scale" run bench/refresh.ts
# A dashboard opened on a new view, rollup tiers vs off, on the mixed load's 31.7 M rows.
run bench/dashboard-open.ts
# The rest drive the built app as `npm start` serves it.
npx next build >/dev/null
run bench/cached.ts
run bench/embed.ts
run bench/fanout.ts
run bench/mixed.ts
BENCH_NEW_VIEW_PER_REFRESH=0 run bench/mixed.ts
bash scripts/ensure-debian-package.sh chromium /usr/bin/chromium
# The page benchmark imports the client's query settings (React): no react-server condition.
npx tsx bench/page.ts
run bench/lighthouse.ts
bash scripts/ensure-debian-package.sh redis-server /usr/bin/redis-server
run bench/scale-out.ts
run bench/table.ts
