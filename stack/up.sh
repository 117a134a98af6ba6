#!/usr/bin/env bash
# Start the local real-stack: ZooKeeper, Kafka (KRaft) and Druid (coordinator+overlord,
# broker, historical, indexer, router), create the pulse.* topics, submit the Druid Kafka
# supervisors, publish the sample sensor reference and start the Flink SQL jobs (flink/).
# Idempotent: running services are left alone.
#   bash stack/up.sh                       (npm run stack:up)
#   STACK_SERVICES=kafka bash stack/up.sh  Kafka and topics only (see lib/common.sh)
# Env: STACK_TIMEOUT (seconds, default 300) overall readiness timeout.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$STACK_DIR/lib/services.sh"

TIMEOUT="${STACK_TIMEOUT:-300}"
T_BEGIN="$(now_ms)"
DEADLINE=$(( $(date +%s) + TIMEOUT ))
declare -A STARTED_AT=()

source "$STACK_DIR/lib/topics.sh"
mapfile -t TOPICS < <(pulse_topics)

# 1. Artifacts (no-op when already resolved)
bash "$STACK_DIR/resolve.sh"
if want flink; then bash "$REPO_DIR/flink/build.sh"; fi

# 2. Directories and configs rendered from stack/conf (@VAR@ -> absolute stack/var)
mkdir -p "$DATA_DIR"/{zookeeper,kafka,druid} "$LOG_DIR" "$PID_DIR" "$TMP_DIR"
rm -rf "$CONF_OUT"; mkdir -p "$CONF_OUT"
cp -r "$STACK_DIR/conf/." "$CONF_OUT/"
find "$CONF_OUT" -type f -exec sed -i -e "s#@VAR@#$VAR_DIR#g" -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" \
  -e "s#@KAFKA_CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" {} +

# start <service>...: launch unless already running (ours) or the port is taken.
start() {
  local s pid
  for s in "$@"; do
    STARTED_AT[$s]="$(now_ms)"
    pid="$(service_pid "$s")"
    if [[ -n "$pid" ]]; then
      log "$s: already running (pid $pid)"
      continue
    fi
    if port_open "${PORT[$s]}"; then
      die "$s: port ${PORT[$s]} is already in use by a process this script did not start"
    fi
    log "$s: starting (log: $(rel "$LOG_DIR")/$s.log)"
    start_service "$s"
  done
}

# wait_ready <service>...: poll until all are ready; fail fast if one dies.
wait_ready() {
  local pending=("$@") s still
  while ((${#pending[@]})); do
    still=()
    for s in "${pending[@]}"; do
      if is_ready "$s"; then
        log "$s: ready in $(secs_since "${STARTED_AT[$s]}")s${PORT[$s]:+ (port ${PORT[$s]})}"
      elif [[ -z "$(service_pid "$s")" ]]; then
        log_tail "$s"; die "$s: process exited during start-up (log: $(rel "$LOG_DIR")/$s.log; clean up with: bash stack/down.sh)"
      else
        still+=("$s")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    if ((${#pending[@]})) && (( $(date +%s) >= DEADLINE )); then
      for s in "${pending[@]}"; do log_tail "$s"; done
      die "timeout after ${TIMEOUT}s waiting for: ${pending[*]} (logs in $(rel "$LOG_DIR"); stop with: bash stack/down.sh; more time: STACK_TIMEOUT=600)"
    fi
    ((${#pending[@]})) && sleep 1
  done
  return 0
}

# Pre-flight: fail before starting anything if a port we need is held by a foreign process.
SELECTED=(kafka)
if want druid; then SELECTED=(zookeeper "${ALL_SERVICES[@]:1}"); fi
for s in "${SELECTED[@]}"; do
  if [[ -z "$(service_pid "$s")" ]] && port_open "${PORT[$s]}"; then
    die "$s: port ${PORT[$s]} is already in use by a process this script did not start"
  fi
done

# 3. ZooKeeper and Kafka (independent of each other)
if want druid; then start zookeeper; fi
start kafka
if want druid; then wait_ready zookeeper; fi
wait_ready kafka
kafka_tool dev.pulseboard.stack.KafkaAdmin create "$KAFKA_BOOTSTRAP" "${TOPICS[@]}" \
  | while read -r line; do log "kafka: $line"; done

if want druid; then
  # 4. Druid: the coordinator(+overlord) first (it hosts the Derby metadata server),
  #    then the other services in parallel.
  start coordinator
  wait_ready coordinator
  start broker historical indexer router
  wait_ready broker historical indexer router

  # 5. One historical: make the default load rule ask for 1 replica, not 2.
  curl -sf -m 10 -X POST -H 'Content-Type: application/json' \
    -d '[{"type":"loadForever","tieredReplicants":{"_default_tier":1}}]' \
    "$OVERLORD_URL/druid/coordinator/v1/rules/_default" >/dev/null \
    || die "could not set the default load rule"

  # 6. Kafka supervisors. Re-POSTing a spec makes Druid end the running tasks early
  #    (they publish and new ones start), so only submit a spec that is new or changed
  #    since the last successful submission (checksum kept in stack/var).
  #    The specs are generated from the datasource declarations (PULSE_CONFIG_DIR); the
  #    early-message bound follows the app's PULSE_INGEST_MAX_FUTURE_S, so both engines agree.
  mkdir -p "$DATA_DIR/druid/supervisor-specs"
  rm -rf "$DATA_DIR/druid/supervisor-specs/generated"
  (cd "$REPO_DIR" && KAFKA_BOOTSTRAP="$KAFKA_BOOTSTRAP" npx tsx scripts/druid-specs.ts --out "$DATA_DIR/druid/supervisor-specs/generated") \
    || die "could not generate the Druid supervisor specs from the config"
  for spec in "$DATA_DIR"/druid/supervisor-specs/generated/*.json; do
    id="$(basename "$spec" .json)"
    sumf="$DATA_DIR/druid/supervisor-specs/$id.sha1"
    sum="$(sha1sum "$spec" | cut -d' ' -f1)"
    exists="$(curl -s -o /dev/null -w '%{http_code}' -m 10 "$OVERLORD_URL/druid/indexer/v1/supervisor/$id")"
    if [[ "$exists" == 200 && -f "$sumf" && "$(cat "$sumf")" == "$sum" ]]; then
      log "druid: supervisor $id unchanged, already running"
      continue
    fi
    resp="$(curl -s -m 30 -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' \
              --data-binary @"$spec" "$OVERLORD_URL/druid/indexer/v1/supervisor")"
    code="${resp##*$'\n'}"
    [[ "$code" == 200 ]] || { echo "${resp%$'\n'*}" >&2; die "supervisor $id rejected (HTTP $code)"; }
    echo "$sum" >"$sumf"
    log "druid: supervisor $id submitted"
  done

  # 7. SQL through the router
  sql='{"query":"SELECT 1 AS ok"}'
  until [[ "$(curl -s -m 10 -H 'Content-Type: application/json' -d "$sql" "$ROUTER_URL/druid/v2/sql")" == '[{"ok":1}]' ]]; do
    (( $(date +%s) < DEADLINE )) || { log_tail broker; log_tail router; die "router SQL 'SELECT 1' did not answer"; }
    sleep 1
  done
  log "druid: router SQL answers (SELECT 1)"
fi

# 8. Flink SQL jobs (enrich, alerts), after the topics exist and the reference is published.
if want flink; then
  (cd "$REPO_DIR" && npx tsx --conditions react-server flink/publish-sensors.ts --brokers "$KAFKA_BOOTSTRAP") \
    | while read -r line; do log "flink: $line"; done || die "could not publish the sensor reference"
  start flink
  wait_ready flink
fi

log "stack up in $(secs_since "$T_BEGIN")s ($STACK_SERVICES): Kafka $KAFKA_BOOTSTRAP$(want druid && echo ", Druid SQL $ROUTER_URL/druid/v2/sql (router), overlord/coordinator $OVERLORD_URL")"
