#!/usr/bin/env bash
# Resolve Flink 2.2.1 + the Kafka connector into flink/target/lib (Maven Central, once per pom
# change) and compile the launcher (flink/src/main/java) into flink/target/classes.
#   bash flink/build.sh
set -euo pipefail
FLINK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$FLINK_DIR/lib.sh"

LIB="$FLINK_DIR/target/lib" CLASSES="$FLINK_DIR/target/classes"
mkdir -p "$FLINK_DIR/target"
sum="$(sha1sum "$FLINK_DIR/pom.xml" | cut -d' ' -f1)"
if [[ ! -f "$LIB/.resolved" || "$(cat "$LIB/.resolved")" != "$sum" ]]; then
  flog "resolving Flink from Maven Central (log: flink/target/maven.log) ..."
  rm -rf "$LIB.tmp"
  mvn -B -f "$FLINK_DIR/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB.tmp" \
    >"$FLINK_DIR/target/maven.log" 2>&1 || { grep -E 'ERROR' "$FLINK_DIR/target/maven.log" | head -20 >&2; fdie "Maven resolution failed"; }
  rm -rf "$LIB"; mv "$LIB.tmp" "$LIB"; echo "$sum" >"$LIB/.resolved"
  flog "$(find "$LIB" -name '*.jar' | wc -l) jars in flink/target/lib"
fi
if [[ ! -f "$CLASSES/.built" || -n "$(find "$FLINK_DIR/src" -newer "$CLASSES/.built" -name '*.java')" ]]; then
  flog "compiling the launcher"
  rm -rf "$CLASSES"; mkdir -p "$CLASSES"
  "$JAVAC" --release 17 -nowarn -d "$CLASSES" -cp "$LIB/*" $(find "$FLINK_DIR/src/main/java" -name '*.java')
  touch "$CLASSES/.built"
fi
