#!/usr/bin/env bash
# The integrated run of issue 21, everything at once (npm run test:cluster, as CI runs it through
# cluster/test.sh, or npm run test:cluster:whole; about 7-13 min on 2 cores): three Kafka
# nodes (cluster/kafka), the sensor reference, the Flink session cluster with the enrich and
# alerts jobs submitted remotely (cluster/flink) and the Druid cluster ingesting from the three
# brokers (cluster/druid) started side by side, then Redis + PostgreSQL + two app instances (with
# the alert notifier on the same brokers) + HAProxy (cluster/app), then
# cluster/whole/whole.cluster.test.ts. Always stops what it started; state in cluster/var (wiped
# at start, and at the end when passed; on failure the logs stay and their tails are printed).
# Ports 4100-4159 (Kafka, Flink), 4200-4206 (Druid), 4220-4251 (the app pair).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source cluster/kafka/lib.sh
source cluster/flink/lib.sh
source cluster/druid/lib.sh
source cluster/app/lib.sh

T0=$SECONDS
VITEST_LIMIT_S=1200   # set-up ~1.5 min, faults ~7 min, end checks ~2 min: this only stops a run gone wrong
stop_all() {
  app_down "$@"
  flink_down
  druid_down "$@"
  kafka_down
}
LOADS="$(mktemp)"   # the 1-minute load average every 10 s, summarised at the end
load_summary() { awk '{ s += $1; n++; if ($1 > m) m = $1 } END { if (n) printf "load average (1 min) during the run: mean %.1f, max %.1f over %d samples\n", s / n, m, n }' "$LOADS"; rm -f "$LOADS"; }
cleanup() {
  local rc=$?
  [[ -n "${SAMPLER:-}" ]] && { kill "$SAMPLER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true; }
  load_summary
  ((rc == 124)) && echo "vitest stopped by the runner's ${VITEST_LIMIT_S} s limit: the last step logged above ('[end] …: started' with no 'done') did not finish"
  if ((rc != 0)); then
    for f in "$KAFKA_VAR"/log/{1,2,3}.log "$FLINK_VAR"/log/{submitter,jm,tm1,tm2}.log cluster/var/druid/log/*.log cluster/var/app/log/{app1,app2,haproxy}.log; do
      [[ -f "$f" ]] && { echo "----- last 15 lines of $f -----"; tail -n 15 "$f" | cut -c1-300; } || true
    done
  fi
  if ((rc == 0)); then stop_all --wipe; rm -rf "$FLINK_VAR" "$KAFKA_VAR"; else stop_all; fi
  clog "integrated cluster suite $( ((rc == 0)) && echo passed || echo FAILED) in $((SECONDS - T0)) s"
  exit "$rc"
}

stop_all --wipe                      # leftovers of an aborted run (pid files + markers)
rm -rf "$FLINK_VAR" "$KAFKA_VAR"     # a clean slate: the suite checks exact counts
trap cleanup EXIT
(while :; do cut -d' ' -f1 /proc/loadavg >>"$LOADS"; sleep 10; done) & SAMPLER=$!
kafka_up
npx tsx --conditions react-server flink/publish-sensors.ts --brokers "$CLUSTER_KAFKA_BOOTSTRAP"
# Flink and Druid only need Kafka: started side by side (each waits for its own nodes).
flink_up "$CLUSTER_KAFKA_BOOTSTRAP" & FLINK_UP=$!
# Druid takes events up to 7 days ahead: the login episodes run ahead of the clock (see the suite).
PULSE_INGEST_MAX_FUTURE_S=604800 druid_up "$CLUSTER_KAFKA_BOOTSTRAP" & DRUID_UP=$!
wait "$FLINK_UP" || { wait "$DRUID_UP" || true; cdie "the Flink cluster did not come up"; }
wait "$DRUID_UP" || cdie "the Druid cluster did not come up"
app_up "$DRUID_BROKER_URL" "$CLUSTER_KAFKA_BOOTSTRAP"
clog "everything up in $((SECONDS - T0)) s"
CLUSTER_KAFKA="$CLUSTER_KAFKA_BOOTSTRAP" timeout "$VITEST_LIMIT_S" npx vitest run --config vitest.cluster.config.ts cluster/whole/whole.cluster.test.ts
