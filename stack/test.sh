#!/usr/bin/env bash
# npm run test:stack — start a clean stack, run the real-stack suites, always stop what we started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The differential oracle runs two app instances sharing a real Redis.
bash scripts/ensure-debian-package.sh redis-server /usr/bin/redis-server

# Kafka and Druid only: Flink's alert jobs would add their own alerts to the fixed event set
# (its own suite is npm run test:pipeline). The fault test's restart inherits this too.
export STACK_SERVICES="kafka druid"
# Rollup tiers on both engines: stack/up.sh submits a supervisor per tier datasource, and the app
# under test (and the conformance suite's engines) read them, compared there with the ingest grain.
export PULSE_TIERS=on
# A clean slate: the suite produces a fixed event set and checks exact counts.
bash stack/down.sh --wipe
trap 'bash stack/down.sh --wipe' EXIT
T0=$SECONDS
bash stack/up.sh
echo "stack up in $((SECONDS - T0)) s"
ps -o rss=,args= -C java | grep -- "-Dpulseboard.stack=" | awk '{ split($0, a, "-Dpulseboard.stack="); s = a[2]; sub(/ .*/, "", s); printf "  %-14s %6.0f MiB\n", (s == "" ? "java" : s), $1 / 1024; total += $1 } END { printf "  %-14s %6.0f MiB\n", "total", total / 1024 }'
npx vitest run --config vitest.stack.config.ts
