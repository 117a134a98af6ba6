#!/usr/bin/env bash
# Smoke test of the running stack (start it first: bash stack/up.sh):
# produce JSON events to the pulse.* topics with Kafka's ConsoleProducer, wait for the
# Druid supervisors to ingest them, and check the answers of Druid SQL via the router,
# including a query with dynamic parameters. Exits non-zero on any failure.
# Env: SMOKE_TENANT (default "smoke"; the tenant the test rows are written under),
#      SMOKE_TIMEOUT (seconds to wait for ingestion, default 180).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$STACK_DIR/lib/services.sh"

TENANT="${SMOKE_TENANT:-smoke}"
WAIT="${SMOKE_TIMEOUT:-180}"
RUN="r$(date +%s)"          # marks this run's rows
N=5                          # login events produced
FAILS=0

ok()   { log "ok   - $*"; }
fail() { log "FAIL - $*"; FAILS=$((FAILS + 1)); }

# sql <json body>: POST to the router's SQL endpoint; prints the body, fails on non-200.
sql() {
  local resp code
  resp="$(curl -s -m 30 -D "$TMP_DIR/smoke-headers" -w '\n%{http_code}' \
            -H 'Content-Type: application/json' -d "$1" "$ROUTER_URL/druid/v2/sql")"
  code="${resp##*$'\n'}"
  if [[ "$code" != 200 ]]; then
    echo "HTTP $code: ${resp%$'\n'*}" >&2
    return 1
  fi
  printf '%s' "${resp%$'\n'*}"
}

# produce <topic>: stdin lines -> Kafka (org.apache.kafka.tools.ConsoleProducer)
produce() {
  kafka_tool org.apache.kafka.tools.ConsoleProducer \
    --bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$1"
}

# wait_sql <json body> <expected body>: poll until the answer equals the expectation.
wait_sql() {
  local got="" end=$(( $(date +%s) + WAIT ))
  while (( $(date +%s) < end )); do
    got="$(sql "$1" 2>/dev/null || true)"
    [[ "$got" == "$2" ]] && { printf '%s' "$got"; return 0; }
    sleep 2
  done
  printf '%s' "$got"; return 1
}

mkdir -p "$TMP_DIR"
[[ "$(curl -s -m 5 "$ROUTER_URL/status/health")" == true ]] \
  || die "Druid router is not up at $ROUTER_URL; run: bash stack/up.sh"

# 1. Events, ts = now (epoch ms). Logins: N rows, users ${RUN}-u0..u2 (3 distinct).
now="$(now_ms)"
log "producing $N events to pulse.logins (tenant $TENANT, run $RUN) + 1 to each other datasource topic"
for i in $(seq 0 $((N - 1))); do
  printf '{"ts":%d,"tenant":"%s","user":"%s-u%d","country":"DE","method":"password","result":"%s"}\n' \
    "$((now + i))" "$TENANT" "$RUN" $((i % 3)) "$([[ $i == 0 ]] && echo failure || echo success)"
done | produce pulse.logins
printf '{"ts":%d,"tenant":"%s","cluster":"%s","broker":"b1","topic":"orders","client":"c1","bytes_in":100,"bytes_out":200,"messages_in":3,"request_latency_ms":7,"consumer_lag":42,"errors":0,"under_replicated":1}\n' \
  "$now" "$TENANT" "$RUN" | produce pulse.cluster_metrics
printf '{"ts":%d,"tenant":"%s","sensor_id":"%s","location":"lab","temperature_c":21.5,"temperature_f":70.7}\n' \
  "$now" "$TENANT" "$RUN" | produce pulse.sensor_readings
printf '{"ts":%d,"tenant":"%s","rule":"%s","severity":"high","window_start":%d,"window_end":%d,"value":9.5,"threshold":5,"message":"smoke test"}\n' \
  "$now" "$TENANT" "$RUN" "$((now - 60000))" "$now" | produce pulse.alerts

# 2. Ingestion of this run's login rows (rollup: COUNT(*) = rolled-up rows, SUM(count) = events)
q="{\"query\":\"SELECT SUM(\\\"count\\\") FROM logins WHERE \\\"user\\\" LIKE '${RUN}-%'\",\"resultFormat\":\"array\"}"
t0="$(now_ms)"
if got="$(wait_sql "$q" "[[$N]]")"; then
  ok "logins: $N events of this run ingested and queryable after $(secs_since "$t0")s"
else
  fail "logins: expected [[$N]] events of run $RUN, got '$got'"
fi

# 3. The totals query from the brief
if got="$(sql '{"query":"SELECT COUNT(*), SUM(\"count\") FROM logins","resultFormat":"array"}')" &&
   [[ "$got" =~ ^\[\[([0-9]+),([0-9]+)\]\]$ ]] && (( BASH_REMATCH[2] >= N )); then
  ok "logins totals: rows=${BASH_REMATCH[1]} events=${BASH_REMATCH[2]}"
else
  fail "logins totals: unexpected answer '${got:-}'"
fi

# 4. Dynamic parameters + context (sqlQueryId, sqlTimeZone), exactly as the app sends them
param_query() {  # <tenant> <query id>
  sql "{\"query\":\"SELECT COUNT(*) FROM logins WHERE tenant = ?\",\"parameters\":[{\"type\":\"VARCHAR\",\"value\":\"$1\"}],\"context\":{\"sqlQueryId\":\"$2\",\"sqlTimeZone\":\"Europe/Berlin\"},\"resultFormat\":\"array\"}"
}
if got="$(param_query acme x1)" && [[ "$got" =~ ^\[\[[0-9]+\]\]$ ]] &&
   grep -qi '^X-Druid-SQL-Query-Id: x1' "$TMP_DIR/smoke-headers"; then
  ok "parameterized query (tenant=acme, sqlQueryId x1): $got, X-Druid-SQL-Query-Id echoed"
else
  fail "parameterized query (tenant=acme): '${got:-}'"
fi
if got="$(param_query "$TENANT" x2)" && [[ "$got" =~ ^\[\[([0-9]+)\]\]$ ]] && (( BASH_REMATCH[1] >= 1 )); then
  ok "parameterized query (tenant=$TENANT): $got rows"
else
  fail "parameterized query (tenant=$TENANT): '${got:-}'"
fi

# 5. Sketch metrics and the other datasources' specs (one row each)
check() {  # <label> <sql string (JSON-escaped)> <expected array>
  local got
  if got="$(wait_sql "{\"query\":\"$2\",\"resultFormat\":\"array\"}" "$3")"; then ok "$1: $got"
  else fail "$1: expected $3, got '$got'"; fi
}
check "logins HLL users_hll" \
  "SELECT APPROX_COUNT_DISTINCT_DS_HLL(users_hll) FROM logins WHERE \\\"user\\\" LIKE '${RUN}-%'" "[[3]]"
check "cluster_metrics sums/max" \
  "SELECT SUM(\\\"count\\\"), SUM(bytes_in), SUM(request_latency_ms), MAX(consumer_lag_max), MAX(under_replicated_max) FROM cluster_metrics WHERE cluster = '$RUN'" \
  "[[1,100,7.0,42,1]]"
check "sensor_readings sums/min/max/quantile" \
  "SELECT SUM(\\\"count\\\"), SUM(temperature_c), MIN(temperature_c_min), MAX(temperature_c_max), APPROX_QUANTILE_DS(temperature_c_q, 0.5) FROM sensor_readings WHERE sensor_id = '$RUN'" \
  "[[1,21.5,21.5,21.5,21.5]]"
check "alerts (no rollup, long/double dims)" \
  "SELECT COUNT(*), MAX(window_end) - MAX(window_start), SUM(\\\"value\\\"), SUM(threshold) FROM alerts WHERE rule = '$RUN'" \
  "[[1,60000,9.5,5.0]]"

if ((FAILS)); then
  die "$FAILS smoke check(s) failed"
fi
log "smoke test passed"
