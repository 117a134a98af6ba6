# shellcheck shell=bash
# Shared by flink/*.sh and stack/lib/services.sh (sourced): paths, how to run the job runner.

FLINK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$FLINK_DIR")"
JAVA="${JAVA:-${STACK_JAVA_HOME:+$STACK_JAVA_HOME/bin/java}}"
[[ -n "$JAVA" ]] || JAVA="$( [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]] && echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java || command -v java)"
JAVAC="$(dirname "$(readlink -f "$JAVA")")/javac"

# What Flink's distribution passes on Java 17 (env.java.opts.all in flink-dist config.yaml):
# Kryo, the planner's code generation and the network stack reflect into these packages.
FLINK_JAVA_MODULE_FLAGS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

# JVM options, classpath and main class of the job runner; callers prepend "$JAVA" and a
# -Dpulseboard.stack=<name> marker (the pid-file check of stack/lib/common.sh).
FLINK_RUNNER=(-Xms256m -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError
  "${FLINK_JAVA_MODULE_FLAGS[@]}"
  -Dlog4j2.configurationFile="$FLINK_DIR/conf/log4j2.xml"
  -cp "$FLINK_DIR/target/classes:$FLINK_DIR/target/lib/*" dev.pulseboard.flink.SqlRunner)

flog() { printf '[flink %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fdie() { printf '[flink %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }
