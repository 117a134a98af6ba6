# shellcheck shell=bash
# Process helpers shared by the cluster parts (cluster/<part>/lib.sh sources this file).
# Every process is a marked JVM (-Dpulseboard.stack=cluster-<part>-<node>, the stack's
# convention, stack/lib/common.sh): its pid file under cluster/var/<part>/pids is trusted, and
# only ever killed, while /proc/<pid>/cmdline still carries that marker.
# Layout: cluster/var/<part>/{conf,data,log,pids}.

CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER_VAR="${CLUSTER_VAR_DIR:-$CLUSTER_DIR/var}"
# JAVA, stack_marker, port_open, now_ms, secs_since; kafka_tool (the Kafka classpath + helper).
# shellcheck source=../../stack/lib/common.sh
source "$CLUSTER_DIR/../stack/lib/common.sh"
# shellcheck source=../../stack/lib/services.sh
source "$STACK_DIR/lib/services.sh"

clog() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
cdie() { printf '[cluster %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; return 1; }

proc_dir() { printf '%s/%s' "$CLUSTER_VAR" "$1"; }
proc_log() { printf '%s/log/%s.log' "$(proc_dir "$1")" "$2"; }
proc_marker_name() { printf 'cluster-%s-%s' "$1" "$2"; }

# proc_pid <part> <node>: the pid of that node if it runs (marker checked), else nothing.
proc_pid() {
  local f pid cmd
  f="$(proc_dir "$1")/pids/$2.pid"
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 0
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmd" == *"$(stack_marker "$(proc_marker_name "$1" "$2")") "* ]] && echo "$pid"
  return 0
}

# proc_launch <part> <node> <java args...>: start one marked JVM in the background; stdout and
# stderr appended to log/<node>.log (a restart keeps the killed run's lines above it).
proc_launch() {
  local part="$1" node="$2"; shift 2
  local dir; dir="$(proc_dir "$part")"
  mkdir -p "$dir/log" "$dir/pids"
  [[ -z "$(proc_pid "$part" "$node")" ]] || { cdie "$part/$node is already running"; return 1; }
  printf '===== %s start =====\n' "$(date -u +%FT%TZ)" >>"$dir/log/$node.log"
  (
    cd "$dir" || exit 1
    nohup "$JAVA" "$(stack_marker "$(proc_marker_name "$part" "$node")")" "$@" >>"$dir/log/$node.log" 2>&1 </dev/null &
    echo $! >"$dir/pids/$node.pid"
  )
}

# proc_kill9 <part> <node>: SIGKILL (no shutdown hook) and wait until the process is gone.
proc_kill9() {
  local pid i
  pid="$(proc_pid "$1" "$2")"
  [[ -n "$pid" ]] || return 0
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
}

# proc_stop <part> <node> [grace seconds]: TERM, then KILL after the grace period.
proc_stop() {
  local pid i grace="${3:-20}"
  pid="$(proc_pid "$1" "$2")"
  [[ -n "$pid" ]] || { rm -f "$(proc_dir "$1")/pids/$2.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 4; i++)); do [[ -n "$(proc_pid "$1" "$2")" ]] || break; sleep 0.25; done
  [[ -z "$(proc_pid "$1" "$2")" ]] || proc_kill9 "$1" "$2"
  rm -f "$(proc_dir "$1")/pids/$2.pid"
}

proc_tail() {
  local f; f="$(proc_log "$1" "$2")"
  [[ -f "$f" ]] || return 0
  { echo "----- last ${3:-40} lines of $f -----"; tail -n "${3:-40}" "$f" | cut -c1-400; echo "-----"; } >&2
}

# proc_wait <part> <node> <seconds> <probe...>: poll the probe (a command) every 0.5 s until it
# succeeds. Fails, with the node's log tail, when the deadline passes or the process exits.
proc_wait() {
  local part="$1" node="$2" secs="$3"; shift 3
  local deadline=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    if [[ -z "$(proc_pid "$part" "$node")" ]]; then
      proc_tail "$part" "$node"; cdie "$part/$node exited while waiting for: $*"; return 1
    fi
    if (( $(date +%s) >= deadline )); then
      proc_tail "$part" "$node"; cdie "$part/$node not ready after ${secs}s (probe: $*)"; return 1
    fi
    sleep 0.5
  done
}

# proc_rss_mib <part> <node>: resident set size in MiB.
proc_rss_mib() {
  local pid; pid="$(proc_pid "$1" "$2")"
  [[ -n "$pid" ]] && awk '/^VmRSS:/ {printf "%d\n", $2 / 1024}' "/proc/$pid/status"
}

# proc_heap_mib <part> <node>: "used/committed" Java heap in MiB (jcmd GC.heap_info).
proc_heap_mib() {
  local pid; pid="$(proc_pid "$1" "$2")"
  [[ -n "$pid" ]] || return 0
  "$(dirname "$(readlink -f "$JAVA")")/jcmd" "$pid" GC.heap_info 2>/dev/null \
    | awk '/heap +total/ { for (i = 1; i <= NF; i++) { if ($i == "total") t = $(i + 1); if ($i == "used") u = $(i + 1) }
             gsub(/[K,]/, "", t); gsub(/[K,]/, "", u); printf "%d/%d\n", u / 1024, t / 1024; exit }'
}
