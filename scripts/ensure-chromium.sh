#!/usr/bin/env bash
# The browser suite drives Debian's Chromium (Playwright cannot download its own here).
# Installs it when missing and we may (root with apt); otherwise says exactly what to do.
set -euo pipefail
[[ -x /usr/bin/chromium ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at /usr/bin/chromium: sudo apt-get install -y chromium" >&2
exit 1
