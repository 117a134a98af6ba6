#!/usr/bin/env bash
# Run the Flink SQL job runner in the foreground (dev/CI): bash flink/run.sh [runner options] job.sql...
# Options: see dev.pulseboard.flink.SqlRunner (--bootstrap, --rules, --checkpoints, --fresh,
# --remote host:port, --set k=v). Env PULSEBOARD_MARKER names the -Dpulseboard.stack marker.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$FLINK_DIR/build.sh" >&2
exec "$JAVA" "-Dpulseboard.stack=${PULSEBOARD_MARKER:-flink-run}" "${FLINK_RUNNER[@]}" "$@"
