#!/usr/bin/env bash
# The whole journey's figures (step 7), in this order, each output kept under bench/results/<date>-step7/:
# resident memory idle (bin/slipway status), push.sh, ticket-deploy.sh, rest-journey.sh, resident memory after
# that load, then startup.sh for each of the four services (each is restarted 3 times; the others stay up).
# [results folder, default bench/results/$(date +%F)-step7]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/results/$(date +%F)-step7}"
mkdir -p "$out"
status() { { echo "# bin/slipway status | $(date -u +%FT%TZ) | load $(cut -d' ' -f1-3 /proc/loadavg)"; "$here/../bin/slipway" status; } 2>&1; }
status | tee "$out/status-idle.txt"
"$here/push.sh" 30 5 2>&1 | tee "$out/push.txt"
"$here/ticket-deploy.sh" 20 3 2>&1 | tee "$out/ticket-deploy.txt"
"$here/rest-journey.sh" 20 2>&1 | tee "$out/rest-journey.txt"
status | tee "$out/status-after-load.txt"
for service in environment-service deployment-service ticket-service ssh-gateway; do
  "$here/startup.sh" 3 "$service" 2>&1 | tee "$out/startup-$service.txt"
done
status | tee "$out/status-after-restarts.txt"
