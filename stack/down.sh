#!/usr/bin/env bash
# Stop every service stack/up.sh started (reverse order, TERM then KILL).
#   bash stack/down.sh           stop, keep data in stack/var
#   bash stack/down.sh --wipe    stop and delete stack/var (data, logs, configs)
# Env: STACK_STOP_TIMEOUT (seconds per service before KILL, default 30).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

WIPE=0
[[ "${1:-}" == "--wipe" ]] && WIPE=1
GRACE="${STACK_STOP_TIMEOUT:-30}"

# stop <service>: TERM, wait up to GRACE seconds, then KILL.
stop() {
  local name="$1" pid i
  pid="$(service_pid "$name")"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_DIR/$name.pid"
    return 0
  fi
  log "$name: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < GRACE * 4; i++)); do
    [[ -n "$(service_pid "$name")" ]] || break
    sleep 0.25
  done
  if [[ -n "$(service_pid "$name")" ]]; then
    log "$name: still running after ${GRACE}s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PID_DIR/$name.pid"
}

# The Flink jobs first (they write to Kafka), then Druid (router ... coordinator), Kafka, ZooKeeper.
stop flink
for ((k = ${#ALL_SERVICES[@]} - 1; k >= 0; k--)); do
  stop "${ALL_SERVICES[$k]}"
done
log "all stack services stopped"

if ((WIPE)); then
  rm -rf "$VAR_DIR"
  log "wiped $(rel "$VAR_DIR")"
fi
