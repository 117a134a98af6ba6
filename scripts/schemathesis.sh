#!/usr/bin/env bash
# The API contract check (`npm run test:contract`): Schemathesis fuzzes every operation of
# /api/openapi.json against a running app (npm start) with --checks all, once with a session and
# once without. Any finding fails the run. Installs Schemathesis into .venv-schemathesis on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV="${SCHEMATHESIS_VENV:-$ROOT/.venv-schemathesis}"
VERSION=4.32.5
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-30}"
SEED="${SCHEMATHESIS_SEED:-20261}"

if ! "$VENV/bin/st" --version 2>/dev/null | grep -q "$VERSION"; then
  echo "[contract] installing schemathesis $VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$VERSION"
fi

PORT="${CONTRACT_PORT:-$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")}"
BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
APP_LOG="$WORK/app.log"
APP_PID=
stop_app() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; }
trap 'stop_app; rm -rf "$WORK"' EXIT

echo "[contract] starting the app on $BASE"
# A fresh app-state database each run: the fuzzer may change roles and remove members.
PORT=$PORT PULSE_METRICS_PORT=off PULSE_DATA_DIR="$WORK/data" PULSE_LOG_LEVEL="${PULSE_LOG_LEVEL:-warn}" node scripts/start.mjs >"$APP_LOG" 2>&1 &
APP_PID=$!
for _ in $(seq 1 600); do
  curl -sf "$BASE/api/health/ready" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$APP_LOG"; echo "[contract] the app did not start"; exit 1; }
  sleep 0.5
done
curl -sf "$BASE/api/health/ready" >/dev/null || { tail -50 "$APP_LOG"; echo "[contract] the app did not become healthy"; exit 1; }

# Signs in as a demo user; prints the session token (the pb_session cookie's value).
session() {
  curl -s -D - -o /dev/null -X POST "$BASE/api/session" -H 'content-type: application/json' \
    -d '{"email":"demo@acme.test","password":"demo"}' | sed -n 's/^[Ss]et-[Cc]ookie: pb_session=\([^;]*\);.*/\1/p'
}
TOKEN="$(session)"
[ -n "$TOKEN" ] || { echo "[contract] could not sign in"; exit 1; }

# Schema-valid requests that a documented rule no schema can state refuses with 400:
# - a webhook or JWKS URL, by the class of its address (private and loopback are refused);
# - a saved view, against its dashboard's dimensions, span and grain (as POST /api/query does);
# - a customer dashboard document, against the dashboard schema and its datasource's declarations;
# - accepting an invitation, a password only when the invitation creates the account;
# - an annotation, against the declared datasources and their dimensions; the interval asked for, to after from;
# - rows and exports, the view against its dashboard (as POST /api/query); rows' page × pageSize below 1,000;
# - a destination: e-mail only with the server's SMTP settings, a Slack URL by its address, its kind unchanged;
# - a scheduled report: its view against its dashboard, e-mail only with SMTP settings and to members of the tenant.
EXCEPTIONS='
[[operations]]
include-operation-id = ["registerWebhook", "adminSetEmbed", "saveView", "changeSavedView", "createDashboard", "replaceDashboard", "acceptInvitation", "addAnnotation", "listAnnotations", "showRows", "exportFile", "addDestination", "changeDestination", "scheduleReport"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "401", "403", "404", "409", "429", "5xx"]
# Acknowledging or resolving an alert that is resolved already is 409 (its id names a real alert).
[[operations]]
include-operation-id = ["acknowledgeAlert", "resolveAlert"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "429", "5xx"]
# The single sign-on redirects carry the values of the provider in the query: a request line past the
# header limit of the front (16 KiB) is 431 whatever the schema says, valid or not.
[[operations]]
include-operation-id = ["oidcStart", "oidcCallback"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "429", "431", "5xx"]
checks.negative_data_rejection.expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "415", "422", "428", "429", "431", "5xx"]
'
printf '[auth.openapi.session]\napi_key = "${PB_SESSION}"\n%s' "$EXCEPTIONS" >"$WORK/with-session.toml"
printf '%s' "$EXCEPTIONS" >"$WORK/without-session.toml"

# GET /api/stream answers with an event stream that stays open (minutes): Schemathesis would wait on
# each one. Its parameters are fuzzed in process instead (app/api/fuzz.reliability.test.ts reads a
# stream's first event and closes it).
failed=0
run() {
  local name=$1 config=$2
  echo "[contract] schemathesis $name"
  # It writes .hypothesis/ and report files into the working directory: keep them out of the repo.
  # Its closing banner is framed like pytest's ("=== 2 warnings in 42.30s ==="), which CI log readers
  # take for a pytest run that executed no test; the counted line is "N generated, N passed" above it.
  (cd "$WORK" && PB_SESSION="$TOKEN" SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH="$ROOT/scripts" \
    "$VENV/bin/st" --config-file "$config" --no-color run "$BASE/api/openapi.json" --url "$BASE" \
      --checks all --max-examples "$MAX_EXAMPLES" --seed "$SEED" --exclude-operation-id streamDashboard \
    | sed -E 's/^=+ (.+ in [0-9.]+s) =+$/[contract] schemathesis finished: \1/') || failed=1
}
run "with a session" "$WORK/with-session.toml"
run "without a session" "$WORK/without-session.toml"
[ "$failed" = 0 ] && echo "[contract] no findings" || echo "[contract] FINDINGS above"
exit "$failed"
