#!/usr/bin/env bash
# npm run test:cluster:kafka-flink — three Kafka nodes and the Flink session cluster (cluster/kafka,
# cluster/flink) from a clean slate, the sensor reference, the SQL jobs submitted remotely, then
# cluster/kafka-flink.cluster.test.ts (load, kill -9 + restart of a broker, a TaskManager and the
# JobManager, exact counts, figures). Always stops what it started; on failure the logs stay in
# cluster/var/{kafka,flink}/log. Ports 4100-4159 only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source cluster/kafka/lib.sh
source cluster/flink/lib.sh

T0=$SECONDS
cleanup() {
  local rc=$?
  if ((rc != 0)); then
    for f in "$FLINK_VAR"/log/{submitter,jm,tm1,tm2}.log "$KAFKA_VAR"/log/{1,2,3}.log; do
      [[ -f "$f" ]] && { echo "----- last 30 lines of $f -----"; tail -n 30 "$f" | cut -c1-300; } || true
    done
  fi
  flink_down
  kafka_down
  ((rc != 0)) || rm -rf "$FLINK_VAR" "$KAFKA_VAR"
  clog "kafka-flink cluster suite $( ((rc == 0)) && echo passed || echo FAILED) in $((SECONDS - T0)) s"
  exit "$rc"
}
flink_down; kafka_down            # leftovers of an aborted run (pid files + markers)
rm -rf "$FLINK_VAR" "$KAFKA_VAR"  # a clean slate: the suite checks exact counts
trap cleanup EXIT
kafka_up
npx tsx --conditions react-server flink/publish-sensors.ts --brokers "$CLUSTER_KAFKA_BOOTSTRAP"
flink_up "$CLUSTER_KAFKA_BOOTSTRAP"
clog "cluster up in $((SECONDS - T0)) s"
CLUSTER_KAFKA="$CLUSTER_KAFKA_BOOTSTRAP" timeout 900 npx vitest run --config vitest.cluster.config.ts cluster/kafka-flink.cluster.test.ts
