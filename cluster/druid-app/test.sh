#!/usr/bin/env bash
# npm run test:cluster:druid-app — a private single Kafka (stack/up.sh on its own port and data
# dir; CLUSTER_KAFKA=host:port,... uses running brokers instead), the Druid cluster
# (cluster/druid/lib.sh), Redis + PostgreSQL + two app instances + HAProxy (cluster/app/lib.sh),
# then the fault suite. Always stops what it started; state in cluster/var (wiped at start and end).
# Ports: 4200-4206 Druid, 4210/4211 Kafka, 4220-4251 the app pair (see the libs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source cluster/druid/lib.sh
source cluster/app/lib.sh

T0=$SECONDS
KAFKA_ENV=(STACK_SERVICES=kafka STACK_VAR_DIR="$PWD/cluster/var/druid-app-kafka" STACK_KAFKA_PORT="${CLUSTER_KAFKA_PORT:-4210}")
OWN_KAFKA=0
if [[ -z "${CLUSTER_KAFKA:-}" ]]; then OWN_KAFKA=1; export CLUSTER_KAFKA="127.0.0.1:${CLUSTER_KAFKA_PORT:-4210}"; fi

stop_all() {
  app_down --wipe
  druid_down --wipe
  if ((OWN_KAFKA)); then env "${KAFKA_ENV[@]}" bash stack/down.sh --wipe >/dev/null; fi
}
cleanup() {
  local rc=$?
  if ((rc != 0)); then
    for f in cluster/var/druid/log/*.log cluster/var/app/log/app*.log cluster/var/app/log/haproxy.log; do
      [[ -f "$f" ]] && { echo "----- last 15 lines of $f -----"; tail -n 15 "$f" | cut -c1-300; } || true
    done
  fi
  stop_all
  echo "druid-app cluster suite: $( ((rc == 0)) && echo passed || echo FAILED) in $((SECONDS - T0)) s"
  exit "$rc"
}

stop_all   # a clean slate: the suite checks exact counts
trap cleanup EXIT
if ((OWN_KAFKA)); then env "${KAFKA_ENV[@]}" bash stack/up.sh; fi
druid_up "$CLUSTER_KAFKA"
app_up "$DRUID_BROKER_URL"
echo "cluster up in $((SECONDS - T0)) s"
timeout 900 npx vitest run --config vitest.cluster.config.ts cluster/druid-app/druid-app.cluster.test.ts
