#!/usr/bin/env bash
# The web console (step 9): the project overview with 50 environments (made through the API) in Debian's
# Chromium, navigation start → the tree's last environment visible and the page's button enabled, in a
# fresh browser context per run; p50 over [runs] (default 9). Also the JavaScript first load fetched, gzipped.
# SLIPWAY_CONSOLE_URL: the origin (default http://127.0.0.1:8080/); SLIPWAY_ROOT: the checkout whose suite
# mints the token (bin/slipway token); SLIPWAY_BENCH_PROJECT: reuse a project made earlier.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -d "$here/console/node_modules" ] || (cd "$here/console" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=warn)
exec node "$here/console/overview.mjs" "${1:-9}"
