#!/usr/bin/env bash
# Show each stack service: pid, RSS, readiness. Exit 0 only if all are ready.
#   bash stack/status.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$STACK_DIR/lib/services.sh"

bad=0
printf '%-12s %-8s %-8s %s\n' SERVICE PID RSS STATE
for s in "${ALL_SERVICES[@]}"; do
  pid="$(service_pid "$s")"
  if [[ -z "$pid" ]]; then
    printf '%-12s %-8s %-8s %s\n' "$s" - - stopped; bad=1; continue
  fi
  rss="$(( $(ps -o rss= -p "$pid") / 1024 ))M"
  if is_ready "$s"; then state=ready; else state="NOT ready"; bad=1; fi
  printf '%-12s %-8s %-8s %s\n' "$s" "$pid" "$rss" "$state"
done
exit "$bad"
