# shellcheck shell=bash
# Three Kafka KRaft nodes (combined broker+controller, see server.properties for why) on
# loopback, sourced by cluster/kafka/test.sh and the cluster integration:
#   kafka_up                  format (once), start nodes 1-3, wait for all, create the topics
#   kafka_down                stop every node (TERM, then KILL)
#   kafka_kill9 <n>           SIGKILL node n (1-3)
#   kafka_restart <n>         start node n again and wait until it serves
#   kafka_ready <n>           one probe: node n answers metadata with 3 brokers registered
#   kafka_isr_full            one probe: every partition has all 3 replicas in sync
# Ports: broker n on 4100+n, its controller on 4110+n (CLUSTER_KAFKA_BASE moves the block).
# State: cluster/var/kafka/{conf,data,log,pids}. Heap 512m per node.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/jvm.sh"
source "$STACK_DIR/lib/topics.sh"

KAFKA_NODES=(1 2 3)
CLUSTER_KAFKA_BASE="${CLUSTER_KAFKA_BASE:-4100}"
kafka_port() { echo $((CLUSTER_KAFKA_BASE + $1)); }
kafka_controller_port() { echo $((CLUSTER_KAFKA_BASE + 10 + $1)); }
CLUSTER_KAFKA_BOOTSTRAP="$(for n in "${KAFKA_NODES[@]}"; do printf '127.0.0.1:%s,' "$(kafka_port "$n")"; done)"
CLUSTER_KAFKA_BOOTSTRAP="${CLUSTER_KAFKA_BOOTSTRAP%,}"
KAFKA_VAR="$(proc_dir kafka)"

kafka_render() {
  local n voters=""
  for n in "${KAFKA_NODES[@]}"; do voters+="$n@127.0.0.1:$(kafka_controller_port "$n"),"; done
  mkdir -p "$KAFKA_VAR/conf" "$KAFKA_VAR/data" "$KAFKA_VAR/log"
  for n in "${KAFKA_NODES[@]}"; do
    sed -e "s#@NODE@#$n#" -e "s#@VOTERS@#${voters%,}#" -e "s#@PORT@#$(kafka_port "$n")#" \
        -e "s#@CONTROLLER_PORT@#$(kafka_controller_port "$n")#" -e "s#@DATA@#$KAFKA_VAR/data/$n#" \
        "$CLUSTER_DIR/kafka/server.properties" >"$KAFKA_VAR/conf/server-$n.properties"
  done
}

# Format each node's log dir once with one cluster id (kafka.tools.StorageTool).
kafka_format() {
  local n idf="$KAFKA_VAR/data/cluster-id"
  [[ -s "$idf" ]] || kafka_tool kafka.tools.StorageTool random-uuid | tail -n 1 >"$idf"
  for n in "${KAFKA_NODES[@]}"; do
    [[ -f "$KAFKA_VAR/data/$n/meta.properties" ]] && continue
    kafka_tool kafka.tools.StorageTool format -t "$(cat "$idf")" -c "$KAFKA_VAR/conf/server-$n.properties" --ignore-formatted \
      >>"$KAFKA_VAR/log/format.log" 2>&1 || { tail -n 20 "$KAFKA_VAR/log/format.log" >&2; cdie "kafka: formatting node $n failed"; return 1; }
  done
}

kafka_start() {
  local n="$1"
  port_open "$(kafka_port "$n")" && { cdie "kafka: port $(kafka_port "$n") is taken by a process we did not start"; return 1; }
  proc_launch kafka "$n" -Xms512m -Xmx512m "${KAFKA_JVM_OPTS[@]/#-Dlog4j2.configurationFile=*/-Dlog4j2.configurationFile=$STACK_DIR/conf/log4j2-console.xml}" \
    -Dkafka.logs.dir="$KAFKA_VAR/log" -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_VAR/conf/server-$n.properties"
}

kafka_ready() {
  port_open "$(kafka_port "$1")" && kafka_tool dev.pulseboard.stack.KafkaAdmin ready "127.0.0.1:$(kafka_port "$1")" 3 "${#KAFKA_NODES[@]}" >/dev/null 2>&1
}

kafka_isr_full() {
  kafka_tool dev.pulseboard.stack.KafkaAdmin isr "$CLUSTER_KAFKA_BOOTSTRAP" "${#KAFKA_NODES[@]}"
}

kafka_up() {
  local n t0; t0="$(now_ms)"
  bash "$STACK_DIR/resolve.sh" >/dev/null
  kafka_render
  kafka_format || return 1
  for n in "${KAFKA_NODES[@]}"; do [[ -n "$(proc_pid kafka "$n")" ]] || kafka_start "$n" || return 1; done
  for n in "${KAFKA_NODES[@]}"; do proc_wait kafka "$n" 180 kafka_ready "$n" || return 1; done
  local topics; mapfile -t topics < <(pulse_topics)
  kafka_tool dev.pulseboard.stack.KafkaAdmin create "$CLUSTER_KAFKA_BOOTSTRAP" --rf "${#KAFKA_NODES[@]}" "${topics[@]}" \
    | while read -r line; do clog "kafka: $line"; done
  clog "kafka: ${#KAFKA_NODES[@]} nodes up in $(secs_since "$t0")s ($CLUSTER_KAFKA_BOOTSTRAP)"
}

kafka_down() {
  local n
  for n in "${KAFKA_NODES[@]}"; do proc_stop kafka "$n" 30; done
}

kafka_kill9() { proc_kill9 kafka "$1"; }

kafka_restart() {
  [[ -n "$(proc_pid kafka "$1")" ]] || kafka_start "$1" || return 1
  proc_wait kafka "$1" 180 kafka_ready "$1"
}

# kafka_perf <records>: Kafka's own producer benchmark (org.apache.kafka.tools.ProducerPerformance)
# against a 3-partition RF3 topic, acks=all and idempotence, 200-byte records; prints its summary
# line ("N records sent, X records/sec ...").
kafka_perf() {
  kafka_tool dev.pulseboard.stack.KafkaAdmin create "$CLUSTER_KAFKA_BOOTSTRAP" --rf "${#KAFKA_NODES[@]}" cluster.perf:3 >/dev/null
  kafka_tool org.apache.kafka.tools.ProducerPerformance --topic cluster.perf --num-records "$1" --record-size 200 \
    --throughput -1 --producer-props bootstrap.servers="$CLUSTER_KAFKA_BOOTSTRAP" acks=all enable.idempotence=true \
    linger.ms=5 | tail -n 1
}
