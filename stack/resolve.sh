#!/usr/bin/env bash
# Resolve Kafka and Druid from Maven Central into separate flat classpaths:
#   stack/target/kafka-lib/*.jar   (stack/kafka/pom.xml)
#   stack/target/druid-lib/*.jar   (stack/druid/pom.xml; also runs ZooKeeper)
# and compile the small Kafka admin helper (stack/kafka/src) into stack/target/kafka-tools.
# Skips anything already resolved for the current pom (marker holds the pom's checksum).
# Usage: bash stack/resolve.sh [--force]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1
mkdir -p "$TARGET_DIR" "$LOG_DIR"

# resolve_one <name>: copy the runtime dependencies of stack/<name>/pom.xml
resolve_one() {
  local name="$1" pom="$STACK_DIR/$1/pom.xml" out="$TARGET_DIR/$1-lib"
  local sum marker="$TARGET_DIR/$1-lib/.resolved" mlog="$LOG_DIR/maven-$1.log"
  sum="$(sha1sum "$pom" | cut -d' ' -f1)"
  if [[ $FORCE == 0 && -f "$marker" && "$(cat "$marker")" == "$sum" ]]; then
    log "$name: already resolved ($(find "$out" -name "*.jar" | wc -l) jars in $(rel "$out"))"
    return 0
  fi
  log "$name: resolving from Maven Central (full log: $(rel "$mlog")) ..."
  local t0 tmp n=0; t0="$(now_ms)"; tmp="$out.tmp"
  rm -rf "$tmp"
  # Batch mode prints one "Downloaded from" line per file; show a running count.
  mvn -B -f "$pom" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mlog" 2>&1 &
  local mpid=$!
  local i=0
  while kill -0 "$mpid" 2>/dev/null; do
    sleep 1; i=$((i + 1))
    if (( i % 5 == 0 )); then
      n="$(grep -c 'Downloaded from' "$mlog" || true)"
      log "$name: ... ${i}s, $n files downloaded so far"
    fi
  done
  if ! wait "$mpid"; then
    grep -E 'ERROR|FAIL' "$mlog" | head -n 20 >&2 || true
    die "$name: Maven resolution failed (see $mlog)"
  fi
  rm -rf "$out"; mv "$tmp" "$out"; echo "$sum" >"$marker"
  log "$name: $(find "$out" -name "*.jar" | wc -l) jars, $(du -sh "$out" | cut -f1) in $(secs_since "$t0")s"
}

# compile_tools: build stack/kafka/src/*.java against the Kafka classpath.
compile_tools() {
  local stamp="$KAFKA_TOOLS/.built"
  if [[ $FORCE == 0 && -f "$stamp" && -z "$(find "$STACK_DIR/kafka/src" -newer "$stamp" -name '*.java')" ]]; then
    return 0
  fi
  log "kafka-tools: compiling helper classes"
  rm -rf "$KAFKA_TOOLS"; mkdir -p "$KAFKA_TOOLS"
  "$JAVAC" -nowarn -d "$KAFKA_TOOLS" -cp "$KAFKA_LIB/*" "$STACK_DIR"/kafka/src/*.java
  touch "$stamp"
}

command -v mvn >/dev/null || die "mvn not found on PATH (Maven 3.8+ required)"
T0="$(now_ms)"
resolve_one kafka
if want druid; then resolve_one druid; fi
compile_tools
log "resolve done in $(secs_since "$T0")s"
