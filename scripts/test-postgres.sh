#!/usr/bin/env bash
# npm run test:postgres — the app-state database tests (npm test runs them on PGlite) against a
# real PostgreSQL 15: a throwaway cluster in a temp directory on PULSE_TEST_PG_PORT (55433),
# stopped and removed afterwards. Fails, never skips, when PostgreSQL is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=/usr/lib/postgresql/15/bin
bash scripts/ensure-debian-package.sh postgresql "$bin/postgres"
port="${PULSE_TEST_PG_PORT:-55433}"
dir=$(mktemp -d)
# initdb refuses to run as root: as root, the cluster belongs to the postgres user.
if [[ $(id -u) -eq 0 ]]; then
  chown postgres "$dir"
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi
stop() {
  as_owner "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
started=$SECONDS
as_owner "$bin/initdb" -D "$dir" -A trust -U pulse >/dev/null
as_owner "$bin/pg_ctl" -D "$dir" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -l "$dir/log" -w start >/dev/null \
  || { cat "$dir/log" >&2; exit 1; }
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (ready in $((SECONDS - started))s)"
PULSE_TEST_DATABASE_URL="postgres://pulse@127.0.0.1:$port/postgres" npx vitest run \
  lib/store lib/runtime/demo-seed.test.ts lib/runtime/auth.test.ts lib/runtime/admin-cli.test.ts lib/alerts/db-alert-store.test.ts lib/alerts/outbox.test.ts lib/alerts/destinations \
  lib/reports app/api/admin.test.ts app/api/workspace.test.ts app/api/alerts.test.ts app/api/annotations.test.ts app/api/destinations.test.ts app/api/reports.test.ts "$@"
