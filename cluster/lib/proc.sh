# shellcheck shell=bash
# Process helpers shared by the cluster parts, for any process (JVMs: cluster/lib/jvm.sh adds
# the launch of a marked JVM on top). Each node has a pid file and a marker file under
# cluster/var/<part>/pids: the pid is trusted, and only ever killed, while /proc/<pid>/cmdline
# still holds the marker (a text of the node's own command line), so a recycled pid never is.
# Layout: cluster/var/<part>/{conf,data,log,pids}.

CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER_VAR="${CLUSTER_VAR_DIR:-$CLUSTER_DIR/var}"

clog() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
cdie() { printf '[cluster %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; return 1; }

proc_dir() { printf '%s/%s' "$CLUSTER_VAR" "$1"; }
proc_log() { printf '%s/log/%s.log' "$(proc_dir "$1")" "$2"; }
proc_port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# proc_pid <part> <node>: the pid of that node if it runs (marker checked), else nothing.
proc_pid() {
  local d pid cmd marker
  d="$(proc_dir "$1")/pids"
  [[ -f "$d/$2.pid" && -f "$d/$2.marker" ]] || return 0
  pid="$(cat "$d/$2.pid")"; marker="$(cat "$d/$2.marker")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 0
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ -n "$marker" && "$cmd" == *"$marker"* ]] && echo "$pid"
  return 0
}

# proc_adopt <part> <node> <pid> <marker>: record a process started by its own tool (pg_ctl).
proc_adopt() {
  local d; d="$(proc_dir "$1")/pids"
  mkdir -p "$d"
  echo "$3" >"$d/$2.pid"; printf '%s' "$4" >"$d/$2.marker"
}

# proc_spawn <part> <node> <marker> <command...>: start one process in the background, in
# PROC_CWD (default the part's directory); stdout and stderr appended to log/<node>.log (a
# restart keeps the killed run's lines above it).
proc_spawn() {
  local part="$1" node="$2" marker="$3"; shift 3
  local dir; dir="$(proc_dir "$part")"
  mkdir -p "$dir/log" "$dir/pids"
  [[ -z "$(proc_pid "$part" "$node")" ]] || { cdie "$part/$node is already running"; return 1; }
  printf '===== %s start =====\n' "$(date -u +%FT%TZ)" >>"$dir/log/$node.log"
  (
    cd "${PROC_CWD:-$dir}" || exit 1
    # Its own session: a signal to the runner's process group (timeout, Ctrl-C) leaves the cluster to
    # the runner's cleanup, which stops every node in order, restarted ones included.
    setsid nohup "$@" >>"$dir/log/$node.log" 2>&1 </dev/null &
    proc_adopt "$part" "$node" $! "$marker"
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
