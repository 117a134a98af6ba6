# shellcheck shell=bash
# JVM nodes on top of cluster/lib/proc.sh: every JVM is marked -Dpulseboard.stack=cluster-<part>-<node>
# (the stack's convention, stack/lib/common.sh), which is also its pid file's marker.
# Sourced by the Kafka, Flink and Druid parts; it sources stack/lib/common.sh and
# stack/lib/services.sh for JAVA, the marker, port_open, now_ms, secs_since and kafka_tool.
source "$(dirname "${BASH_SOURCE[0]}")/proc.sh"
# shellcheck source=../../stack/lib/common.sh
source "$CLUSTER_DIR/../stack/lib/common.sh"
# shellcheck source=../../stack/lib/services.sh
source "$STACK_DIR/lib/services.sh"

proc_marker_name() { printf 'cluster-%s-%s' "$1" "$2"; }

# proc_launch <part> <node> <java args...>: one marked JVM (proc_spawn).
proc_launch() {
  local part="$1" node="$2"; shift 2
  local marker; marker="$(stack_marker "$(proc_marker_name "$part" "$node")")"
  proc_spawn "$part" "$node" "$marker " "$JAVA" "$marker" "$@"
}

# proc_heap_mib <part> <node>: "used/committed" Java heap in MiB (jcmd GC.heap_info).
proc_heap_mib() {
  local pid; pid="$(proc_pid "$1" "$2")"
  [[ -n "$pid" ]] || return 0
  "$(dirname "$(readlink -f "$JAVA")")/jcmd" "$pid" GC.heap_info 2>/dev/null \
    | awk '/heap +total/ { for (i = 1; i <= NF; i++) { if ($i == "total") t = $(i + 1); if ($i == "used") u = $(i + 1) }
             gsub(/[K,]/, "", t); gsub(/[K,]/, "", u); printf "%d/%d\n", u / 1024, t / 1024; exit }'
}
