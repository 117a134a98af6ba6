#!/usr/bin/env bash
# Usage: ensure-debian-package.sh <package> <program path>
# Test suites drive real programs from Debian (Chromium for the browser tests, redis-server for
# the shared cache). Installs the package when the program is missing and we may (root with apt);
# otherwise says exactly what to do.
set -euo pipefail
package="$1" program="$2"
[[ -x "$program" ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "installing Debian's $package for the tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  exit 0
fi
echo "The tests need $program: sudo apt-get install -y $package" >&2
exit 1
