# shellcheck shell=bash
# The app pair (sourced, not executed): Redis (Debian's redis-server), PostgreSQL 15 (Debian's
# binaries) as the app-state database, two instances of the production build on the Druid engine
# sharing both and one PULSE_SECRET, and HAProxy (Debian's) in front, health-checking readiness.
#   app_up <druid broker url> [kafka bootstrap]   build once if sources changed, start all, wait
#                               until ready; with Kafka, each instance also runs the alert notifier
#                               (KAFKA_BROKERS) and may deliver to loopback webhooks (a test's receiver)
#   app_down [--wipe]           stop all
#   app_kill9 <node> / app_restart <node> / app_ready <node> / app_wait_ready <node> [s]
#   app_pid <node> / app_rss_mib <node>
# Nodes: redis postgres app1 app2 haproxy. Public address: $APP_URL (HAProxy).
# Env: CLUSTER_APP_PORT_BASE (4220: +0 Redis, +1 PostgreSQL, +10 HAProxy, +11 its stats page,
#      +20/+21 the apps, +30/+31 their metrics listeners), CLUSTER_VAR_DIR (cluster/var).

source "$(dirname "${BASH_SOURCE[0]}")/../lib/proc.sh"   # proc_spawn, proc_pid, proc_kill9, proc_stop, proc_wait

APP_REPO="$(cd "$CLUSTER_DIR/.." && pwd)"
APP_VAR="$(proc_dir app)"
APP_BASE="${CLUSTER_APP_PORT_BASE:-4220}"
APP_NODES=(redis postgres app1 app2 haproxy)
declare -A APP_PORT=([redis]=$APP_BASE [postgres]=$((APP_BASE + 1)) [haproxy]=$((APP_BASE + 10))
                     [app1]=$((APP_BASE + 20)) [app2]=$((APP_BASE + 21)))
APP_URL="http://127.0.0.1:${APP_PORT[haproxy]}"
APP_PG_BIN=/usr/lib/postgresql/15/bin
APP_DATABASE_URL="postgres://pulse@127.0.0.1:${APP_PORT[postgres]}/postgres"

alog() { printf '[app %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# What /proc/<pid>/cmdline must hold for a pid file to be trusted (each process names its own).
app_marker() {
  case "$1" in
    redis) echo "redis-server 127.0.0.1:${APP_PORT[redis]}" ;;
    postgres) echo "postgres -D $APP_VAR/pg" ;;
    haproxy) echo "haproxy -f $APP_VAR/haproxy.cfg" ;;
    *) echo "scripts/start.mjs pulseboard-cluster-$1" ;;
  esac
}

app_pid() { proc_pid app "$1"; }
app_rss_mib() { proc_rss_mib app "$1"; }

# initdb and pg_ctl refuse root: as root, the cluster belongs to the postgres user (scripts/test-postgres.sh).
app_as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The instance's environment: the Druid engine, the shared Redis and database, one secret.
app_env() {
  local node="$1" n="${1#app}"
  printf '%s\n' "PORT=${APP_PORT[$node]}" "PULSE_METRICS_PORT=$((APP_BASE + 29 + n))" \
    PULSE_ENGINE=druid "PULSE_DRUID_URL=$(cat "$APP_VAR/druid-url")" "PULSE_SECRET=$(cat "$APP_VAR/secret")" \
    "PULSE_REDIS_URL=redis://127.0.0.1:${APP_PORT[redis]}" "PULSE_DATABASE_URL=$APP_DATABASE_URL" \
    PULSE_DEMO_USERS=on "PULSE_DATA_DIR=$APP_VAR/$node" PULSE_TRUSTED_PROXIES=127.0.0.1 \
    "PULSE_PUBLIC_URL=$APP_URL" PULSE_DRAIN_MS=3000 PULSE_LOG_LEVEL=warn NODE_ENV=production
  if [[ -s "$APP_VAR/kafka" ]]; then printf '%s\n' "KAFKA_BROKERS=$(cat "$APP_VAR/kafka")" PULSE_WEBHOOKS_ALLOW_PRIVATE=on; fi
}

app_start() {
  local node="$1" env=()
  if [[ -n "$(app_pid "$node")" ]]; then alog "$node: already running"; return 0; fi
  if proc_port_taken "${APP_PORT[$node]}"; then
    alog "$node: port ${APP_PORT[$node]} is taken by a process we did not start" >&2; return 1
  fi
  mkdir -p "$APP_VAR"/{log,pids}
  case "$node" in
    redis)
      proc_spawn app redis "$(app_marker redis)" redis-server --port "${APP_PORT[redis]}" --bind 127.0.0.1 --save '' --appendonly no ;;
    postgres) # pg_ctl starts it (and waits): its postmaster.pid names the server process
      if [[ ! -f "$APP_VAR/pg/PG_VERSION" ]]; then
        mkdir -p "$APP_VAR/pg"; [[ $(id -u) -eq 0 ]] && chown postgres "$APP_VAR/pg"
        app_as_pg "$APP_PG_BIN/initdb" -D "$APP_VAR/pg" -A trust -U pulse >"$APP_VAR/log/initdb.log" 2>&1 || return 1
      fi
      local out="$APP_VAR/log/postgres.log"
      touch "$out"; [[ $(id -u) -eq 0 ]] && chown postgres "$out"
      app_as_pg "$APP_PG_BIN/pg_ctl" -D "$APP_VAR/pg" -l "$out" \
        -o "-p ${APP_PORT[postgres]} -k $APP_VAR/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null || return 1
      proc_adopt app postgres "$(head -n 1 "$APP_VAR/pg/postmaster.pid")" "$(app_marker postgres)" ;;
    haproxy)
      proc_spawn app haproxy "$(app_marker haproxy)" haproxy -f "$APP_VAR/haproxy.cfg" -db ;;
    *)
      mapfile -t env < <(app_env "$node")
      PROC_CWD="$APP_REPO" proc_spawn app "$node" "$(app_marker "$node")" env "${env[@]}" node scripts/start.mjs "pulseboard-cluster-$node" ;;
  esac
}

# app_ready <node>: one probe. An app instance is ready when its readiness endpoint says 200.
app_ready() {
  case "$1" in
    redis) [[ "$(redis-cli -p "${APP_PORT[redis]}" ping 2>/dev/null)" == PONG ]] ;;
    postgres) app_as_pg "$APP_PG_BIN/pg_isready" -q -U pulse -d postgres -h 127.0.0.1 -p "${APP_PORT[postgres]}" ;;
    haproxy) curl -sf -m 3 -o /dev/null "http://127.0.0.1:$((APP_BASE + 11))/" ;;
    *) curl -sf -m 5 -o /dev/null "http://127.0.0.1:${APP_PORT[$1]}/api/health/ready" ;;
  esac
}

app_wait_ready() { proc_wait app "$1" "${2:-180}" app_ready "$1"; }

app_kill9() {
  [[ -n "$(app_pid "$1")" ]] || { alog "$1: not running" >&2; return 1; }
  # An app instance runs as `node scripts/start.mjs`; kill -9 hits exactly that process.
  proc_kill9 app "$1"
}

app_stop() {
  [[ -n "$(app_pid "$1")" ]] || return 0
  if [[ "$1" == postgres ]]; then app_as_pg "$APP_PG_BIN/pg_ctl" -D "$APP_VAR/pg" -m fast stop >/dev/null; return 0; fi
  proc_stop app "$1" 30
}

app_restart() {
  app_stop "$1"
  app_start "$1"
}

# The production build, once: only when the sources are newer than it (scripts/start.mjs would
# otherwise build in each instance at once).
app_build() {
  local stamp="$APP_REPO/.next/BUILD_ID"
  if [[ -f "$stamp" ]] && [[ -z "$(cd "$APP_REPO" && find app components lib public instrumentation.ts proxy.ts next.config.js package.json tsconfig.json -newer "$stamp" -print -quit)" ]]; then
    return 0
  fi
  alog "building the app (npx next build)"
  (cd "$APP_REPO" && npx next build >"$APP_VAR/log/build.log" 2>&1) || { tail -n 30 "$APP_VAR/log/build.log" >&2; return 1; }
}

app_render_haproxy() {
  local servers="" n
  for n in app1 app2; do servers+="  server $n 127.0.0.1:${APP_PORT[$n]} check"$'\n'; done
  sed -e "s#@VAR@#$APP_VAR#g" -e "s#@PORT@#${APP_PORT[haproxy]}#g" -e "s#@STATS_PORT@#$((APP_BASE + 11))#g" \
    "$APP_REPO/cluster/app/haproxy.cfg" | awk -v s="${servers%$'\n'}" '{ if ($0 == "@SERVERS@") print s; else print }' >"$APP_VAR/haproxy.cfg"
  haproxy -c -q -f "$APP_VAR/haproxy.cfg"
}

app_up() {
  local druid="${1:?app_up <druid broker url> [kafka bootstrap]}" t0=$SECONDS node
  bash "$APP_REPO/scripts/ensure-debian-package.sh" redis-server /usr/bin/redis-server
  bash "$APP_REPO/scripts/ensure-debian-package.sh" postgresql "$APP_PG_BIN/postgres"
  bash "$APP_REPO/scripts/ensure-debian-package.sh" haproxy /usr/sbin/haproxy
  mkdir -p "$APP_VAR"/{log,pids}
  echo "$druid" >"$APP_VAR/druid-url"
  printf '%s' "${2:-}" >"$APP_VAR/kafka"
  [[ -s "$APP_VAR/secret" ]] || openssl rand -base64 48 | tr -d '\n' >"$APP_VAR/secret"
  app_build || return 1
  app_render_haproxy || return 1
  for node in redis postgres; do app_start "$node" || return 1; done
  for node in redis postgres; do app_wait_ready "$node" 60 || return 1; done
  # One at a time: the first runs the app-state migrations (under an advisory lock anyway).
  for node in app1 app2; do app_start "$node" && app_wait_ready "$node" || return 1; done
  app_start haproxy && app_wait_ready haproxy 30 || return 1
  alog "up in $((SECONDS - t0)) s: $APP_URL (HAProxy) -> app1 :${APP_PORT[app1]}, app2 :${APP_PORT[app2]} on Druid $druid"
}

app_down() {
  local k
  for ((k = ${#APP_NODES[@]} - 1; k >= 0; k--)); do app_stop "${APP_NODES[$k]}"; done
  rm -f "$APP_VAR"/pids/*
  if [[ "${1:-}" == --wipe ]]; then rm -rf "$APP_VAR"; fi
}
