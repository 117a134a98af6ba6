# shellcheck shell=bash
# Flink standalone session cluster on loopback, sourced by cluster/flink/test.sh and the
# cluster integration. One JobManager (jm) and two TaskManagers (tm1, tm2), separate JVMs on the
# Maven artifacts of flink/target/lib (flink-runtime holds StandaloneSessionClusterEntrypoint and
# TaskManagerRunner; there is no flink-dist on Maven Central), plus the job submitter (submitter):
# flink/ SqlRunner --remote, which submits enrich.sql and alerts.sql and stays to watch them.
#   flink_up <bootstrap>      start jm, tm1, tm2, wait until 4 slots are registered, submit the jobs
#   flink_down                stop the submitter, the TaskManagers, the JobManager
#   flink_kill9 <node>        SIGKILL jm | tm1 | tm2 | submitter
#   flink_restart <node>      start it again and wait until ready; after jm, the jobs are
#                             resubmitted from their newest retained checkpoints (see README)
#   flink_ready <node>        one probe: jm answers REST, a TM is registered, the jobs RUNNING
#   flink_jobs_running        one probe: both jobs RUNNING (REST /jobs/overview)
# Ports: JobManager RPC 4120, REST 4121, blob 4122; TaskManager RPC 4131/4132, data 4141/4142;
# metric query services 4150-4159. State: cluster/var/flink/{conf,checkpoints,log,pids}.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/jvm.sh"
source "$REPO_DIR/flink/lib.sh"   # FLINK_JAVA_MODULE_FLAGS, FLINK_RUNNER (the SqlRunner command)

FLINK_VAR="$(proc_dir flink)"
FLINK_CONF="$FLINK_VAR/conf"
FLINK_CHECKPOINTS="$FLINK_VAR/checkpoints"
FLINK_REST_PORT=4121
FLINK_REST="http://127.0.0.1:$FLINK_REST_PORT"
declare -A FLINK_TM_PORTS=([tm1]="4131 4141" [tm2]="4132 4142")
FLINK_JOBS=("$REPO_DIR/flink/sql/enrich.sql" "$REPO_DIR/flink/sql/alerts.sql")
# The cluster's classpath: Flink itself (with cep and json, whose classes the table runtime's
# operators load parent-first), as a distribution's lib/ has it, without the Kafka connector and
# kafka-clients: the submitter ships those with each job (SqlRunner.connectorJars). Were they on
# both, kafka-clients would load child-first from the job's jar under a parent-loaded connector
# and the job fail with a ClassCastException (OffsetResetStrategy).
flink_classpath() {
  local jar cp=""
  for jar in "$FLINK_DIR"/target/lib/*.jar; do
    [[ "$(basename "$jar")" =~ ^(flink-connector-kafka-|kafka-clients-) ]] || cp+="$jar:"
  done
  printf '%s' "${cp%:}"
}

flink_render() {
  mkdir -p "$FLINK_CONF" "$FLINK_CHECKPOINTS" "$FLINK_VAR/log"
  sed -e "s#@JM_RPC_PORT@#4120#" -e "s#@REST_PORT@#$FLINK_REST_PORT#" -e "s#@BLOB_PORT@#4122#" \
      -e "s#@QUERY_PORTS@#4150-4159#" -e "s#@CHECKPOINTS@#$FLINK_CHECKPOINTS#" \
      "$CLUSTER_DIR/flink/config.yaml" >"$FLINK_CONF/config.yaml"
  cp "$FLINK_DIR/conf/log4j2.xml" "$FLINK_CONF/log4j2.xml"
}

# flink_memory_params <GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS> [-D k=v...]: what Flink's
# own start scripts do (config.sh): BashJavaUtils derives the JVM flags (line 1) and the
# resolved memory options (line 2) from the configured process size.
flink_memory_params() {
  local cmd="$1"; shift
  "$JAVA" -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$FLINK_CONF/log4j2.xml" \
    -cp "$(cat "$FLINK_VAR/classpath")" org.apache.flink.runtime.util.bash.BashJavaUtils "$cmd" --configDir "$FLINK_CONF" "$@" \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

flink_start() {
  local node="$1" params jvm dyn
  case "$node" in
    jm)
      port_open "$FLINK_REST_PORT" && { cdie "flink: port $FLINK_REST_PORT is taken by a process we did not start"; return 1; }
      mapfile -t params < <(flink_memory_params GET_JM_RESOURCE_PARAMS)
      read -ra jvm <<<"${params[0]}"; read -ra dyn <<<"${params[1]:-}"
      proc_launch flink jm "${jvm[@]}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError "${FLINK_JAVA_MODULE_FLAGS[@]}" \
        -Dlog4j2.configurationFile="$FLINK_CONF/log4j2.xml" -cp "$(cat "$FLINK_VAR/classpath")" \
        org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$FLINK_CONF" "${dyn[@]}" ;;
    tm1|tm2)
      local ports; read -ra ports <<<"${FLINK_TM_PORTS[$node]}"
      local own=(-D "taskmanager.resource-id=$node" -D "taskmanager.rpc.port=${ports[0]}" -D "taskmanager.data.port=${ports[1]}")
      mapfile -t params < <(flink_memory_params GET_TM_RESOURCE_PARAMS "${own[@]}")
      read -ra jvm <<<"${params[0]}"; read -ra dyn <<<"${params[1]:-}"
      proc_launch flink "$node" "${jvm[@]}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError "${FLINK_JAVA_MODULE_FLAGS[@]}" \
        -Dlog4j2.configurationFile="$FLINK_CONF/log4j2.xml" -cp "$(cat "$FLINK_VAR/classpath")" \
        org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$FLINK_CONF" "${own[@]}" "${dyn[@]}" ;;
    submitter) # resumes each job from its newest retained checkpoint (SqlRunner), else starts it fresh
      proc_launch flink submitter "${FLINK_RUNNER[@]/#-Xmx1g/-Xmx384m}" --remote "127.0.0.1:$FLINK_REST_PORT" \
        --bootstrap "$(cat "$FLINK_VAR/bootstrap")" --rules "$REPO_DIR/config/alert-rules.json" --checkpoints "$FLINK_CHECKPOINTS" \
        "${FLINK_JOBS[@]}" ;;
    *) cdie "flink: unknown node $node"; return 1 ;;
  esac
}

flink_rest() { curl -sf -m 3 "$FLINK_REST$1"; }

# The TaskManager <id> is registered with the ResourceManager.
flink_tm_registered() { flink_rest /taskmanagers | grep -q "\"id\":\"$1\""; }

flink_jobs_running() {
  local overview; overview="$(flink_rest /jobs/overview)" || return 1
  local job
  for job in "${FLINK_JOBS[@]}"; do
    job="$(basename "$job" .sql)"
    grep -Eq "\"name\":\"pulseboard-$job\",[^}]*\"state\":\"RUNNING\"" <<<"$overview" || return 1
  done
}

flink_ready() {
  case "$1" in
    jm) flink_rest /overview >/dev/null ;;
    tm1|tm2) flink_tm_registered "$1" ;;
    submitter) flink_jobs_running ;;
  esac
}

flink_wait() { proc_wait flink "$1" "${2:-240}" flink_ready "$1"; }

# flink_up <kafka bootstrap>
flink_up() {
  local t0 n; t0="$(now_ms)"
  bash "$FLINK_DIR/build.sh" >/dev/null
  flink_render
  flink_classpath >"$FLINK_VAR/classpath"
  echo "$1" >"$FLINK_VAR/bootstrap"   # for a later flink_restart jm (another shell)
  for n in jm tm1 tm2; do [[ -n "$(proc_pid flink "$n")" ]] || flink_start "$n" || return 1; done
  for n in jm tm1 tm2; do flink_wait "$n" || return 1; done
  clog "flink: JobManager + 2 TaskManagers up in $(secs_since "$t0")s (REST $FLINK_REST)"
  [[ -n "$(proc_pid flink submitter)" ]] || flink_start submitter || return 1
  flink_wait submitter 300 || return 1
  clog "flink: jobs RUNNING after $(secs_since "$t0")s"
}

flink_down() {
  local n
  for n in submitter tm2 tm1 jm; do proc_stop flink "$n" 20; done
}

flink_kill9() { proc_kill9 flink "$1"; }

# flink_restart <node>. Without ZooKeeper/Kubernetes HA a new JobManager knows no jobs: the
# submitter (which exits once its JobManager is gone) is started again after it and resubmits
# each job from its newest retained checkpoint: offsets and the Kafka sink's pending transactions
# come back from there, so the output neither loses nor repeats records.
flink_restart() {
  local node="$1"
  [[ -n "$(proc_pid flink "$node")" ]] || flink_start "$node" || return 1
  flink_wait "$node" || return 1
  if [[ "$node" == jm ]]; then
    proc_kill9 flink submitter
    flink_start submitter || return 1
    flink_wait submitter 300
  fi
}

# flink_job_tms <job>: the TaskManager ids running the job's tasks (REST), one a line.
flink_job_tms() {
  local jid vid
  jid="$(flink_rest /jobs/overview | grep -o "\"jid\":\"[0-9a-f]*\",\"name\":\"pulseboard-$1\",[^}]*\"state\":\"RUNNING\"" | head -n 1 | cut -d'"' -f4)"
  [[ -n "$jid" ]] || return 1
  for vid in $(flink_rest "/jobs/$jid" | grep -o '"vertices":\[.*' | grep -o '"id":"[0-9a-f]\{32\}"' | cut -d'"' -f4 | sort -u); do
    flink_rest "/jobs/$jid/vertices/$vid/taskmanagers" | grep -o '"taskmanager-id":"[^"]*"' | cut -d'"' -f4
  done | sort -u
}
