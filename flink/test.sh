#!/usr/bin/env bash
# npm run test:pipeline — a private Kafka (no Druid) on its own port and data dir, the Flink SQL
# jobs, then the *.pipeline.test.ts suites (flink/pipeline.pipeline.test.ts and the webhook outbox
# crash test lib/alerts/outbox-crash.pipeline.test.ts, which uses its own topic). Never touches the shared stack (stack/var, 9092):
# it can run while `npm run stack:up` / `npm run test:stack` are up. Always stops what it started.
# Env: PIPELINE_KAFKA_PORT (default 19092; the controller uses the next port).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source flink/lib.sh

WORK="$FLINK_DIR/var/pipeline-test"
export STACK_SERVICES=kafka STACK_VAR_DIR="$WORK/stack" STACK_KAFKA_PORT="${PIPELINE_KAFKA_PORT:-19092}"
export PIPELINE_KAFKA="127.0.0.1:$STACK_KAFKA_PORT" PIPELINE_DIR="$WORK"

# stop_runner: the test kills its runner itself; this catches one left by an aborted run
# (pid file written by flink/pipeline-kit.ts, trusted only while the marker is in its cmdline).
stop_runner() {
  local pid
  pid="$(cat "$WORK/runner.pid" 2>/dev/null || true)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q -- '-Dpulseboard.stack=flink-pipeline-test '; then
    kill -KILL "$pid" || true
  fi
}
cleanup() {
  local rc=$?
  stop_runner
  if ((rc != 0)); then
    for f in "$WORK/runner.log" "$WORK/stack/log/kafka.log"; do
      [[ -f "$f" ]] && { echo "----- last 40 lines of $f -----"; tail -n 40 "$f" | cut -c1-400; } || true
    done
  fi
  bash stack/down.sh --wipe >/dev/null
  rm -rf "$WORK"
  exit "$rc"
}

T0=$SECONDS
bash stack/down.sh --wipe >/dev/null   # a clean slate: the suite checks exact counts
rm -rf "$WORK"; mkdir -p "$WORK"
trap cleanup EXIT
bash flink/build.sh
bash stack/up.sh
npx tsx --conditions react-server flink/publish-sensors.ts --brokers "$PIPELINE_KAFKA"
timeout 900 npx vitest run --config vitest.pipeline.config.ts
flog "pipeline test passed in $((SECONDS - T0)) s"
