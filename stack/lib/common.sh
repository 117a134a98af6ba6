# shellcheck shell=bash
# shellcheck disable=SC2034  # variables are used by the scripts that source this file
# Shared settings and helpers for stack/*.sh (sourced, not executed).
# Layout:
#   stack/target/{kafka-lib,druid-lib}   flat runtime classpaths resolved by stack/resolve.sh
#   stack/target/kafka-tools             compiled stack/kafka/src/*.java helpers
#   stack/var/{conf,data,log,pids,tmp}   rendered configs, data, logs, pid files (gitignored)

STACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="$STACK_DIR/target"
# STACK_VAR_DIR / STACK_KAFKA_PORT let a test run a second, private Kafka (flink/test.sh).
VAR_DIR="${STACK_VAR_DIR:-$STACK_DIR/var}"
CONF_OUT="$VAR_DIR/conf"
DATA_DIR="$VAR_DIR/data"
LOG_DIR="$VAR_DIR/log"
PID_DIR="$VAR_DIR/pids"
TMP_DIR="$VAR_DIR/tmp"

KAFKA_LIB="$TARGET_DIR/kafka-lib"
DRUID_LIB="$TARGET_DIR/druid-lib"
KAFKA_TOOLS="$TARGET_DIR/kafka-tools"

KAFKA_PORT="${STACK_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="$((KAFKA_PORT + 1))"
KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
ROUTER_URL="http://127.0.0.1:8888"
OVERLORD_URL="http://127.0.0.1:8081"   # coordinator runs the overlord too

# Start order; down.sh stops in reverse. flink (the SQL jobs, flink/) has no port of its own.
ALL_SERVICES=(zookeeper kafka coordinator broker historical indexer router)
REPO_DIR="$(dirname "$STACK_DIR")"
FLINK_SQL_JOBS=("$REPO_DIR/flink/sql/enrich.sql" "$REPO_DIR/flink/sql/alerts.sql")

# Which parts up.sh starts (and resolve.sh resolves): any of kafka druid flink.
#   STACK_SERVICES=kafka bash stack/up.sh     Kafka only (topics included), e.g. for flink/test.sh
STACK_SERVICES="${STACK_SERVICES:-kafka druid flink}"
want() { [[ " $STACK_SERVICES " == *" $1 "* ]]; }

# Service -> port used for the "is it already taken" check and readiness probes.
# (Also: Kafka controller 9093, Derby 1527 inside the coordinator.)
declare -A PORT=([zookeeper]=2181 [kafka]=$KAFKA_PORT [coordinator]=8081 [broker]=8082
                 [historical]=8083 [indexer]=8091 [router]=8888 [flink]=)

# Java 17 by default (Druid 33 and Kafka 4.x both run on it); override with STACK_JAVA_HOME.
if [[ -n "${STACK_JAVA_HOME:-}" ]]; then
  JAVA="$STACK_JAVA_HOME/bin/java"
elif [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then
  JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
else
  JAVA="$(command -v java)"
fi
JAVAC="$(dirname "$(readlink -f "$JAVA")")/javac"

log()  { printf '[stack %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die()  { printf '[stack %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# Every JVM we start carries -Dpulseboard.stack=<name> so pid files are only
# trusted (and only killed) when /proc/<pid>/cmdline still shows that marker.
stack_marker() { printf -- '-Dpulseboard.stack=%s' "$1"; }

# Prints the pid of a running service we started, or nothing.
service_pid() {
  local name="$1" f="$PID_DIR/$1.pid" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 0
  local cmd; cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  if [[ "$cmd" == *"$(stack_marker "$name") "* ]]; then
    echo "$pid"
  fi
}

# Is something listening on 127.0.0.1:<port>? (bash /dev/tcp, no extra tools)
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Last lines of a service log, for error messages.
log_tail() {
  local f="$LOG_DIR/$1.log"
  if [[ -f "$f" ]]; then
    echo "----- last 40 lines of $f -----" >&2
    tail -n 40 "$f" | cut -c1-400 >&2
    echo "-----" >&2
  fi
}

# rel <path>: path relative to stack/, for messages.
rel() { printf '%s' "${1#"$STACK_DIR"/}"; }

now_ms() { date +%s%3N; }
secs_since() { awk -v a="$1" -v b="$(now_ms)" 'BEGIN{printf "%.1f", (b-a)/1000}'; }
