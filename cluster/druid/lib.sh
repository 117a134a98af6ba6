# shellcheck shell=bash
# The Druid cluster (sourced, not executed): ZooKeeper, Coordinator(+Overlord, Derby inside),
# Broker, two Historicals (_default_tier, 2 replicas of every segment) and one Indexer, each its
# own JVM on loopback, from stack/target/druid-lib (stack/resolve.sh). Configs are the stack's
# (stack/conf, rendered once into cluster/var/druid/conf); what differs per node (ports, paths)
# is given as -D flags, which Druid reads over its runtime.properties.
#   druid_up <kafka bootstrap>   start all, wait, load rule, supervisors (scripts/druid-specs.ts)
#   druid_down [--wipe]          stop all (TERM, then KILL)
#   druid_kill9 <node> / druid_restart <node> / druid_ready <node> / druid_wait_ready <node> [s]
#   druid_pid <node> / druid_rss_mib <node>
# Nodes: zookeeper coordinator broker historical1 historical2 indexer.
# Env: CLUSTER_DRUID_PORT_BASE (4200: ZooKeeper, +1 coordinator, +2 Derby, +3 broker,
#      +4/+5 historicals, +6 indexer), CLUSTER_VAR_DIR (cluster/var).
# Why an Indexer, not a MiddleManager: it runs tasks as threads in one JVM, so five supervisors'
# tasks (ten at a handoff) cost no extra JVMs (a peon each, ~20 s start and hundreds of MiB).

DRUID_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DRUID_VAR="${CLUSTER_VAR_DIR:-$DRUID_REPO/cluster/var}/druid"
DRUID_LIB_DIR="$DRUID_REPO/stack/target/druid-lib"
DRUID_BASE="${CLUSTER_DRUID_PORT_BASE:-4200}"
DRUID_NODES=(zookeeper coordinator broker historical1 historical2 indexer)
declare -A DRUID_PORT=([zookeeper]=$DRUID_BASE [coordinator]=$((DRUID_BASE + 1)) [broker]=$((DRUID_BASE + 3))
                       [historical1]=$((DRUID_BASE + 4)) [historical2]=$((DRUID_BASE + 5)) [indexer]=$((DRUID_BASE + 6)))
DRUID_DERBY_PORT=$((DRUID_BASE + 2))
# A node killed with SIGKILL leaves the cluster's view when its ZooKeeper session expires: 10 s
# rather than Druid's default 30 s, so the Broker stops routing to a dead Historical sooner.
DRUID_ZK_SESSION_MS="${CLUSTER_DRUID_ZK_SESSION_MS:-10000}"
DRUID_COORDINATOR_URL="http://127.0.0.1:${DRUID_PORT[coordinator]}"
DRUID_BROKER_URL="http://127.0.0.1:${DRUID_PORT[broker]}"
DRUID_JAVA="${STACK_JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
[[ -x "$DRUID_JAVA" ]] || DRUID_JAVA="$(command -v java)"
# The flags Druid's run-java adds on Java 11+, as the stack launches them (stack/lib/services.sh).
mapfile -t DRUID_MODULE_FLAGS < <(CONF_OUT= LOG_DIR= STACK_DIR=; source "$DRUID_REPO/stack/lib/services.sh"; printf '%s\n' "${DRUID_JAVA_MODULE_FLAGS[@]}")

dlog() { printf '[druid %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# The marker every process carries, so a pid file is trusted only while it names our process.
druid_marker() { printf -- '-Dpulseboard.stack=cluster-druid-%s' "$1"; }

druid_pid() {
  local f="$DRUID_VAR/pids/$1.pid" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q -- "$(druid_marker "$1") " && echo "$pid"
  return 0
}

druid_rss_mib() {
  local pid; pid="$(druid_pid "$1")"
  [[ -n "$pid" ]] && awk '/^VmRSS/ { printf "%d\n", $2 / 1024 }' "/proc/$pid/status"
}

# Configs: the stack's templates with its paths (@VAR@) pointed at cluster/var/druid.
druid_render() {
  mkdir -p "$DRUID_VAR"/{log,pids,tmp,data}
  rm -rf "$DRUID_VAR/conf"; mkdir -p "$DRUID_VAR/conf"
  cp -r "$DRUID_REPO/stack/conf/druid" "$DRUID_REPO/stack/conf/zookeeper" "$DRUID_REPO/stack/conf/log4j2-console.xml" "$DRUID_VAR/conf/"
  find "$DRUID_VAR/conf" -type f -exec sed -i "s#@VAR@#$DRUID_VAR#g" {} +
  sed -i "s#^clientPort=.*#clientPort=${DRUID_PORT[zookeeper]}#" "$DRUID_VAR/conf/zookeeper/zoo.cfg"
}

# The -D flags of one node: what the cluster changes from the stack's files.
druid_overrides() {
  local node="$1"
  printf '%s\n' "-Ddruid.plaintextPort=${DRUID_PORT[$node]}" \
    "-Ddruid.zk.service.host=127.0.0.1:${DRUID_PORT[zookeeper]}" \
    "-Ddruid.zk.service.sessionTimeoutMs=$DRUID_ZK_SESSION_MS" \
    "-Ddruid.metadata.storage.connector.port=$DRUID_DERBY_PORT" \
    "-Ddruid.metadata.storage.connector.connectURI=jdbc:derby://127.0.0.1:$DRUID_DERBY_PORT/$DRUID_VAR/data/druid/metadata.db;create=true" \
    "-Ddruid.processing.tmpDir=$DRUID_VAR/data/druid/processing-$node"
  case "$node" in
    historical*)
      printf '%s\n' "-Ddruid.segmentCache.locations=[{\"path\":\"$DRUID_VAR/data/druid/segment-cache-$node\",\"maxSize\":\"20g\"}]" ;;
    indexer) # five supervisors, each with a reading task and (at a rollover) a publishing one
      printf '%s\n' "-Ddruid.worker.capacity=10" ;;
  esac
}

# launch <node> <args...>: one background process, log in cluster/var/druid/log/<node>.log.
druid_launch() {
  local node="$1"; shift
  local out="$DRUID_VAR/log/$node.log"
  [[ -f "$out" ]] && mv -f "$out" "$out.1"
  (
    cd "$DRUID_VAR" || exit 1
    nohup "$DRUID_JAVA" "$(druid_marker "$node")" "$@" >"$out" 2>&1 </dev/null &
    echo $! >"$DRUID_VAR/pids/$node.pid"
  )
}

druid_start() {
  local node="$1" svc="${1%[0-9]}" jvm=() over=()
  if [[ -n "$(druid_pid "$node")" ]]; then dlog "$node: already running"; return 0; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/${DRUID_PORT[$node]}") 2>/dev/null; then
    dlog "$node: port ${DRUID_PORT[$node]} is taken by a process we did not start" >&2; return 1
  fi
  if [[ "$node" == zookeeper ]]; then
    druid_launch zookeeper -Xms64m -Xmx256m -XX:+UseSerialGC -Dzookeeper.jmx.log4j.disable=true \
      -Dzookeeper.admin.enableServer=false -Dlog4j2.configurationFile="$DRUID_VAR/conf/log4j2-console.xml" \
      -cp "$DRUID_LIB_DIR/*" org.apache.zookeeper.server.quorum.QuorumPeerMain "$DRUID_VAR/conf/zookeeper/zoo.cfg"
    return 0
  fi
  mapfile -t jvm < <(grep -v '^\s*\(#\|$\)' "$DRUID_VAR/conf/druid/$svc/jvm.config")
  mapfile -t over < <(druid_overrides "$node")
  druid_launch "$node" -server "${jvm[@]}" "${over[@]}" -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC \
    -Duser.timezone=UTC -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$DRUID_VAR/tmp" \
    -Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager \
    -Dlog4j2.configurationFile="$DRUID_VAR/conf/log4j2-console.xml" \
    -Dlog4j.shutdownCallbackRegistry=org.apache.druid.common.config.Log4jShutdown -Dlog4j.shutdownHookEnabled=true \
    -Ddruid.node.type="$svc" -Ddruid.log.path="$DRUID_VAR/log" "${DRUID_MODULE_FLAGS[@]}" \
    -cp "$DRUID_VAR/conf/druid/$svc:$DRUID_VAR/conf/druid/_common:$DRUID_LIB_DIR/*" \
    org.apache.druid.cli.Main server "$svc"
}

# druid_ready <node>: one probe. Broker and Historicals answer their readiness endpoints only
# once their segment view / segment cache is loaded, not merely once they listen.
druid_ready() {
  local port="${DRUID_PORT[$1]}"
  case "$1" in
    zookeeper) [[ "$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf ruok >&3 && timeout 2 cat <&3) 2>/dev/null)" == imok ]] ;;
    broker) curl -sf -m 3 -o /dev/null "http://127.0.0.1:$port/druid/broker/v1/readiness" ;;
    historical*) curl -sf -m 3 -o /dev/null "http://127.0.0.1:$port/druid/historical/v1/readiness" ;;
    *) [[ "$(curl -s -m 3 "http://127.0.0.1:$port/status/health" 2>/dev/null)" == true ]] ;;
  esac
}

# druid_wait_ready <node> [timeout s]: fails with the log's tail when the node dies or times out.
druid_wait_ready() {
  local node="$1" deadline=$(( $(date +%s) + ${2:-300} ))
  until druid_ready "$node"; do
    if [[ -z "$(druid_pid "$node")" ]] || (( $(date +%s) > deadline )); then
      dlog "$node: not ready ($([[ -z "$(druid_pid "$node")" ]] && echo exited || echo timeout))" >&2
      tail -n 30 "$DRUID_VAR/log/$node.log" | cut -c1-300 >&2
      return 1
    fi
    sleep 1
  done
}

druid_kill9() {
  local pid; pid="$(druid_pid "$1")"
  [[ -n "$pid" ]] || { dlog "$1: not running" >&2; return 1; }
  kill -KILL "$pid"
  while [[ -e "/proc/$pid" ]]; do sleep 0.1; done
}

druid_restart() {
  local pid; pid="$(druid_pid "$1")"
  [[ -z "$pid" ]] || druid_stop "$1"
  druid_start "$1"
}

druid_stop() {
  local pid i; pid="$(druid_pid "$1")"
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do [[ -n "$(druid_pid "$1")" ]] || return 0; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
}

druid_up() {
  local bootstrap="${1:?druid_up <kafka bootstrap>}" t0=$SECONDS node spec id code
  [[ -d "$DRUID_LIB_DIR" ]] || STACK_SERVICES=druid bash "$DRUID_REPO/stack/resolve.sh"
  druid_render
  druid_start zookeeper && druid_wait_ready zookeeper 60 || return 1
  # The coordinator(+overlord) first: it hosts the Derby metadata server the others connect to.
  druid_start coordinator && druid_wait_ready coordinator || return 1
  for node in broker historical1 historical2 indexer; do druid_start "$node" || return 1; done
  for node in broker historical1 historical2 indexer; do druid_wait_ready "$node" || return 1; done
  # Two replicas in the default tier: each segment on both Historicals.
  curl -sf -m 10 -X POST -H 'Content-Type: application/json' \
    -d '[{"type":"loadForever","tieredReplicants":{"_default_tier":2}}]' \
    "$DRUID_COORDINATOR_URL/druid/coordinator/v1/rules/_default" >/dev/null || { dlog "could not set the load rule" >&2; return 1; }
  rm -rf "$DRUID_VAR/specs"
  (cd "$DRUID_REPO" && KAFKA_BOOTSTRAP="$bootstrap" npx tsx scripts/druid-specs.ts --out "$DRUID_VAR/specs") >/dev/null || return 1
  for spec in "$DRUID_VAR"/specs/*.json; do
    id="$(basename "$spec" .json)"
    code="$(curl -s -o "$DRUID_VAR/tmp/supervisor-$id.out" -w '%{http_code}' -m 30 -X POST -H 'Content-Type: application/json' \
      --data-binary @"$spec" "$DRUID_COORDINATOR_URL/druid/indexer/v1/supervisor")"
    [[ "$code" == 200 ]] || { dlog "supervisor $id rejected (HTTP $code): $(cat "$DRUID_VAR/tmp/supervisor-$id.out")" >&2; return 1; }
  done
  dlog "up in $((SECONDS - t0)) s: broker $DRUID_BROKER_URL, coordinator/overlord $DRUID_COORDINATOR_URL, $(ls "$DRUID_VAR"/specs | wc -l) supervisors on $bootstrap"
}

druid_down() {
  local k
  for ((k = ${#DRUID_NODES[@]} - 1; k >= 0; k--)); do druid_stop "${DRUID_NODES[$k]}"; done
  rm -f "$DRUID_VAR"/pids/*.pid
  if [[ "${1:-}" == --wipe ]]; then rm -rf "$DRUID_VAR"; fi
}

# Ask each supervisor's running tasks to hand off now (publish their segments to deep storage and
# the Historicals) rather than at taskDuration's end, so the Historicals serve what was produced.
druid_handoff() {
  local id
  for id in $(curl -sf -m 10 "$DRUID_COORDINATOR_URL/druid/indexer/v1/supervisor" | tr -d '[]"' | tr ',' ' '); do
    curl -sf -m 10 -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"taskGroupIds":[0]}' \
      "$DRUID_COORDINATOR_URL/druid/indexer/v1/supervisor/$id/taskGroups/handoff" || { dlog "handoff of $id refused" >&2; return 1; }
  done
}
