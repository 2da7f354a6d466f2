#!/usr/bin/env bash
# The web console's figures (step 9), each output kept under [folder] (default bench/results/<date>-step9-console):
# the bundle vite build reports, console-overview.sh 9 and console-lighthouse.sh 3 on one project of 50 environments.
# Needs a running suite; SLIPWAY_CONSOLE_URL and SLIPWAY_ROOT as in console-overview.sh. Figures: docs/performance.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/results/$(date +%F)-step9-console}"
mkdir -p "$out"
[ -d "$here/console/node_modules" ] || (cd "$here/console" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=warn)
(cd "$here/../console" && npx vite build 2>&1) | tee "$out/vite-build.txt"
"$here/console-overview.sh" 9 2>&1 | tee "$out/overview.txt"
export SLIPWAY_BENCH_PROJECT="${SLIPWAY_BENCH_PROJECT:-$(sed -n 's/^project \([a-z0-9]*\):.*/\1/p' "$out/overview.txt")}"
"$here/console-lighthouse.sh" 3 "$out/lighthouse" 2>&1 | tee "$out/lighthouse.txt"
