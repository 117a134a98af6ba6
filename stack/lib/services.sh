# shellcheck shell=bash
# How each service is launched (sourced by up.sh after lib/common.sh).
# Every service: cwd stack/var, stdout+stderr -> stack/var/log/<name>.log,
# pid -> stack/var/pids/<name>.pid, marker -Dpulseboard.stack=<name>.

LOG4J_CONF="$CONF_OUT/log4j2-console.xml"
LOG4J_TOOLS_CONF="$STACK_DIR/conf/log4j2-tools.xml"

# Flags Druid's bin/run-java adds on Java 11+ (docs/operations/java.md).
DRUID_JAVA_MODULE_FLAGS=(
  --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED
)

# launch <name> <java args...>: start one JVM in the background (nohup).
launch() {
  local name="$1"; shift
  local out="$LOG_DIR/$name.log"
  [[ -f "$out" ]] && mv -f "$out" "$out.1"   # keep the previous run's log once
  (
    cd "$VAR_DIR" || exit 1
    nohup "$JAVA" "$(stack_marker "$name")" "$@" >"$out" 2>&1 </dev/null &
    echo $! >"$PID_DIR/$name.pid"
  )
}

start_zookeeper() {
  launch zookeeper -Xms64m -Xmx256m -XX:+UseSerialGC \
    -Dzookeeper.jmx.log4j.disable=true -Dzookeeper.admin.enableServer=false \
    -Dlog4j2.configurationFile="$LOG4J_CONF" \
    -cp "$DRUID_LIB/*" org.apache.zookeeper.server.quorum.QuorumPeerMain \
    "$CONF_OUT/zookeeper/zoo.cfg"
}

# JVM options from Kafka's kafka-run-class.sh / kafka-server-start.sh, smaller heap.
KAFKA_JVM_OPTS=(
  -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
  -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true
  -Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$LOG4J_CONF"
)

# kafka_tool <main class> <args...>: run a short-lived JVM on the Kafka classpath.
kafka_tool() {
  "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$LOG4J_TOOLS_CONF" \
    -cp "$KAFKA_TOOLS:$KAFKA_LIB/*" "$@"
}

# Format KRaft storage once (kafka.tools.StorageTool, what bin/kafka-storage.sh runs).
format_kafka_storage() {
  local props="$CONF_OUT/kafka/server.properties" idf="$DATA_DIR/kafka-cluster-id"
  if [[ -f "$DATA_DIR/kafka/meta.properties" ]]; then
    return 0
  fi
  [[ -s "$idf" ]] || kafka_tool kafka.tools.StorageTool random-uuid | tail -n 1 >"$idf"
  log "kafka: formatting storage (cluster id $(cat "$idf"))"
  kafka_tool kafka.tools.StorageTool format -t "$(cat "$idf")" -c "$props" --ignore-formatted \
    >>"$LOG_DIR/kafka-format.log" 2>&1 || { tail -n 20 "$LOG_DIR/kafka-format.log" >&2; die "kafka storage format failed"; }
}

start_kafka() {
  format_kafka_storage
  launch kafka -Xms256m -Xmx768m "${KAFKA_JVM_OPTS[@]}" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$CONF_OUT/kafka/server.properties"
}

# start_druid <service>: coordinator|broker|historical|indexer|router
start_druid() {
  local svc="$1" jvmcfg=()
  mapfile -t jvmcfg < <(grep -v '^\s*\(#\|$\)' "$CONF_OUT/druid/$svc/jvm.config")
  launch "$svc" -server "${jvmcfg[@]}" \
    -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC \
    -Duser.timezone=UTC -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$TMP_DIR" \
    -Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager \
    -Dlog4j2.configurationFile="$LOG4J_CONF" \
    -Dlog4j.shutdownCallbackRegistry=org.apache.druid.common.config.Log4jShutdown \
    -Dlog4j.shutdownHookEnabled=true \
    -Ddruid.node.type="$svc" -Ddruid.log.path="$LOG_DIR" \
    "${DRUID_JAVA_MODULE_FLAGS[@]}" \
    -cp "$CONF_OUT/druid/$svc:$CONF_OUT/druid/_common:$DRUID_LIB/*" \
    org.apache.druid.cli.Main server "$svc"
}

# The Flink SQL jobs (flink/, one embedded MiniCluster); each start resumes every job from its
# newest retained checkpoint under data/flink, so a restart neither loses nor repeats output.
start_flink() {
  source "$REPO_DIR/flink/lib.sh"
  launch flink "${FLINK_RUNNER[@]}" --bootstrap "$KAFKA_BOOTSTRAP" --rules "$REPO_DIR/config/alert-rules.json" \
    --checkpoints "$DATA_DIR/flink/checkpoints" "${FLINK_SQL_JOBS[@]}"
}

start_service() {
  case "$1" in
    zookeeper) start_zookeeper ;;
    kafka) start_kafka ;;
    flink) start_flink ;;
    *) start_druid "$1" ;;
  esac
}

# is_ready <service>: one readiness probe, no waiting.
is_ready() {
  case "$1" in
    zookeeper)
      [[ "$( (exec 3<>/dev/tcp/127.0.0.1/2181 && printf ruok >&3 && timeout 2 cat <&3) 2>/dev/null)" == imok ]] ;;
    flink) # the runner prints one "[flink] job <name> RUNNING" line per job
      (( $(grep -c '^\[flink\] job .* RUNNING' "$LOG_DIR/flink.log" 2>/dev/null || true) >= ${#FLINK_SQL_JOBS[@]} )) ;;
    kafka)
      port_open "$KAFKA_PORT" && kafka_tool dev.pulseboard.stack.KafkaAdmin ready "$KAFKA_BOOTSTRAP" 5 >/dev/null 2>&1 ;;
    *)
      [[ "$(curl -s -m 3 "http://127.0.0.1:${PORT[$1]}/status/health" 2>/dev/null)" == true ]] ;;
  esac
}
