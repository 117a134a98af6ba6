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

# proc_launch, proc_pid, proc_kill9, proc_stop, proc_wait; DRUID_JAVA_MODULE_FLAGS (the flags
# Druid's run-java adds on Java 11+, as the stack launches them: stack/lib/services.sh).
source "$(dirname "${BASH_SOURCE[0]}")/../lib/jvm.sh"

DRUID_REPO="$REPO_DIR"
DRUID_VAR="$(proc_dir druid)"
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

dlog() { printf '[druid %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

druid_pid() { proc_pid druid "$1"; }
druid_rss_mib() { proc_rss_mib druid "$1"; }

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

druid_start() {
  local node="$1" svc="${1%[0-9]}" jvm=() over=()
  if [[ -n "$(druid_pid "$node")" ]]; then dlog "$node: already running"; return 0; fi
  if proc_port_taken "${DRUID_PORT[$node]}"; then
    dlog "$node: port ${DRUID_PORT[$node]} is taken by a process we did not start" >&2; return 1
  fi
  if [[ "$node" == zookeeper ]]; then
    proc_launch druid zookeeper -Xms64m -Xmx256m -XX:+UseSerialGC -Dzookeeper.jmx.log4j.disable=true \
      -Dzookeeper.admin.enableServer=false -Dlog4j2.configurationFile="$DRUID_VAR/conf/log4j2-console.xml" \
      -cp "$DRUID_LIB_DIR/*" org.apache.zookeeper.server.quorum.QuorumPeerMain "$DRUID_VAR/conf/zookeeper/zoo.cfg"
    return 0
  fi
  mapfile -t jvm < <(grep -v '^\s*\(#\|$\)' "$DRUID_VAR/conf/druid/$svc/jvm.config")
  mapfile -t over < <(druid_overrides "$node")
  proc_launch druid "$node" -server "${jvm[@]}" "${over[@]}" -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC \
    -Duser.timezone=UTC -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$DRUID_VAR/tmp" \
    -Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager \
    -Dlog4j2.configurationFile="$DRUID_VAR/conf/log4j2-console.xml" \
    -Dlog4j.shutdownCallbackRegistry=org.apache.druid.common.config.Log4jShutdown -Dlog4j.shutdownHookEnabled=true \
    -Ddruid.node.type="$svc" -Ddruid.log.path="$DRUID_VAR/log" "${DRUID_JAVA_MODULE_FLAGS[@]}" \
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
druid_wait_ready() { proc_wait druid "$1" "${2:-300}" druid_ready "$1"; }

druid_kill9() {
  [[ -n "$(druid_pid "$1")" ]] || { dlog "$1: not running" >&2; return 1; }
  proc_kill9 druid "$1"
}

druid_stop() { proc_stop druid "$1" 30; }

druid_restart() {
  druid_stop "$1"
  druid_start "$1"
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
  rm -f "$DRUID_VAR"/pids/*
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
